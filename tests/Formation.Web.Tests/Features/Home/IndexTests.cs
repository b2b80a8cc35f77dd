using System.Net;
using Formation.Application.Data;
using Formation.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Tests.Features.Home;

/// <summary>The start page: the user's organisations, and starting another one.</summary>
[Collection(SharedWebApp.Name)]
public sealed class IndexTests(WebAppFixture fixture)
{
    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Index_Anonymous_RedirectsToSignIn(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var browser = app.Factory.NewSession();

        var response = await browser.GetAsync("/");

        response.Status.ShouldBe(HttpStatusCode.Redirect);
        response.LocationPath.ShouldStartWith("/signin");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Index_SeveralOrganizations_ListsOnlyTheUsersOwn(string provider)
    {
        var app = await fixture.GetAsync(provider);

        var page = await app.Owner.Session.GetAsync("/");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Text.ShouldContain(app.OrganizationAName);
        page.Text.ShouldContain("Scratch");
        page.Text.ShouldNotContain("Beta Shop");
        page.Text.ShouldNotContain(app.OrganizationB.ToString());
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task IndexPost_ValidNameAndCurrency_CreatesOrganizationOwnedByTheUser(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var member = await app.AddMemberOfAAsync(Role.Staff);

        var organization = await member.Session.CreateOrganizationAsync("Side Venture", "USD");
        var page = await member.Session.GetAsync($"/o/{organization}");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Text.ShouldContain("Side Venture");
        page.Text.ShouldContain("There is no profile yet.");
        (await app.Factory.QueryAsync(organization, db => db.Memberships.SingleAsync(m => m.OrganizationId == organization))).Role.ShouldBe(Role.Owner);
        (await app.Factory.QueryAsync(organization, db => db.Organizations.SingleAsync(o => o.Id == organization))).Currency.ShouldBe("USD");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task IndexPost_BadCurrency_Returns400WithMessageAndCreatesNothing(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var before = await app.Factory.QueryAsync(Guid.Empty, db => db.Organizations.CountAsync());

        var response = await app.Owner.Session.PostFormAsync("/", await app.Owner.Session.AnyFormTokenAsync(), ("Name", "No Currency"), ("Currency", "rmb"));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Text.ShouldContain("Give a three-letter currency code such as CNY.");
        (await app.Factory.QueryAsync(Guid.Empty, db => db.Organizations.CountAsync())).ShouldBe(before);
    }
}
