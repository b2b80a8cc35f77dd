using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Formation.Web.Tests.Support;

namespace Formation.Web.Tests.Features.Org;

/// <summary>The blueprint page and its exports (PDF, XLSX, Markdown, JSON), of the working draft and of a version.</summary>
[Collection(SharedWebApp.Name)]
public sealed class BlueprintTests(WebAppFixture fixture)
{
    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Export_EachFormat_IsThatFormatAndAgreesWithThePage(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var o = await app.NewOrganizationAsync("Exports");
        await owner.UploadProfileAsync(o, Profiles.Retailer);
        var url = $"/o/{o}/blueprint?handler=Export&format=";

        var page = await owner.GetAsync($"/o/{o}/blueprint");
        var pdf = await owner.GetAsync(url + "pdf");
        var xlsx = await owner.GetAsync(url + "xlsx");
        var md = await owner.GetAsync(url + "md");
        var json = await owner.GetAsync(url + "json");

        var headcount = page.TestId("headcount");
        headcount.ShouldBe("6");
        pdf.Status.ShouldBe(HttpStatusCode.OK);
        pdf.MediaType.ShouldBe("application/pdf");
        Encoding.ASCII.GetString(pdf.Body, 0, 5).ShouldBe("%PDF-");
        xlsx.Status.ShouldBe(HttpStatusCode.OK);
        Encoding.ASCII.GetString(xlsx.Body, 0, 2).ShouldBe("PK");
        using (var zip = new ZipArchive(new MemoryStream(xlsx.Body)))
        {
            zip.Entries.ShouldContain(e => e.FullName == "xl/workbook.xml");
        }

        md.Status.ShouldBe(HttpStatusCode.OK);
        md.MediaType.ShouldBe("text/markdown");
        Encoding.UTF8.GetString(md.Body).ShouldContain(Profiles.RetailerEnterpriseName);
        json.Status.ShouldBe(HttpStatusCode.OK);
        json.MediaType.ShouldBe("application/json");
        using var document = JsonDocument.Parse(json.Body);
        document.RootElement.GetProperty("headcount").GetProperty("total").GetDecimal().ToString("0.#", CultureInfo.InvariantCulture).ShouldBe(headcount);
        document.RootElement.GetProperty("enterprise").GetProperty("name").GetString().ShouldBe(Profiles.RetailerEnterpriseName);
        foreach (var (response, extension) in new[] { (pdf, ".pdf"), (xlsx, ".xlsx"), (md, ".md"), (json, ".json") })
        {
            var disposition = response.ContentHeaders.ContentDisposition;
            disposition.ShouldNotBeNull();
            disposition.DispositionType.ShouldBe("attachment");
            (disposition.FileNameStar ?? disposition.FileName ?? "").ShouldEndWith("-en" + extension);
        }
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Export_OfAVersion_IsThatVersionAndAMissingVersionIs404(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var o = await app.NewOrganizationAsync("Version exports");
        await owner.UploadAndAcceptAsync(o, Profiles.RetailerWithMoreContent);
        await owner.UploadProfileAsync(o, Profiles.Retailer); // the working draft now differs from version 1

        var version = await owner.GetAsync($"/o/{o}/blueprint?handler=Export&format=json&version=1");
        var versionPage = await owner.GetAsync($"/o/{o}/blueprint?version=1");
        var versionPdf = await owner.GetAsync($"/o/{o}/blueprint?handler=Export&format=pdf&version=1");
        var missing = await owner.GetAsync($"/o/{o}/blueprint?handler=Export&format=json&version=99");
        var missingPage = await owner.GetAsync($"/o/{o}/blueprint?version=99");

        version.Status.ShouldBe(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(version.Body);
        document.RootElement.GetProperty("headcount").GetProperty("total").GetDecimal().ShouldBe(Profiles.RetailerWithMoreContentHeadcount);
        (version.ContentHeaders.ContentDisposition!.FileNameStar ?? version.ContentHeaders.ContentDisposition.FileName ?? "").ShouldContain("-v1-");
        versionPage.Status.ShouldBe(HttpStatusCode.OK);
        versionPage.TestId("headcount").ShouldBe("11");
        versionPage.Text.ShouldContain("(version 1)");
        Encoding.ASCII.GetString(versionPdf.Body, 0, 5).ShouldBe("%PDF-");
        missing.Status.ShouldBe(HttpStatusCode.NotFound);
        missingPage.Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Export_UnknownFormat_Returns400(string provider)
    {
        var app = await fixture.GetAsync(provider);

        var docx = await app.Owner.Session.GetAsync($"/o/{app.OrganizationA}/blueprint?handler=Export&format=docx");
        var none = await app.Owner.Session.GetAsync($"/o/{app.OrganizationA}/blueprint?handler=Export");

        docx.Status.ShouldBe(HttpStatusCode.BadRequest);
        none.Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Export_ChineseReader_GetsChineseDocuments(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var reader = await app.AddMemberOfAAsync(Application.Data.Role.Viewer, "zh-CN");

        var md = await reader.Session.GetAsync($"/o/{app.OrganizationA}/blueprint?handler=Export&format=md");
        var json = await reader.Session.GetAsync($"/o/{app.OrganizationA}/blueprint?handler=Export&format=json");

        Encoding.UTF8.GetString(md.Body).ShouldContain("编制");
        (md.ContentHeaders.ContentDisposition!.FileNameStar ?? md.ContentHeaders.ContentDisposition.FileName ?? "").ShouldEndWith("-zh.md");
        using var document = JsonDocument.Parse(json.Body);
        document.RootElement.GetProperty("language").GetString().ShouldBe("zh");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Blueprint_NoProfileYet_RedirectsToTheStartPage(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var o = await app.NewOrganizationAsync("Empty blueprint");

        var page = await app.Owner.Session.GetAsync($"/o/{o}/blueprint");
        var export = await app.Owner.Session.GetAsync($"/o/{o}/blueprint?handler=Export&format=pdf");

        page.Status.ShouldBe(HttpStatusCode.Redirect);
        page.LocationPath.ShouldBe($"/o/{o}");
        export.Status.ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Blueprint_Retailer_ShowsPostsFindingsCostAndRoadmap(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var o = await app.NewOrganizationAsync("Blueprint views");
        await app.Owner.Session.UploadProfileAsync(o, Profiles.Retailer);

        var page = await app.Owner.Session.GetAsync($"/o/{o}/blueprint");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.CountTestId("post").ShouldBeGreaterThan(0);
        page.Text.ShouldContain("id=\"orgchart-data\"");
        page.Text.ShouldContain("Make or buy");
        page.Text.ShouldContain("Roadmap");
        page.Text.ShouldContain("¥900,000");
    }
}
