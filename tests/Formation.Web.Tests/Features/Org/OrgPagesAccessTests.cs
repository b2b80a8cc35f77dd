using System.Net;
using Formation.Application.Data;
using Formation.Web.Tests.Support;

namespace Formation.Web.Tests.Features.Org;

/// <summary>
/// Every page of an organisation: readable by each of its members whatever the role, a plain 404 for
/// anyone else (the organisation's existence is not revealed), and the sign-in page for strangers.
/// </summary>
[Collection(SharedWebApp.Name)]
public sealed class OrgPagesAccessTests(WebAppFixture fixture)
{
    private const string StaffingQuery = "contacts=100&intervalMinutes=30&ahtSeconds=180&targetSeconds=20&serviceLevel=0.8&shrinkage=0&concurrency=1";

    public static TheoryData<string, Role> ProvidersAndRoles => TestProviders.With(Enum.GetValues<Role>());

    /// <summary>The pages of organisation <paramref name="o"/>, which has a profile and versions 1 and 2.</summary>
    public static string[] PagesOf(Guid o) =>
    [
        $"/o/{o}",
        $"/o/{o}/profile",
        $"/o/{o}/profile?handler=Download",
        $"/o/{o}/blueprint",
        $"/o/{o}/blueprint?version=1",
        $"/o/{o}/blueprint?handler=Export&format=pdf",
        $"/o/{o}/blueprint?handler=Export&format=xlsx",
        $"/o/{o}/blueprint?handler=Export&format=md",
        $"/o/{o}/blueprint?handler=Export&format=json",
        $"/o/{o}/blueprint?handler=Export&format=json&version=2",
        $"/o/{o}/versions",
        $"/o/{o}/versions/compare?a=1&b=2",
        $"/o/{o}/members",
        $"/o/{o}/tokens",
        $"/o/{o}/settings",
        $"/o/{o}/staffing",
        $"/o/{o}/staffing?handler=Result&{StaffingQuery}",
        $"/o/{o}/wizard",
        $"/o/{o}/wizard?step=2",
        $"/o/{o}/wizard?step=3",
        $"/o/{o}/wizard?step=4",
        $"/o/{o}/work",
        $"/o/{o}/work?Post=promoter&Phase=implementation&Status=Todo&DueFrom=2026-01-01&DueTo=2030-12-31&ShowRetired=true",
        $"/o/{o}/work?Function=promotion&Person={Guid.Empty}",
        $"/o/{o}/work/board",
        $"/o/{o}/work/board?Post=promoter&Phase=implementation&Function=promotion&DueFrom=2026-01-01&DueTo=2030-12-31",
        $"/o/{o}/work/calendar",
        $"/o/{o}/work/calendar?month=2026-12&Function=platform",
        $"/o/{o}/work/calendar?month=not-a-month",
        $"/o/{o}/work/gantt",
        $"/o/{o}/work/gantt?Function=promotion",
        $"/o/{o}/work/projects",
        $"/o/{o}/work/deleted",
        $"/o/{o}/notifications",
        $"/o/{o}/follow-up",
        $"/o/{o}/people",
        $"/o/{o}/my-work",
        $"/o/{o}/reports/weekly",
        $"/o/{o}/reports/weekly?week=2026-W48&handler=Export&format=md",
        $"/o/{o}/reports/weekly?week=2026-W48&handler=Export&format=pdf",
    ];

    [Theory]
    [MemberData(nameof(ProvidersAndRoles))]
    public async Task OrgPages_MemberOfAnyRole_Return200(string provider, Role role)
    {
        var app = await fixture.GetAsync(provider);
        var member = app[role];

        foreach (var page in await ExistingPagesAsync(app))
        {
            var response = await member.Session.GetAsync(page);

            response.Status.ShouldBe(HttpStatusCode.OK, $"{role} GET {page}: {response}");
            if (response.MediaType == "text/html" && !page.Contains("handler=Result", StringComparison.Ordinal))
            {
                response.Text.ShouldContain(app.OrganizationAName, customMessage: page);
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task OrgPages_OwnerOfAnotherOrganization_Return404WithoutAnyOfItsData(string provider)
    {
        var app = await fixture.GetAsync(provider);

        foreach (var page in await ExistingPagesAsync(app))
        {
            var response = await app.OwnerOfB.Session.GetAsync(page);

            response.Status.ShouldBe(HttpStatusCode.NotFound, $"GET {page}: {response}");
            response.Text.ShouldNotContain(app.OrganizationAName, customMessage: page);
            response.Text.ShouldNotContain(Profiles.RetailerEnterpriseName, customMessage: page);
            response.Text.ShouldNotContain("owner@alpha.test", customMessage: page);
        }

        (await app.OwnerOfB.Session.GetAsync($"/o/{app.OrganizationB}")).Status.ShouldBe(HttpStatusCode.OK, "B's own pages work");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task OrgPages_UnknownOrganization_Return404(string provider)
    {
        var app = await fixture.GetAsync(provider);

        foreach (var page in await ExistingPagesAsync(app))
        {
            var unknown = page.Replace(app.OrganizationA.ToString(), Guid.NewGuid().ToString(), StringComparison.Ordinal);

            (await app.Owner.Session.GetAsync(unknown)).Status.ShouldBe(HttpStatusCode.NotFound, unknown);
        }

        (await app.Owner.Session.GetAsync("/o/not-an-id")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task OrgPages_Anonymous_RedirectToSignIn(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var stranger = app.Factory.NewSession();

        foreach (var page in await ExistingPagesAsync(app))
        {
            var response = await stranger.GetAsync(page);

            response.Status.ShouldBe(HttpStatusCode.Redirect, page);
            response.LocationPath.ShouldStartWith("/signin?ReturnUrl=", customMessage: page);
            response.Text.ShouldNotContain(app.OrganizationAName, customMessage: page);
        }
    }

    /// <summary>The pages that exist in this build: a page that 404s for the owner is not built yet.</summary>
    private static async Task<List<string>> ExistingPagesAsync(SeededApp app)
    {
        var pages = new List<string>();
        foreach (var page in PagesOf(app.OrganizationA))
        {
            if ((await app.Owner.Session.GetAsync(page)).Status != HttpStatusCode.NotFound)
            {
                pages.Add(page);
            }
        }

        pages.Count.ShouldBeGreaterThan(15);
        return pages;
    }
}
