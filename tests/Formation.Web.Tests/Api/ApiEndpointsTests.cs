using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Formation.Application.Data;
using Formation.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Tests.Api;

/// <summary>The JSON API under /api/v1 with personal access tokens: one organisation per token, roles as on the pages.</summary>
[Collection(SharedWebApp.Name)]
public sealed class ApiEndpointsTests(WebAppFixture fixture)
{
    private const string ProblemJson = "application/problem+json";

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Organizations_WithToken_ListsOnlyTheTokensOrganization(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var token = await app.Owner.Session.CreateTokenAsync(app.OrganizationA, "list");
        using var script = app.Factory.NewSession();

        var response = await script.GetAsync("/api/v1/organizations", token);

        response.Status.ShouldBe(HttpStatusCode.OK);
        response.MediaType.ShouldBe("application/json");
        using var json = JsonDocument.Parse(response.Body);
        var organization = json.RootElement.EnumerateArray().ShouldHaveSingleItem();
        organization.GetProperty("id").GetGuid().ShouldBe(app.OrganizationA);
        organization.GetProperty("name").GetString().ShouldBe(app.OrganizationAName);
        organization.GetProperty("role").GetString().ShouldBe("owner");
        organization.GetProperty("timeZone").GetString().ShouldBe("Asia/Shanghai"); // scripts can tell the organisation's today
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Profile_GetThenPut_RoundTripsWithETagsAndRefusesAStaleIfMatch(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var o = await app.NewOrganizationAsync("API profile");
        await app.Owner.Session.UploadProfileAsync(o, Profiles.Retailer);
        var token = await app.Owner.Session.CreateTokenAsync(o, "profile");
        using var script = app.Factory.NewSession();

        var get = await script.GetAsync($"/api/v1/organizations/{o}/profile", token);
        var etag = get.Headers.ETag!.Tag;
        var put = await PutProfileAsync(script, o, token, Profiles.WithContentPieces(12), etag);
        var stale = await PutProfileAsync(script, o, token, Profiles.WithContentPieces(14), etag);

        get.Status.ShouldBe(HttpStatusCode.OK);
        get.MediaType.ShouldBe("application/yaml");
        Encoding.UTF8.GetString(get.Body).ShouldBe(Profiles.Retailer);
        etag.ShouldBe("\"1\"");
        put.Status.ShouldBe(HttpStatusCode.NoContent);
        put.Headers.ETag!.Tag.ShouldBe("\"2\"");
        stale.Status.ShouldBe(HttpStatusCode.PreconditionFailed);
        stale.MediaType.ShouldBe(ProblemJson);
        ProblemOf(stale).GetProperty("status").GetInt32().ShouldBe(412);
        (await app.Factory.QueryAsync(o, db => db.ProfileDrafts.SingleAsync())).Yaml.ShouldBe(Profiles.WithContentPieces(12));
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Profile_PutInvalidYaml_Returns400ProblemWithErrorsNamingLineAndKey(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var o = await app.NewOrganizationAsync("API invalid");
        await app.Owner.Session.UploadProfileAsync(o, Profiles.Retailer);
        var token = await app.Owner.Session.CreateTokenAsync(o, "invalid");
        using var script = app.Factory.NewSession();
        var invalid = Profiles.Retailer.Replace("  industry: tea\n", "  industry: tea\n  colour: green\n", StringComparison.Ordinal);
        var line = invalid.Split('\n').ToList().FindIndex(l => l.Contains("colour", StringComparison.Ordinal)) + 1;

        var response = await PutProfileAsync(script, o, token, invalid);

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.MediaType.ShouldBe(ProblemJson);
        var problem = ProblemOf(response);
        problem.GetProperty("status").GetInt32().ShouldBe(400);
        var error = problem.GetProperty("errors").EnumerateArray().ShouldHaveSingleItem();
        error.GetProperty("line").GetInt32().ShouldBe(line);
        error.GetProperty("key").GetString().ShouldBe("enterprise.colour");
        error.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
        (await app.Factory.QueryAsync(o, db => db.ProfileDrafts.SingleAsync())).Revision.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Profile_PutWithAViewersToken_Returns403Problem(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var token = await app[Role.Viewer].Session.CreateTokenAsync(app.OrganizationA, "viewer");
        var before = await app.Factory.QueryAsync(app.OrganizationA, db => db.ProfileDrafts.SingleAsync());
        using var script = app.Factory.NewSession();

        var get = await script.GetAsync($"/api/v1/organizations/{app.OrganizationA}/profile", token);
        var put = await PutProfileAsync(script, app.OrganizationA, token, Profiles.WithContentPieces(19));

        get.Status.ShouldBe(HttpStatusCode.OK);
        put.Status.ShouldBe(HttpStatusCode.Forbidden);
        put.MediaType.ShouldBe(ProblemJson);
        ProblemOf(put).GetProperty("status").GetInt32().ShouldBe(403);
        var after = await app.Factory.QueryAsync(app.OrganizationA, db => db.ProfileDrafts.SingleAsync());
        (after.Revision, after.Yaml).ShouldBe((before.Revision, before.Yaml));
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Blueprint_Get_ReturnsTheCliJsonContract(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var o = await app.NewOrganizationAsync("API blueprint");
        await app.Owner.Session.UploadProfileAsync(o, Profiles.Retailer);
        var token = await app.Owner.Session.CreateTokenAsync(o, "blueprint");
        using var script = app.Factory.NewSession();

        var response = await script.GetAsync($"/api/v1/organizations/{o}/blueprint", token);
        var chinese = await script.GetAsync($"/api/v1/organizations/{o}/blueprint?lang=zh", token);

        response.Status.ShouldBe(HttpStatusCode.OK);
        response.MediaType.ShouldBe("application/json");
        using var json = JsonDocument.Parse(response.Body);
        var plan = json.RootElement;
        foreach (var field in new[] { "enterprise", "models", "headcount", "posts", "consulting", "cost", "makeOrBuy", "findings", "roadmap", "activities" })
        {
            plan.TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        plan.GetProperty("headcount").GetProperty("total").GetDecimal().ShouldBe(Profiles.RetailerHeadcount);
        plan.GetProperty("headcount").GetProperty("byFunction").ValueKind.ShouldBe(JsonValueKind.Object);
        foreach (var post in plan.GetProperty("posts").EnumerateArray())
        {
            foreach (var field in new[] { "id", "title", "function", "headcount", "reportsTo", "phases", "duties", "skills", "justification" })
            {
                post.TryGetProperty(field, out _).ShouldBeTrue($"posts[].{field}");
            }
        }

        foreach (var finding in plan.GetProperty("findings").EnumerateArray())
        {
            finding.GetProperty("severity").GetString().ShouldBeOneOf("error", "warning", "info");
            finding.GetProperty("rule").GetString().ShouldNotBeNullOrWhiteSpace();
        }

        plan.GetProperty("cost").GetProperty("totalAnnual").GetDecimal().ShouldBe(900000m);
        plan.GetProperty("language").GetString().ShouldBe("en");
        using var zh = JsonDocument.Parse(chinese.Body);
        zh.RootElement.GetProperty("language").GetString().ShouldBe("zh");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Blueprint_Post_ComputesThePostedProfileWithoutSaving(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var o = await app.NewOrganizationAsync("API compute");
        await app.Owner.Session.UploadProfileAsync(o, Profiles.Retailer);
        var token = await app.Owner.Session.CreateTokenAsync(o, "compute");
        using var script = app.Factory.NewSession();

        var computed = await SendYamlAsync(script, HttpMethod.Post, $"/api/v1/organizations/{o}/blueprint", token, Profiles.RetailerWithMoreContent);
        var invalid = await SendYamlAsync(script, HttpMethod.Post, $"/api/v1/organizations/{o}/blueprint", token, "enterprise: [");

        computed.Status.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(computed.Body);
        json.RootElement.GetProperty("headcount").GetProperty("total").GetDecimal().ShouldBe(Profiles.RetailerWithMoreContentHeadcount);
        invalid.Status.ShouldBe(HttpStatusCode.BadRequest);
        invalid.MediaType.ShouldBe(ProblemJson);
        var draft = await app.Factory.QueryAsync(o, db => db.ProfileDrafts.SingleAsync());
        (draft.Revision, draft.Yaml).ShouldBe((1, Profiles.Retailer));
        (await app.Factory.QueryAsync(o, db => db.PlanVersions.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Versions_Get_ListsAcceptedVersionsNewestFirst(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var o = await app.NewOrganizationAsync("API versions");
        await app.Owner.Session.UploadAndAcceptAsync(o, Profiles.Retailer);
        await app.Owner.Session.UploadAndAcceptAsync(o, Profiles.RetailerWithMoreContent);
        var token = await app.Owner.Session.CreateTokenAsync(o, "versions");
        using var script = app.Factory.NewSession();

        var list = await script.GetAsync($"/api/v1/organizations/{o}/versions", token);
        var first = await script.GetAsync($"/api/v1/organizations/{o}/versions/1/blueprint", token);
        var missing = await script.GetAsync($"/api/v1/organizations/{o}/versions/99/blueprint", token);

        list.Status.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(list.Body);
        var versions = json.RootElement.EnumerateArray().ToList();
        versions.Select(v => v.GetProperty("number").GetInt32()).ShouldBe([2, 1]);
        versions.Select(v => v.GetProperty("headcount").GetDecimal()).ShouldBe([Profiles.RetailerWithMoreContentHeadcount, Profiles.RetailerHeadcount]);
        using var v1 = JsonDocument.Parse(first.Body);
        v1.RootElement.GetProperty("headcount").GetProperty("total").GetDecimal().ShouldBe(Profiles.RetailerHeadcount);
        missing.Status.ShouldBe(HttpStatusCode.NotFound);
        missing.MediaType.ShouldBe(ProblemJson);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task TokenOfOrganizationA_OnOrganizationBsUrls_Returns404Problem(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var token = await app.Owner.Session.CreateTokenAsync(app.OrganizationA, "cross");
        var scratch = await app.NewOrganizationAsync("Same owner");
        using var script = app.Factory.NewSession();

        foreach (var o in new[] { app.OrganizationB, scratch })
        {
            foreach (var path in new[] { "profile", "blueprint", "versions" })
            {
                var response = await script.GetAsync($"/api/v1/organizations/{o}/{path}", token);

                response.Status.ShouldBe(HttpStatusCode.NotFound, $"{o}/{path}");
                response.MediaType.ShouldBe(ProblemJson);
                response.Text.ShouldNotContain("Beta Shop");
            }

            (await PutProfileAsync(script, o, token, Profiles.Retailer)).Status.ShouldBe(HttpStatusCode.NotFound);
        }

        (await app.Factory.QueryAsync(app.OrganizationB, db => db.ProfileDrafts.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task RevokedToken_Returns401(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var name = $"to revoke {Guid.NewGuid():N}";
        var token = await owner.CreateTokenAsync(app.OrganizationA, name);
        using var script = app.Factory.NewSession();
        (await script.GetAsync("/api/v1/organizations", token)).Status.ShouldBe(HttpStatusCode.OK);
        var id = await app.Factory.QueryAsync(app.OrganizationA, db => db.PersonalAccessTokens.Where(t => t.Name == name).Select(t => t.Id).SingleAsync());
        var tokens = await owner.GetAsync(Flows.FormPageOf(app.OrganizationA));
        var revokeForm = tokens.Form($"/o/{app.OrganizationA}/tokens?id={id}&handler=Revoke") ?? throw new ShouldAssertException("No revoke form for the token." + tokens);

        var revoke = await owner.PostFormAsync(revokeForm.Action, revokeForm.AntiforgeryToken);
        var after = await script.GetAsync("/api/v1/organizations", token);

        revoke.Status.ShouldBe(HttpStatusCode.Redirect);
        after.Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await owner.GetAsync(Flows.FormPageOf(app.OrganizationA))).Text.ShouldContain("revoked");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Revoke_SomeoneElsesToken_Returns404AndLeavesItWorking(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var name = $"not yours {Guid.NewGuid():N}";
        var token = await app[Role.Staff].Session.CreateTokenAsync(app.OrganizationA, name);
        var id = await app.Factory.QueryAsync(app.OrganizationA, db => db.PersonalAccessTokens.Where(t => t.Name == name).Select(t => t.Id).SingleAsync());
        using var script = app.Factory.NewSession();

        var revoke = await app[Role.Manager].Session.SubmitAsync(Flows.FormPageOf(app.OrganizationA), $"/o/{app.OrganizationA}/tokens?id={id}&handler=Revoke");

        revoke.Status.ShouldBe(HttpStatusCode.NotFound);
        (await script.GetAsync("/api/v1/organizations", token)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task NoOrUnknownToken_Returns401(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var script = app.Factory.NewSession();

        var none = await script.GetAsync("/api/v1/organizations");
        var unknown = await script.GetAsync($"/api/v1/organizations/{app.OrganizationA}/profile", "fmt_made-up-token");
        var wrongScheme = await SendAsync(script, HttpMethod.Get, $"/api/v1/organizations/{app.OrganizationA}/profile", new AuthenticationHeaderValue("Basic", "b3duZXI6cGFzcw=="));

        none.Status.ShouldBe(HttpStatusCode.Unauthorized);
        none.LocationPath.ShouldBeNull("the API answers 401 rather than redirecting to the sign-in page");
        unknown.Status.ShouldBe(HttpStatusCode.Unauthorized);
        wrongScheme.Status.ShouldBe(HttpStatusCode.Unauthorized);
        unknown.Text.ShouldNotContain(Profiles.RetailerEnterpriseName);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task ApiErrorsWithoutABody_AreProblemJson(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var token = await app.Owner.Session.CreateTokenAsync(app.OrganizationA, "errors");
        using var script = app.Factory.NewSession();

        var noToken = await script.GetAsync("/api/v1/organizations");
        var unknownRoute = await script.GetAsync("/api/v1/no-such-thing", token);
        var badId = await script.GetAsync("/api/v1/organizations/not-a-guid/profile", token);
        var wrongMediaType = await SendAsync(script, HttpMethod.Put, $"/api/v1/organizations/{app.OrganizationA}/profile",
            new AuthenticationHeaderValue("Bearer", token), new StringContent("{}", Encoding.UTF8, "application/json"));

        foreach (var (response, status) in new[] { (noToken, 401), (unknownRoute, 404), (badId, 404), (wrongMediaType, 415) })
        {
            ((int)response.Status).ShouldBe(status);
            response.MediaType.ShouldBe(ProblemJson, $"{status}: {response}");
            ProblemOf(response).GetProperty("status").GetInt32().ShouldBe(status);
        }
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Profile_BadIfMatch_Returns400Problem(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var o = await app.NewOrganizationAsync("API if-match");
        await app.Owner.Session.UploadProfileAsync(o, Profiles.Retailer);
        var token = await app.Owner.Session.CreateTokenAsync(o, "if-match");
        using var script = app.Factory.NewSession();

        var response = await PutProfileAsync(script, o, token, Profiles.Retailer, "\"abc\"");

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.MediaType.ShouldBe(ProblemJson);
        (await app.Factory.QueryAsync(o, db => db.ProfileDrafts.SingleAsync())).Revision.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Profile_PutTooLarge_Returns413Problem(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var o = await app.NewOrganizationAsync("API too large");
        var token = await app.Owner.Session.CreateTokenAsync(o, "large");
        using var script = app.Factory.NewSession();

        var response = await PutProfileAsync(script, o, token, Profiles.Retailer + new string('#', 300 * 1024));

        response.Status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.MediaType.ShouldBe(ProblemJson);
        (await app.Factory.QueryAsync(o, db => db.ProfileDrafts.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Profile_NoneYet_Returns404Problem(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var o = await app.NewOrganizationAsync("API empty");
        var token = await app.Owner.Session.CreateTokenAsync(o, "empty");
        using var script = app.Factory.NewSession();

        var profile = await script.GetAsync($"/api/v1/organizations/{o}/profile", token);
        var blueprint = await script.GetAsync($"/api/v1/organizations/{o}/blueprint", token);

        profile.Status.ShouldBe(HttpStatusCode.NotFound);
        profile.MediaType.ShouldBe(ProblemJson);
        blueprint.Status.ShouldBe(HttpStatusCode.NotFound);
        blueprint.MediaType.ShouldBe(ProblemJson);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Api_SignedInBrowser_WorksWithTheCookie(string provider)
    {
        var app = await fixture.GetAsync(provider);

        var response = await app[Role.Viewer].Session.GetAsync($"/api/v1/organizations/{app.OrganizationA}/blueprint");
        var other = await app[Role.Viewer].Session.GetAsync($"/api/v1/organizations/{app.OrganizationB}/blueprint");

        response.Status.ShouldBe(HttpStatusCode.OK);
        other.Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task OpenApi_Get_ReturnsTheDocument(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var anonymous = app.Factory.NewSession();

        var response = await anonymous.GetAsync("/api/v1/openapi.json");

        response.Status.ShouldBe(HttpStatusCode.OK);
        response.MediaType.ShouldBe("application/json");
        using var json = JsonDocument.Parse(response.Body);
        json.RootElement.GetProperty("openapi").GetString().ShouldNotBeNullOrWhiteSpace();
        var paths = json.RootElement.GetProperty("paths");
        paths.TryGetProperty("/api/v1/organizations", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/v1/organizations/{org}/profile", out _).ShouldBeTrue();
    }

    private static JsonElement ProblemOf(Reply response)
    {
        using var json = JsonDocument.Parse(response.Body);
        var problem = json.RootElement.Clone();
        problem.TryGetProperty("title", out _).ShouldBeTrue();
        return problem;
    }

    private static Task<Reply> PutProfileAsync(WebSession script, Guid organization, string token, string yaml, string? ifMatch = null) =>
        SendYamlAsync(script, HttpMethod.Put, $"/api/v1/organizations/{organization}/profile", token, yaml, ifMatch);

    private static async Task<Reply> SendYamlAsync(WebSession script, HttpMethod method, string url, string token, string yaml, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = new StringContent(yaml, Encoding.UTF8, "application/yaml") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await script.SendAsync(request);
    }

    private static async Task<Reply> SendAsync(WebSession script, HttpMethod method, string url, AuthenticationHeaderValue authorization, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Authorization = authorization;
        return await script.SendAsync(request);
    }
}
