using System.Net;
using Formation.Application.Data;
using Formation.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Tests.Infrastructure;

/// <summary>Every form POST needs this session's antiforgery token; without it nothing is written.</summary>
[Collection(SharedWebApp.Name)]
public sealed class AntiforgeryTests(WebAppFixture fixture)
{
    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Post_WithoutOrWithATamperedOrForeignToken_Returns400AndWritesNothing(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var a = app.OrganizationA;
        var good = await owner.AntiforgeryTokenAsync(Flows.FormPageOf(a));
        var tampered = good[..^4] + (good.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var foreign = await app[Role.Manager].Session.AntiforgeryTokenAsync(Flows.FormPageOf(a)); // valid, but another user's
        var before = await SnapshotAsync(app);

        foreach (var token in new[] { null, "", tampered, foreign })
        {
            var writes = new[]
            {
                await owner.PostFormAsync($"/o/{a}/profile?handler=Save", token, ("Yaml", Profiles.WithContentPieces(33)), ("revision", "0")),
                await owner.PostFormAsync($"/o/{a}?handler=Accept", token, ("note", "forged")),
                await owner.PostFormAsync($"/o/{a}/members?handler=Invite", token, ("Email", "forged@alpha.test"), ("InviteRole", "Owner")),
                await owner.PostFormAsync($"/o/{a}/tokens?handler=Create", token, ("Name", "forged")),
                await owner.PostFormAsync("/", token, ("Name", "Forged Org"), ("Currency", "CNY")),
                await owner.PostFormAsync("/language", token, ("lang", "zh"), ("returnUrl", "/")),
            };

            foreach (var response in writes)
            {
                response.Status.ShouldBe(HttpStatusCode.BadRequest, $"token \"{token}\": {response}");
                response.Text.ShouldContain("Bad request");
            }
        }

        (await SnapshotAsync(app)).ShouldBe(before);
        (await owner.GetAsync($"/o/{a}")).Text.ShouldContain("Head count", customMessage: "the language did not change");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Upload_WithoutToken_Returns400AndWritesNothing(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var before = await SnapshotAsync(app);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Profiles.Bytes(Profiles.WithContentPieces(34))), "file", "forged.yaml" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/o/{app.OrganizationA}/profile?handler=Upload") { Content = form };

        var response = await app.Owner.Session.SendAsync(request);

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        (await SnapshotAsync(app)).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task SignIn_WithoutToken_Returns400AndDoesNotSignIn(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var browser = app.Factory.NewSession();

        var response = await browser.PostFormAsync("/signin", null, ("Email", app.Owner.Email), ("Password", Flows.Password));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        (await browser.GetAsync("/")).Status.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetAsync("/")).LocationPath.ShouldStartWith("/signin");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Forms_OnEveryPage_CarryAToken(string provider)
    {
        var app = await fixture.GetAsync(provider);

        foreach (var page in new[] { "", "/profile", "/members", "/tokens", "/versions", "/blueprint" })
        {
            var response = await app.Owner.Session.GetAsync($"/o/{app.OrganizationA}{page}");
            var posts = System.Text.RegularExpressions.Regex.Matches(response.Html, "<form[^>]*method=\"post\"[^>]*>(.*?)</form>", System.Text.RegularExpressions.RegexOptions.Singleline);

            posts.Count.ShouldBeGreaterThan(0, page);
            foreach (System.Text.RegularExpressions.Match form in posts)
            {
                form.Value.ShouldContain("__RequestVerificationToken", customMessage: $"{page}: {form.Value}");
            }
        }
    }

    private static Task<(int Revision, int Versions, int Invitations, int Tokens, int Organizations, string? Language)> SnapshotAsync(SeededApp app) =>
        app.Factory.QueryAsync(app.OrganizationA, async db => (
            (await db.ProfileDrafts.SingleAsync()).Revision,
            await db.PlanVersions.CountAsync(),
            await db.Invitations.CountAsync(),
            await db.PersonalAccessTokens.CountAsync(),
            await db.Organizations.CountAsync(),
            (await db.Users.SingleAsync(u => u.Email == app.Owner.Email)).Language));
}
