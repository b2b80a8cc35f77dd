using System.Net;
using Formation.Application.Data;
using Formation.Web.Tests.Support;

namespace Formation.Web.Tests.Features.Account;

/// <summary>Signing out takes a POST with the antiforgery token, so no link or foreign page can sign a user out.</summary>
[Collection(SharedWebApp.Name)]
public sealed class SignOutTests(WebAppFixture fixture)
{
    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task SignOut_Get_DoesNotSignOut(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var browser = (await app.AddMemberOfAAsync(Role.Staff)).Session;

        var response = await browser.GetAsync("/signout");

        response.Status.ShouldBe(HttpStatusCode.Redirect);
        response.LocationPath.ShouldBe("/");
        (await browser.GetAsync($"/o/{app.OrganizationA}")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task SignOut_PostWithoutToken_Returns400AndStaysSignedIn(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var browser = (await app.AddMemberOfAAsync(Role.Staff)).Session;

        var response = await browser.PostFormAsync("/signout", null);

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        (await browser.GetAsync($"/o/{app.OrganizationA}")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task SignOut_PostFromTheLayoutForm_SignsOut(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var browser = (await app.AddMemberOfAAsync(Role.Staff)).Session;
        var page = await browser.GetAsync($"/o/{app.OrganizationA}/versions");
        var form = page.Form("/signout") ?? throw new ShouldAssertException("The layout has no sign-out form." + page);

        var response = await browser.PostFormAsync("/signout", form.AntiforgeryToken);
        var after = await browser.GetAsync($"/o/{app.OrganizationA}");

        form.AntiforgeryToken.ShouldNotBeNull("the sign-out form must carry its own antiforgery token");
        response.Status.ShouldBe(HttpStatusCode.Redirect);
        response.LocationPath.ShouldBe("/signin");
        after.Status.ShouldBe(HttpStatusCode.Redirect);
        after.LocationPath.ShouldStartWith("/signin");
    }
}
