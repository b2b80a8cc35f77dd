using System.Net;
using Formation.Web.Tests.Support;

namespace Formation.Web.Tests.Infrastructure;

/// <summary>Every response forbids framing and sniffing, leaks no referrer and runs scripts from this site only.</summary>
[Collection(SharedWebApp.Name)]
public sealed class SecurityHeadersTests(WebAppFixture fixture)
{
    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Responses_PagesApiAndErrors_CarryTheSecurityHeaders(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var anonymous = app.Factory.NewSession();

        var responses = new[]
        {
            await app.Owner.Session.GetAsync($"/o/{app.OrganizationA}/blueprint"),
            await anonymous.GetAsync("/signin"),
            await anonymous.GetAsync("/no-such-page"),
            await anonymous.GetAsync("/api/v1/openapi.json"),
            await app.Owner.Session.GetAsync($"/api/v1/organizations/{app.OrganizationA}/blueprint"),
        };

        foreach (var response in responses)
        {
            var csp = response.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem();
            csp.ShouldContain("default-src 'self'");
            csp.ShouldContain("script-src 'self'");
            csp.ShouldContain("frame-ancestors 'none'");
            csp.ShouldNotContain("unsafe-eval");
            response.Headers.GetValues("X-Frame-Options").ShouldHaveSingleItem().ShouldBe("DENY");
            response.Headers.GetValues("X-Content-Type-Options").ShouldHaveSingleItem().ShouldBe("nosniff");
            response.Headers.GetValues("Referrer-Policy").ShouldHaveSingleItem().ShouldBe("no-referrer");
        }
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Pages_HaveNoInlineScript(string provider)
    {
        var app = await fixture.GetAsync(provider);

        var page = await app.Owner.Session.GetAsync($"/o/{app.OrganizationA}/blueprint");

        // script-src 'self' blocks inline code; the org chart data rides in a JSON script block, which is not executed.
        System.Text.RegularExpressions.Regex.Matches(page.Html, "<script(?![^>]*\\bsrc=)(?![^>]*type=\"application/json\")[^>]*>").ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task AuthCookie_IsHttpOnlyAndSameSite(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var browser = app.Factory.NewSession();
        var token = await browser.AntiforgeryTokenAsync("/signin");

        var response = await browser.PostFormAsync("/signin", token, ("Email", app.Owner.Email), ("Password", Flows.Password));

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("formation=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=lax", Case.Insensitive);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Health_Get_Returns200(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var anonymous = app.Factory.NewSession();

        var response = await anonymous.GetAsync("/health");

        response.Status.ShouldBe(HttpStatusCode.OK);
        response.Text.ShouldBe("Healthy");
    }
}
