using System.Net;
using System.Text.RegularExpressions;
using Formation.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Tests.Features.Org;

/// <summary>Accepting the working profile makes numbered versions that can be listed, viewed and compared.</summary>
[Collection(SharedWebApp.Name)]
public sealed class VersionsTests(WebAppFixture fixture)
{
    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Accept_TwiceWithAVolumeChangedBetween_MakesVersions1And2(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var o = await app.NewOrganizationAsync("Versions");

        await owner.UploadAndAcceptAsync(o, Profiles.Retailer);
        var changed = await owner.SaveProfileAsync(o, Profiles.RetailerWithMoreContent, await owner.ProfileRevisionAsync(o));
        var second = await owner.AcceptPlanAsync(o, "more content");
        var list = await owner.GetAsync($"/o/{o}/versions");
        var compare = await owner.GetAsync($"/o/{o}/versions/compare?a=1&b=2");

        changed.Status.ShouldBe(HttpStatusCode.Redirect);
        second.LocationPath.ShouldBe($"/o/{o}/versions?accepted=2");
        var versions = await app.Factory.QueryAsync(o, db => db.PlanVersions.OrderBy(v => v.Number).ToListAsync());
        versions.Select(v => v.Number).ShouldBe([1, 2]);
        versions.Select(v => v.Headcount).ShouldBe([Profiles.RetailerHeadcount, Profiles.RetailerWithMoreContentHeadcount]);
        versions[1].Note.ShouldBe("more content");
        list.Status.ShouldBe(HttpStatusCode.OK);
        list.CountTestId("version").ShouldBe(2);
        list.Text.ShouldContain("more content");
        compare.Status.ShouldBe(HttpStatusCode.OK);
        HeadcountRow(compare).ShouldBe(["6", "11", "5"]);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Accept_OffersToGenerateTheWorkPlan_AndTheOfferDoesIt(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var o = await app.NewOrganizationAsync("Offer");
        await owner.UploadAndAcceptAsync(o, Profiles.Retailer);

        var accepted = await owner.AcceptPlanAsync(o);
        var offer = await owner.GetAsync(accepted.Location!);
        var generate = offer.Form($"/o/{o}/work?handler=Generate").ShouldNotBeNull();
        var generated = await owner.PostFormAsync(generate.Action, generate.AntiforgeryToken);
        var viewer = app.Factory.NewSession();
        await viewer.AcceptInvitationAsync(await owner.InviteAsync(o, $"viewer.{Guid.NewGuid():N}@versions.test", Formation.Application.Data.Role.Viewer), "Viewer");
        var viewersPage = await viewer.GetAsync($"/o/{o}/versions");

        offer.TestId("offer-work-plan").ShouldNotBeNull().ShouldContain("Version 2 is accepted");
        generated.Status.ShouldBe(HttpStatusCode.OK);
        generated.TestId("generated").ShouldNotBeNull();
        (await app.Factory.QueryAsync(o, db => db.WorkItems.CountAsync())).ShouldBeGreaterThan(0);
        viewersPage.CountTestId("version").ShouldBe(2);
        viewersPage.TestId("offer-work-plan").ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Versions_NoneAccepted_SaysSo(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var o = await app.NewOrganizationAsync("No versions");

        var list = await app.Owner.Session.GetAsync($"/o/{o}/versions");

        list.Status.ShouldBe(HttpStatusCode.OK);
        list.CountTestId("version").ShouldBe(0);
        list.Text.ShouldContain("No version has been accepted yet.");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Accept_WithoutAProfile_Returns400AndMakesNoVersion(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var o = await app.NewOrganizationAsync("Nothing to accept");

        var response = await app.Owner.Session.AcceptPlanAsync(o);

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        (await app.Factory.QueryAsync(o, db => db.PlanVersions.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Compare_MissingVersion_Returns404(string provider)
    {
        var app = await fixture.GetAsync(provider);

        var missing = await app.Owner.Session.GetAsync($"/o/{app.OrganizationA}/versions/compare?a=1&b=999");
        var garbage = await app.Owner.Session.GetAsync($"/o/{app.OrganizationA}/versions/compare?a=x&b=y");

        missing.Status.ShouldBe(HttpStatusCode.NotFound);
        garbage.Status.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>The cells of the head count row of the comparison: before, after, change.</summary>
    private static string[] HeadcountRow(Reply compare)
    {
        var row = Regex.Match(compare.Text, "<tr><th>Head count</th>(.*?)</tr>", RegexOptions.Singleline);
        row.Success.ShouldBeTrue(compare.ToString());
        return [.. Regex.Matches(row.Groups[1].Value, "<td[^>]*>(.*?)</td>").Select(m => m.Groups[1].Value.Trim())];
    }
}
