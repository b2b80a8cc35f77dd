using System.Globalization;
using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Formation.Application.Data;
using Formation.Application.Features.Data;
using Formation.Domain.DataImport;
using Formation.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Formation.Web.Tests.Features.Data;

/// <summary>The evaluation page: the report of a period, campaign or module, its downloads, bad input and who may read it.</summary>
[Collection(SharedWebApp.Name)]
public sealed class EvaluationTests(WebAppFixture fixture)
{
    private const string November = "from=2026-11-01&to=2026-11-30";

    public static TheoryData<string, string> BadQueries => TestProviders.With(
        "from=2026-13-01&to=2026-11-30",
        "from=2026-11-01&to=30.11.2026",
        "from=2026-11-30&to=2026-11-01",
        "from=2026-11-01",
        "from=1990-01-01&to=2026-11-30",
        "campaign=abc",
        "channel=-1",
        "campaign=1&module=sem");

    /// <summary>A fresh organisation of A's owner with two channels and three campaigns imported for October and November.</summary>
    private static async Task<(Guid Org, long Brand, long Feed)> SeededAsync(SeededApp app, string conclusions = "品牌词效果稳定，下月追加预算。")
    {
        var org = await app.NewOrganizationAsync("Evaluation");
        var lines = new List<string> { "date,channel,campaign,segment,impressions,clicks,cost,conversions,leads,orders,revenue" };
        for (var day = new DateOnly(2026, 10, 1); day <= new DateOnly(2026, 11, 30); day = day.AddDays(1))
        {
            var d = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            lines.Add($"{d},百度搜索,品牌词,,1000,50,25.50,5,3,1,199.00");
            lines.Add($"{d},百度搜索,通用词,,800,20,12.00,1,1,0,0");
            lines.Add($"{d},抖音,信息流,,3000,90,40.00,2,4,1,99.00");
        }

        var target = app.Factory.Services.GetRequiredService<DatabaseTarget>();
        using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines))))
        using (var source = CsvSource.Open(stream))
        {
            var result = new MetricImporter(target, TimeProvider.System).Commit(source, new ImportRequest(org, null, "seed.csv", MappingCatalog.Standard));
            result.Committed.ShouldBeTrue(string.Join("; ", result.Problems.Select(p => p.ToString())));
        }

        var ids = await app.Factory.QueryAsync(org, async db =>
        {
            var brand = await db.Campaigns.SingleAsync(c => c.Name == "品牌词");
            brand.Conclusions = conclusions;
            brand.PlannedBudgetE4 = 1_000 * 10_000;
            brand.StartsOn = new DateOnly(2026, 11, 1);
            brand.EndsOn = new DateOnly(2026, 11, 30);
            brand.ModuleId = "sem";
            await db.SaveChangesAsync();
            var feed = await db.Campaigns.SingleAsync(c => c.Name == "信息流");
            return (brand.Id, feed.Id);
        });
        return (org, ids.Item1, ids.Item2);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Get_Period_ShowsTheReportWithTheImportedSumsAndDownloadLinks(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var (org, _, _) = await SeededAsync(app);

        var page = await app.Owner.Session.GetAsync($"/o/{org}/data/evaluation?{November}");

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.CountTestId("report").ShouldBe(1);
        page.Html.ShouldContain("id=\"report\"");
        page.TestId("scope").ShouldBe("All channels");
        page.TestId("spent").ShouldBe("¥" + (30 * (25.50m + 12.00m + 40.00m)).ToString("#,0.00", CultureInfo.InvariantCulture));
        page.CountTestId("campaign-row").ShouldBe(3);
        page.CountTestId("channel-row").ShouldBe(2);
        page.Text.ShouldContain("品牌词效果稳定，下月追加预算。");
        page.Text.ShouldContain("No conclusions written yet.");
        page.Html.ShouldContain($"href=\"/o/{org}/data/evaluation?{November.Replace("&", "&amp;", StringComparison.Ordinal)}&amp;handler=export&amp;format=pdf\"");
        page.CountTestId("download-xlsx").ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Get_CampaignAndModule_ReportOnTheirOwnCampaigns(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var (org, brand, feed) = await SeededAsync(app);

        var campaign = await app.Owner.Session.GetAsync($"/o/{org}/data/evaluation?campaign={brand}");
        var module = await app.Owner.Session.GetAsync($"/o/{org}/data/evaluation?{November}&module=sem");
        var noDates = await app.Owner.Session.GetAsync($"/o/{org}/data/evaluation?campaign={feed}");

        campaign.Status.ShouldBe(HttpStatusCode.OK, campaign.ToString());
        campaign.TestId("period").ShouldBe("2026-11-01 – 2026-11-30"); // the campaign's own dates
        campaign.TestId("planned").ShouldBe("¥1,000.00");
        campaign.TestId("spent").ShouldBe("¥" + (30 * 25.50m).ToString("#,0.00", CultureInfo.InvariantCulture));
        campaign.CountTestId("campaign-row").ShouldBe(1);
        module.Status.ShouldBe(HttpStatusCode.OK, module.ToString());
        module.CountTestId("campaign-row").ShouldBe(1);
        module.Html.ShouldContain("module=sem&amp;handler=export&amp;format=xlsx");
        noDates.Status.ShouldBe(HttpStatusCode.OK, noDates.ToString());
        noDates.TestId("period").ShouldBe("2026-10-01 – 2026-11-30"); // its days with data
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Export_PdfAndXlsx_DownloadWithTheirTypesAndNames(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var (org, brand, _) = await SeededAsync(app);

        var pdf = await app.Owner.Session.GetAsync($"/o/{org}/data/evaluation?{November}&campaign={brand}&handler=export&format=pdf");
        var xlsx = await app.Owner.Session.GetAsync($"/o/{org}/data/evaluation?{November}&handler=export&format=xlsx");

        pdf.Status.ShouldBe(HttpStatusCode.OK, pdf.ToString());
        pdf.MediaType.ShouldBe("application/pdf");
        Encoding.ASCII.GetString(pdf.Body, 0, 5).ShouldBe("%PDF-");
        FileName(pdf).ShouldEndWith($"-evaluation-campaign-{brand}-2026-11-01-2026-11-30-en.pdf");
        xlsx.Status.ShouldBe(HttpStatusCode.OK, xlsx.ToString());
        xlsx.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        FileName(xlsx).ShouldEndWith("-evaluation-all-2026-11-01-2026-11-30-en.xlsx");
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(xlsx.Body), false);
        workbook.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ShouldBe(["Summary", "KPIs", "Channels", "Campaigns", "Goals"]);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Get_ChineseViewer_ReadsTheReportInChinese(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var (org, _, _) = await SeededAsync(app, conclusions: "");
        var email = $"viewer.{Guid.NewGuid():N}@evaluation.test";
        var link = await app.Owner.Session.InviteAsync(org, email, Role.Viewer);
        using var viewer = app.Factory.NewSession("zh-CN");
        await viewer.AcceptInvitationAsync(link, "查看者");

        var page = await viewer.GetAsync($"/o/{org}/data/evaluation?{November}");
        var pdf = await viewer.GetAsync($"/o/{org}/data/evaluation?{November}&handler=export&format=pdf");

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.TestId("scope").ShouldBe("全部渠道");
        page.Text.ShouldContain("经理尚未填写结论。");
        pdf.Status.ShouldBe(HttpStatusCode.OK);
        FileName(pdf).ShouldEndWith("-zh.pdf");
    }

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task Get_BadInput_Is400WithAMessage(string provider, string query)
    {
        var app = await fixture.GetAsync(provider);

        var page = await app.Owner.Session.GetAsync($"/o/{app.OrganizationA}/data/evaluation?{query}");
        var export = await app.Owner.Session.GetAsync($"/o/{app.OrganizationA}/data/evaluation?{query}&handler=export&format=pdf");

        page.Status.ShouldBe(HttpStatusCode.BadRequest, page.ToString());
        page.TestId("error").ShouldNotBeNullOrWhiteSpace();
        export.Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Export_UnknownFormatOrNothingToReport_Is400(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var (org, _, _) = await SeededAsync(app);
        var empty = await app.NewOrganizationAsync("Empty");

        var docx = await app.Owner.Session.GetAsync($"/o/{org}/data/evaluation?{November}&handler=export&format=docx");
        var nothing = await app.Owner.Session.GetAsync($"/o/{empty}/data/evaluation?handler=export&format=pdf");
        var emptyPage = await app.Owner.Session.GetAsync($"/o/{empty}/data/evaluation");

        docx.Status.ShouldBe(HttpStatusCode.BadRequest);
        docx.TestId("error")!.ShouldContain("pdf or xlsx");
        nothing.Status.ShouldBe(HttpStatusCode.BadRequest);
        emptyPage.Status.ShouldBe(HttpStatusCode.OK);
        emptyPage.CountTestId("notice").ShouldBe(1);
        emptyPage.CountTestId("report").ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Get_UnknownCampaignChannelOrModule_Is404WithAMessage(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var (org, _, _) = await SeededAsync(app);

        foreach (var query in new[] { "campaign=987654321", "channel=987654321", "module=no-such-module" })
        {
            var page = await app.Owner.Session.GetAsync($"/o/{org}/data/evaluation?{November}&{query}");
            page.Status.ShouldBe(HttpStatusCode.NotFound, query);
            page.TestId("error").ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Get_AnotherOrganizationsMemberOrItsCampaign_Is404(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var (org, brand, _) = await SeededAsync(app);

        var outsider = await app.OwnerOfB.Session.GetAsync($"/o/{org}/data/evaluation?{November}");
        var outsiderExport = await app.OwnerOfB.Session.GetAsync($"/o/{org}/data/evaluation?{November}&handler=export&format=xlsx");
        var theirCampaignInB = await app.OwnerOfB.Session.GetAsync($"/o/{app.OrganizationB}/data/evaluation?{November}&campaign={brand}");

        outsider.Status.ShouldBe(HttpStatusCode.NotFound);
        outsiderExport.Status.ShouldBe(HttpStatusCode.NotFound);
        theirCampaignInB.Status.ShouldBe(HttpStatusCode.NotFound);
        theirCampaignInB.Text.ShouldNotContain("品牌词");
    }

    private static string FileName(Reply reply) =>
        reply.ContentHeaders.ContentDisposition?.FileNameStar ?? reply.ContentHeaders.ContentDisposition?.FileName?.Trim('"') ?? "";
}
