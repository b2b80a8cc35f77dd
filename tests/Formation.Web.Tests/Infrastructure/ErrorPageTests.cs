using System.Net;
using Formation.Application.Data;
using Formation.Web.Tests.Support;

namespace Formation.Web.Tests.Infrastructure;

/// <summary>
/// Odd and hostile input gets a 4xx and a plain message, never a 500 or a stack trace. (Every request of
/// every test goes through <see cref="ServerErrorGuard"/>, which fails on a 500, a trace or a logged error.)
/// </summary>
[Collection(SharedWebApp.Name)]
public sealed class ErrorPageTests(WebAppFixture fixture)
{
    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task OddRequests_GetA4xxOrAPageNeverA500(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var o = app.OrganizationA;
        var owner = app.Owner.Session;
        string[] urls =
        [
            "/no-such-page",
            "/o/not-a-guid",
            $"/o/{o}/nothing-here",
            $"/o/{o}/versions/compare",
            $"/o/{o}/versions/compare?a=-1&b=2147483647",
            $"/o/{o}/blueprint?version=abc",
            $"/o/{o}/blueprint?version=-5",
            $"/o/{o}/blueprint?handler=Export&format=../../etc/passwd",
            $"/o/{o}/blueprint?handler=NoSuchHandler",
            $"/o/{o}/staffing?handler=Result",
            $"/o/{o}/staffing?handler=Result&contacts=NaN&intervalMinutes=Infinity&ahtSeconds=1e308&targetSeconds=-0&serviceLevel=0.999999999&shrinkage=0.99&concurrency=5",
            $"/o/{o}/staffing?handler=Result&contacts=1e300&intervalMinutes=1&ahtSeconds=86400&targetSeconds=20&serviceLevel=0.8&shrinkage=0&concurrency=1",
            $"/o/{o}/wizard?step=-3",
            $"/o/{o}/wizard?step=99",
            "/invite/%ff%fe",
            "/invite/" + new string('x', 3000),
            "/error?code=500",
            "/signin?ReturnUrl=javascript:alert(1)",
        ];

        foreach (var url in urls)
        {
            var response = await owner.GetAsync(url);

            ((int)response.Status).ShouldBeLessThan(500, url);
            if (response.MediaType == "text/html")
            {
                response.Text.ShouldNotContain(ServerErrorGuard.StackTraceMarker, customMessage: url);
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task OddPosts_GetA4xxNeverA500(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var o = app.OrganizationA;
        var owner = app.Owner.Session;
        var page = Flows.FormPageOf(o);

        var responses = new[]
        {
            await owner.SubmitAsync(page, $"/o/{o}/profile?handler=Save", ("Yaml", "\t\u0000\uffff: [}"), ("revision", "abc")),
            await owner.SubmitAsync(page, $"/o/{o}/profile?handler=Save", ("revision", "1")),
            await owner.SubmitAsync(page, $"/o/{o}/profile?handler=Upload"),
            await owner.SubmitAsync(page, $"/o/{o}?handler=Accept", ("note", new string('n', 501))),
            await owner.SubmitAsync(page, $"/o/{o}/tokens?handler=Create", ("Name", new string('t', 101))),
            await owner.SubmitAsync(page, $"/o/{o}/tokens?handler=Revoke&id=not-a-guid"),
            await owner.SubmitAsync(page, $"/o/{o}/tokens?handler=Revoke&id={Guid.NewGuid()}"),
            await owner.SubmitAsync(page, "/", ("Name", new string('n', 201)), ("Currency", "CNY")),
        };
        var wizard = await owner.SubmitAsync(page, $"/o/{o}/wizard?handler=Go&from=abc&to=xyz");

        for (var i = 0; i < responses.Length; i++)
        {
            ((int)responses[i].Status).ShouldBeInRange(300, 499, $"post #{i}: {responses[i]}");
        }

        ((int)wizard.Status).ShouldBeLessThan(500); // the wizard clamps unusable step numbers and shows a step
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task NotFound_IsAPlainPageInTheReadersLanguage(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var english = app.Factory.NewSession("en");
        using var chinese = app.Factory.NewSession("zh-CN");

        var en = await english.GetAsync("/no-such-page");
        var zh = await chinese.GetAsync("/no-such-page");

        en.Status.ShouldBe(HttpStatusCode.NotFound);
        en.Text.ShouldContain("There is no such page");
        zh.Status.ShouldBe(HttpStatusCode.NotFound);
        zh.Text.ShouldContain("找不到页面");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Forbidden_IsAPlainPageSayingTheRoleDoesNotAllowIt(string provider)
    {
        var app = await fixture.GetAsync(provider);

        var response = await app[Role.Viewer].Session.AcceptPlanAsync(app.OrganizationA);

        response.Status.ShouldBe(HttpStatusCode.Forbidden);
        response.Text.ShouldContain("Not allowed");
        response.Text.ShouldContain("Your role in this organisation does not allow this.");
    }
}
