using System.Net;
using Formation.Application.Data;
using Formation.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Tests.Features.Setup;

/// <summary>First run on an empty database: the first account is asked for, and there are no default credentials.</summary>
public sealed class SetupTests
{
    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Root_FirstRun_RedirectsToSignInWhichRedirectsToSetup(string provider)
    {
        await using var factory = await FormationWebFactory.CreateAsync(provider);
        using var browser = factory.NewSession();

        var root = await browser.GetAsync("/");
        var signIn = await browser.GetAsync(root.LocationPath!);
        var setup = await browser.GetAsync(signIn.LocationPath!);

        root.Status.ShouldBe(HttpStatusCode.Redirect);
        root.LocationPath.ShouldStartWith("/signin");
        signIn.Status.ShouldBe(HttpStatusCode.Redirect);
        signIn.LocationPath.ShouldBe("/setup");
        setup.Status.ShouldBe(HttpStatusCode.OK);
        setup.Text.ShouldContain("no default passwords");
        setup.AntiforgeryToken.ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task SignIn_BeforeSetup_NoCommonCredentialWorks(string provider)
    {
        await using var factory = await FormationWebFactory.CreateAsync(provider);
        using var browser = factory.NewSession();
        var token = await browser.AntiforgeryTokenAsync("/setup");
        (string Email, string Password)[] guesses =
        [
            ("admin", "admin"), ("admin@localhost", "admin"), ("admin@example.com", "password"), ("root", "root"),
            ("owner@formation.local", "formation"), ("admin@formation.local", "changeme"), ("user@example.com", "123456"),
        ];

        foreach (var (email, password) in guesses)
        {
            var response = await browser.PostFormAsync("/signin", token, ("Email", email), ("Password", password));

            response.Status.ShouldBe(HttpStatusCode.Unauthorized, $"{email} / {password}");
            response.Text.ShouldContain("The e-mail or password is wrong.");
        }

        (await factory.QueryAsync(Guid.Empty, db => db.Users.CountAsync())).ShouldBe(0);
        (await browser.GetAsync("/o/" + Guid.NewGuid())).LocationPath.ShouldStartWith("/signin");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Setup_Post_CreatesOwnerAndOrganizationAndLandsOnIt(string provider)
    {
        await using var factory = await FormationWebFactory.CreateAsync(provider);
        using var browser = factory.NewSession();

        var organization = await browser.SetUpAsync("Tea Garden", "first@tea.test");
        var landing = await browser.GetAsync($"/o/{organization}");

        landing.Status.ShouldBe(HttpStatusCode.OK);
        landing.Text.ShouldContain("Tea Garden");
        landing.Text.ShouldContain("Owner");
        var membership = await factory.QueryAsync(organization, db => db.Memberships.SingleAsync());
        membership.OrganizationId.ShouldBe(organization);
        membership.Role.ShouldBe(Role.Owner);
        var user = await factory.QueryAsync(organization, db => db.Users.SingleAsync());
        user.Email.ShouldBe("first@tea.test");
        user.PasswordHash.ShouldNotContain(Flows.Password);
        (await factory.QueryAsync(organization, db => db.Organizations.SingleAsync())).Currency.ShouldBe("CNY");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Setup_SecondPost_Returns404AndCreatesNothing(string provider)
    {
        await using var factory = await FormationWebFactory.CreateAsync(provider);
        using var first = factory.NewSession();
        using var second = factory.NewSession();
        var secondToken = await second.AntiforgeryTokenAsync("/setup"); // the form was open before the first finished
        await first.SetUpAsync("Tea Garden", "first@tea.test");

        var again = await second.PostFormAsync("/setup", secondToken,
            ("Input.OrganizationName", "Intruder Ltd"), ("Input.Currency", "CNY"), ("Input.DisplayName", "Intruder"),
            ("Input.Email", "intruder@evil.test"), ("Input.Password", "another long password"));
        var setupPage = await second.GetAsync("/setup");

        again.Status.ShouldBe(HttpStatusCode.NotFound);
        setupPage.Status.ShouldBe(HttpStatusCode.Redirect);
        setupPage.LocationPath.ShouldBe("/signin");
        (await factory.QueryAsync(Guid.Empty, db => db.Users.CountAsync())).ShouldBe(1);
        (await factory.QueryAsync(Guid.Empty, db => db.Organizations.CountAsync())).ShouldBe(1);
        (await second.SignInAsync("intruder@evil.test", "another long password")).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Setup_ShortPasswordOrBadCurrencyOrZone_Returns400WithErrorsAndCreatesNothing(string provider)
    {
        await using var factory = await FormationWebFactory.CreateAsync(provider);
        using var browser = factory.NewSession();

        var response = await browser.SubmitAsync("/setup", "/setup",
            ("Input.OrganizationName", "Tea Garden"), ("Input.Currency", "yuan"), ("Input.TimeZone", "Asia"), ("Input.DisplayName", "Owner"),
            ("Input.Email", "first@tea.test"), ("Input.Password", "short"));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Text.ShouldContain("The password needs at least 10 characters.");
        response.Text.ShouldContain("Give a three-letter currency code such as CNY.");
        response.Text.ShouldContain("Unknown time zone");
        (await factory.QueryAsync(Guid.Empty, db => db.Users.CountAsync())).ShouldBe(0);
    }
}
