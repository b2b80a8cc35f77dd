using System.Net;
using System.Text;
using Formation.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Tests.Features.Org;

/// <summary>The profile editor and upload: invalid or oversized input is never saved; concurrent edits never overwrite silently.</summary>
[Collection(SharedWebApp.Name)]
public sealed class ProfileTests(WebAppFixture fixture)
{
    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Upload_MalformedYaml_Returns400WithTheLineAndSavesNothing(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var o = await app.NewOrganizationAsync("Malformed");
        const string malformed = "enterprise:\n  name: Broken Tea\n  kind: [network-oriented\nstrategy:\n  models: [search]\n";

        var response = await app.Owner.Session.UploadProfileAsync(o, malformed, "broken.yaml");

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        ErrorsBlock(response).ShouldMatch(@"line [3-6]\b");
        response.Text.ShouldContain("was not saved");
        (await app.Factory.QueryAsync(o, db => db.ProfileDrafts.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Upload_InvalidValue_Returns400NamingLineAndKeyAndSavesNothing(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var o = await app.NewOrganizationAsync("Invalid");
        var invalid = Profiles.Retailer.Replace("peakHourShare: 0.15", "peakHourShare: 1.5", StringComparison.Ordinal);
        var line = invalid.Split('\n').ToList().FindIndex(l => l.Contains("peakHourShare", StringComparison.Ordinal)) + 1;

        var response = await app.Owner.Session.UploadProfileAsync(o, invalid);

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        ErrorsBlock(response).ShouldContain($"line {line}");
        ErrorsBlock(response).ShouldContain("volume.peakHourShare");
        (await app.Factory.QueryAsync(o, db => db.ProfileDrafts.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Upload_LargerThanMaxUploadBytes_Returns413AndSavesNothing(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var o = await app.NewOrganizationAsync("Oversized");
        var limit = 256 * 1024; // Formation:MaxUploadBytes default
        var padded = new StringBuilder(Profiles.Retailer);
        while (padded.Length <= limit)
        {
            padded.Append("# padding to make the file larger than the upload limit\n");
        }

        var response = await app.Owner.Session.UploadProfileAsync(o, padded.ToString());

        response.Status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Text.ShouldContain("The upload is larger than the limit.");
        (await app.Factory.QueryAsync(o, db => db.ProfileDrafts.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Save_LargerThanMaxUploadBytes_Returns413AndSavesNothing(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var o = await app.NewOrganizationAsync("Oversized text");

        var response = await app.Owner.Session.SaveProfileAsync(o, Profiles.Retailer + new string('#', 300 * 1024), 0);

        response.Status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await app.Factory.QueryAsync(o, db => db.ProfileDrafts.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Upload_Retailer_RedirectsToBlueprintShowingItsHeadcount(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var o = await app.NewOrganizationAsync("Retailer");

        var response = await app.Owner.Session.UploadProfileAsync(o, Profiles.Retailer);
        var blueprint = await app.Owner.Session.GetAsync(response.LocationPath!);
        var download = await app.Owner.Session.GetAsync($"/o/{o}/profile?handler=Download");

        response.Status.ShouldBe(HttpStatusCode.Redirect);
        response.LocationPath.ShouldBe($"/o/{o}/blueprint");
        blueprint.Status.ShouldBe(HttpStatusCode.OK);
        blueprint.TestId("headcount").ShouldBe("6");
        blueprint.Text.ShouldContain("Marketplace retail");
        download.MediaType.ShouldBe("application/yaml");
        Encoding.UTF8.GetString(download.Body).ShouldBe(Profiles.Retailer);
        (download.ContentHeaders.ContentDisposition!.FileNameStar ?? download.ContentHeaders.ContentDisposition.FileName ?? "").ShouldEndWith("-profile.yaml");
        (await app.Factory.QueryAsync(o, db => db.ProfileDrafts.SingleAsync())).Yaml.ShouldBe(Profiles.Retailer);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Upload_EmptyFile_Returns400AskingForAFile(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var o = await app.NewOrganizationAsync("Empty");

        var response = await app.Owner.Session.UploadProfileAsync(o, []);

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Text.ShouldContain("Choose a YAML file.");
        (await app.Factory.QueryAsync(o, db => db.ProfileDrafts.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Save_StaleRevision_Returns409ShowingBothVersionsAndKeepsTheFirstWritersText(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var o = await app.NewOrganizationAsync("Concurrent");
        await app.Owner.Session.UploadProfileAsync(o, Profiles.Retailer);
        using var secondTab = app.Factory.NewSession();
        await secondTab.SignInOrFailAsync(app.Owner.Email);
        var revision = await app.Owner.Session.ProfileRevisionAsync(o);
        (await secondTab.ProfileRevisionAsync(o)).ShouldBe(revision);
        var first = Profiles.WithContentPieces(12);
        var second = Profiles.WithContentPieces(14);

        var firstSave = await app.Owner.Session.SaveProfileAsync(o, first, revision);
        var secondSave = await secondTab.SaveProfileAsync(o, second, revision);

        firstSave.Status.ShouldBe(HttpStatusCode.Redirect);
        secondSave.Status.ShouldBe(HttpStatusCode.Conflict);
        var conflict = secondSave.TestId("conflict");
        conflict.ShouldNotBeNull();
        secondSave.Text.ShouldContain("contentPiecesPerWeek: 12");
        secondSave.Text.ShouldContain("contentPiecesPerWeek: 14");
        secondSave.Text.ShouldContain($"revision {revision + 1}");
        var draft = await app.Factory.QueryAsync(o, db => db.ProfileDrafts.SingleAsync());
        draft.Yaml.ShouldBe(first);
        draft.Revision.ShouldBe(revision + 1);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Save_AfterAConflict_WithTheRevisionOfferedSucceeds(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var o = await app.NewOrganizationAsync("Merge");
        await app.Owner.Session.UploadProfileAsync(o, Profiles.Retailer);
        var revision = await app.Owner.Session.ProfileRevisionAsync(o);
        await app.Owner.Session.SaveProfileAsync(o, Profiles.WithContentPieces(12), revision);
        var conflict = await app.Owner.Session.SaveProfileAsync(o, Profiles.WithContentPieces(14), revision);
        var offered = conflict.Form($"/o/{o}/profile?handler=Save")!.Inputs["revision"];

        var merged = await app.Owner.Session.SaveProfileAsync(o, Profiles.WithContentPieces(13), int.Parse(offered, System.Globalization.CultureInfo.InvariantCulture));

        offered.ShouldBe((revision + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        merged.Status.ShouldBe(HttpStatusCode.Redirect);
        (await app.Factory.QueryAsync(o, db => db.ProfileDrafts.SingleAsync())).Yaml.ShouldBe(Profiles.WithContentPieces(13));
    }

    private static string ErrorsBlock(Reply response)
    {
        var start = response.Text.IndexOf("data-testid=\"profile-errors\"", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, response.ToString());
        var end = response.Text.IndexOf("</div>", start, StringComparison.Ordinal);
        return response.Text[start..end];
    }
}
