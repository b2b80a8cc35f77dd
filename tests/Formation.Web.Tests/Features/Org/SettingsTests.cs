using System.Net;
using Formation.Application.Data;
using Formation.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Tests.Features.Org;

/// <summary>The organisation's time zone: chosen at creation, shown to every member, changed by owners only.</summary>
[Collection(SharedWebApp.Name)]
public sealed class SettingsTests(WebAppFixture fixture)
{
    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Owner_SetsAKnownZone_ItIsSavedAndShown(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var org = await app.NewOrganizationAsync("Zone");
        var url = $"/o/{org}/settings";

        var before = await app.Owner.Session.GetAsync(url);
        var saved = await app.Owner.Session.SubmitAsync(url, url, ("TimeZone", " Europe/London "));
        var after = await app.Owner.Session.GetAsync(url);

        before.Text.ShouldContain("Asia/Shanghai"); // a CNY organisation starts in China's zone
        saved.Status.ShouldBe(HttpStatusCode.OK);
        after.Text.ShouldContain("Europe/London");
        (await ZoneAsync(app, org)).ShouldBe("Europe/London");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Owner_UnknownBlankOrFolderZone_Returns400NamingItAndChangesNothing(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var org = await app.NewOrganizationAsync("Zone");
        var url = $"/o/{org}/settings";

        var unknown = await app.Owner.Session.SubmitAsync(url, url, ("TimeZone", "Asia/Peking"));
        var blank = await app.Owner.Session.SubmitAsync(url, url, ("TimeZone", ""));
        var folder = await app.Owner.Session.SubmitAsync(url, url, ("TimeZone", "America")); // a folder of the zone database: once a 500

        unknown.Status.ShouldBe(HttpStatusCode.BadRequest);
        unknown.Text.ShouldContain("Unknown time zone");
        unknown.Text.ShouldContain("Asia/Peking");
        blank.Status.ShouldBe(HttpStatusCode.BadRequest);
        folder.Status.ShouldBe(HttpStatusCode.BadRequest);
        (await ZoneAsync(app, org)).ShouldBe("Asia/Shanghai");
        var windows = await app.Owner.Session.SubmitAsync(url, url, ("TimeZone", "Tokyo Standard Time"));
        windows.Status.ShouldBe(HttpStatusCode.OK); // a Windows name is saved as its IANA id
        (await ZoneAsync(app, org)).ShouldBe("Asia/Tokyo");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Manager_MayReadButNotChangeTheZone(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var url = $"/o/{app.OrganizationA}/settings";
        var zone = await ZoneAsync(app, app.OrganizationA);

        var page = await app[Role.Manager].Session.GetAsync(url);
        var post = await app[Role.Manager].Session.SubmitAsync(url, url, ("TimeZone", "UTC"));

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Text.ShouldContain(zone);
        post.Status.ShouldBe(HttpStatusCode.Forbidden);
        (await ZoneAsync(app, app.OrganizationA)).ShouldBe(zone);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task NewOrganisation_TakesTheZoneGivenOrRefusesAnUnknownOne(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var token = await app.Owner.Session.AnyFormTokenAsync();

        var created = await app.Owner.Session.PostFormAsync("/", token, ("Name", "Tokyo branch"), ("Currency", "USD"), ("TimeZone", "Asia/Tokyo"));
        var refused = await app.Owner.Session.PostFormAsync("/", token, ("Name", "Nowhere"), ("Currency", "USD"), ("TimeZone", "Nowhere/City"));

        created.Status.ShouldBe(HttpStatusCode.Redirect);
        (await ZoneAsync(app, Flows.OrganizationIn(created.LocationPath))).ShouldBe("Asia/Tokyo");
        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.Text.ShouldContain("Nowhere/City");
        (await app.Factory.QueryAsync(app.OrganizationA, db => db.Organizations.IgnoreQueryFilters().CountAsync(o => o.Name == "Nowhere"))).ShouldBe(0);
    }

    private static Task<string> ZoneAsync(SeededApp app, Guid org) =>
        app.Factory.QueryAsync(org, db => db.Organizations.IgnoreQueryFilters().Where(o => o.Id == org).Select(o => o.TimeZone).SingleAsync());
}
