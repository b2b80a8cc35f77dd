using System.Net;
using Formation.Application.Data;
using Formation.Web.Tests.Support;

namespace Formation.Web.Tests.Features.Account;

/// <summary>Cookie sign-in: wrong and right passwords, lock-out after repeated failures.</summary>
[Collection(SharedWebApp.Name)]
public sealed class SignInTests(WebAppFixture fixture)
{
    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task SignIn_WrongPassword_Returns401WithMessage(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var member = await app.AddMemberOfAAsync(Role.Staff);
        using var browser = app.Factory.NewSession();

        var response = await browser.SignInAsync(member.Email, "not the password");

        response.Status.ShouldBe(HttpStatusCode.Unauthorized);
        response.Text.ShouldContain("The e-mail or password is wrong.");
        (await browser.GetAsync($"/o/{app.OrganizationA}")).Status.ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task SignIn_UnknownEmail_Returns401WithTheSameMessage(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var browser = app.Factory.NewSession();

        var response = await browser.SignInAsync("nobody@nowhere.test", "whatever it is");

        response.Status.ShouldBe(HttpStatusCode.Unauthorized);
        response.Text.ShouldContain("The e-mail or password is wrong.");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task SignIn_EmptyFields_Returns400WithMessage(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var browser = app.Factory.NewSession();

        var response = await browser.SignInAsync("", "");

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Text.ShouldContain("Give your e-mail and password.");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task SignIn_RightPassword_RedirectsAndSignsIn(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var member = await app.AddMemberOfAAsync(Role.Staff);
        using var browser = app.Factory.NewSession();

        var response = await browser.SignInAsync(member.Email.ToUpperInvariant());
        var start = await browser.GetAsync("/");

        response.Status.ShouldBe(HttpStatusCode.Redirect);
        response.LocationPath.ShouldBe("/");
        start.Status.ShouldBe(HttpStatusCode.Redirect);
        start.LocationPath.ShouldBe($"/o/{app.OrganizationA}");
        (await browser.GetAsync(start.LocationPath!)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task SignIn_WithLocalReturnUrl_GoesThereButNeverOffSite(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var browser = app.Factory.NewSession();
        using var other = app.Factory.NewSession();
        var versions = $"/o/{app.OrganizationA}/versions";

        var local = await browser.SubmitAsync("/signin", "/signin", ("Email", app.Owner.Email), ("Password", Flows.Password), ("returnUrl", versions));
        var offSite = await other.SubmitAsync("/signin", "/signin", ("Email", app.Owner.Email), ("Password", Flows.Password), ("returnUrl", "https://evil.test/phish"));

        local.LocationPath.ShouldBe(versions);
        offSite.Status.ShouldBe(HttpStatusCode.Redirect);
        offSite.Location.ShouldBe("/");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task SignIn_TenWrongPasswords_LocksTheAccountEvenForTheRightOne(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var member = await app.AddMemberOfAAsync(Role.Viewer);
        using var browser = app.Factory.NewSession();
        var token = await browser.AntiforgeryTokenAsync("/signin");

        var failures = new List<HttpStatusCode>();
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            failures.Add((await browser.PostFormAsync("/signin", token, ("Email", member.Email), ("Password", $"wrong guess {attempt}"))).Status);
        }

        var right = await browser.PostFormAsync("/signin", token, ("Email", member.Email), ("Password", Flows.Password));

        failures.Take(9).ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        failures[9].ShouldBe(HttpStatusCode.TooManyRequests);
        right.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        right.Text.ShouldContain("the account is locked until");
        (await browser.GetAsync($"/o/{app.OrganizationA}")).Status.ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task SignIn_FiftyWrongPasswords_EveryOneIsAClear4xxAndNothingBreaks(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var member = await app.AddMemberOfAAsync(Role.Viewer);
        using var browser = app.Factory.NewSession();
        var token = await browser.AntiforgeryTokenAsync("/signin");

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 1; attempt <= 50; attempt++)
        {
            var reply = await browser.PostFormAsync("/signin", token, ("Email", member.Email), ("Password", $"guess number {attempt}"));
            statuses.Add(reply.Status);
            reply.Text.ShouldNotContain("   at ");
        }

        // Wrong passwords are 401 until the account locks, then 429 with the time it unlocks; never a 500.
        statuses.ShouldAllBe(s => s == HttpStatusCode.Unauthorized || s == HttpStatusCode.TooManyRequests);
        statuses.Count(s => s == HttpStatusCode.Unauthorized).ShouldBe(9);
        (await browser.GetAsync($"/o/{app.OrganizationA}")).Status.ShouldBe(HttpStatusCode.Redirect);
    }
}
