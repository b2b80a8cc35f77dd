using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Formation.Application.Data;
using Formation.Application.Features.Data;
using Formation.Domain.DataImport;
using Formation.Web.Features.Data;
using Formation.Web.Infrastructure;
using Formation.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Formation.Web.Tests.Features.Data;

/// <summary>The dashboard and the goals page over imported figures: KPIs, charts' data, breakdowns, filters, goals and who may see what.</summary>
[Collection(SharedWebApp.Name)]
public sealed class DashboardTests(WebAppFixture fixture)
{
    private const string Header = "date,channel,campaign,segment,impressions,clicks,cost,conversions,leads,orders,revenue";

    public static TheoryData<string, string> BadFilters => TestProviders.With(
        "from=2026-13-01&to=2026-11-30",
        "from=2026-11-30&to=2026-11-01",
        "from=2026-11-01",
        "from=2000-01-01&to=2026-11-30",
        "from=2026-11-01&to=2026-11-30&grain=hour",
        "from=2026-11-01&to=2026-11-30&grain=1",
        "from=2026-11-01&to=2026-11-30&by=city",
        "from=2026-11-01&to=2026-11-30&channel=999",
        "from=2026-11-01&to=2026-11-30&channel=abc");

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Get_ImportedMonth_ShowsKpisAgainstThePreviousMonthAndEveryChannel(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var org = await app.NewOrganizationAsync("Dashboard");
        Import(app, org,
            "2026-10-15,百度搜索,品牌词,,1000,20,40.00,2,2,1,100",
            "2026-11-02,百度搜索,品牌词,,3000,60,150.00,6,4,2,300",
            "2026-11-03,百度搜索,通用词,,1000,40,50.00,0,0,0,0",
            "2026-11-20,抖音,信息流,,6000,100,100.00,2,1,1,200.50");

        var page = await app.Owner.Session.GetAsync($"/o/{org}/data/dashboard?from=2026-11-01&to=2026-11-30");

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.TestId("period").ShouldBe("2026-11-01 – 2026-11-30");
        Kpi(page, "cost").ShouldBe("¥300.00");
        Kpi(page, "impressions").ShouldBe("10,000");
        Kpi(page, "ctr").ShouldBe("2.00%"); // 200 clicks of 10,000
        Kpi(page, "revenue").ShouldBe("¥500.50");
        Kpi(page, "roas").ShouldBe("1.67");
        Kpi(page, "cost-per-lead").ShouldBe("¥60.00");
        Change(page, "cost").ShouldBe("+650.0%"); // ¥40 in October
        page.CountTestId("kpi-value").ShouldBe(16);
        foreach (var chart in new[] { "chart-trend", "chart-mix", "chart-funnel" })
        {
            page.CountTestId(chart).ShouldBe(1);
        }

        page.Html.ShouldContain("id=\"dashboard-data\"");
        page.Text.ShouldContain("百度搜索");
        page.Text.ShouldContain("抖音");
        page.Html.ShouldContain("src=\"/js/dashboard.js");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Get_Again_IsServedFromTheCacheUntilAnImportOrAnEditChangesTheFigures(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var org = await app.NewOrganizationAsync("Cached dashboard");
        Import(app, org, "2026-11-02,百度搜索,品牌词,,1000,20,40.00,2,2,1,100");
        var url = $"/o/{org}/data/dashboard?from=2026-11-01&to=2026-11-30";

        var first = await owner.GetAsync(url);
        var again = await owner.GetAsync(url);

        first.Headers.Age.ShouldBeNull(first.ToString());
        again.Headers.Age.ShouldNotBeNull(); // the output cache answered
        Kpi(again, "cost").ShouldBe("¥40.00");

        // The command line commits straight to the database: the page sees it once the data version is read again.
        Import(app, org, "2026-11-03,抖音,信息流,,1000,20,60.00,2,2,1,100");
        await Task.Delay(MetricPageCache.Fresh + TimeSpan.FromMilliseconds(250));
        var imported = await owner.GetAsync(url);
        imported.Headers.Age.ShouldBeNull();
        Kpi(imported, "cost").ShouldBe("¥100.00");

        // An edit in the app drops the cached pages at once.
        (await owner.GetAsync(url)).Headers.Age.ShouldNotBeNull();
        var channels = $"/o/{org}/data/channels";
        (await owner.SubmitAsync(channels, $"{channels}?handler=AddChannel", ("name", "微信公众号"))).Status.ShouldBe(HttpStatusCode.Redirect);
        var edited = await owner.GetAsync(url);
        edited.Headers.Age.ShouldBeNull();
        edited.Html.ShouldContain("微信公众号");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task DataVersion_ChangedInThisProcess_DiffersAtOnceSoAPageDrawnBeforeIsNeverServed(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var org = await app.NewOrganizationAsync("Versions");
        var pages = app.Factory.Services.GetRequiredService<MetricPageCache>();
        using var scope = app.Factory.Services.CreateScope();

        var before = await pages.VersionAsync(org, scope.ServiceProvider, CancellationToken.None);
        var again = await pages.VersionAsync(org, scope.ServiceProvider, CancellationToken.None);
        await pages.ChangedAsync(org, CancellationToken.None);
        var after = await pages.VersionAsync(org, scope.ServiceProvider, CancellationToken.None);

        again.ShouldBe(before);
        after.ShouldNotBe(before); // within the second a version is trusted: the change itself moves it
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Get_PeriodReachingPastToday_DrawsTheDaysToComeAsGapsNotZeros(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var org = await app.NewOrganizationAsync("Trend");
        var today = Formation.Domain.Text.TimeZones.Today(DateTimeOffset.UtcNow, "Asia/Shanghai") /* the CNY test organisation's today */;
        Import(app, org, string.Create(CultureInfo.InvariantCulture, $"{today.AddDays(-1):yyyy-MM-dd},百度搜索,品牌词,,1000,10,20.00,1,1,0,0"));

        var page = await app.Owner.Session.GetAsync(string.Create(CultureInfo.InvariantCulture,
            $"/o/{org}/data/dashboard?from={today.AddDays(-2):yyyy-MM-dd}&to={today.AddDays(2):yyyy-MM-dd}&grain=day"));

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        var start = page.Html.IndexOf("id=\"dashboard-data\">", StringComparison.Ordinal) + "id=\"dashboard-data\">".Length;
        using var data = System.Text.Json.JsonDocument.Parse(WebUtility.HtmlDecode(page.Html[start..page.Html.IndexOf("</script>", start, StringComparison.Ordinal)]));
        var costs = data.RootElement.GetProperty("trend").EnumerateArray().Select(p => p.GetProperty("cost")).ToList();
        costs.Select(c => c.ValueKind).ShouldBe([JsonValueKind.Number, JsonValueKind.Number, JsonValueKind.Number, JsonValueKind.Null, JsonValueKind.Null]);
        costs[1].GetDecimal().ShouldBe(20m);
        costs[2].GetDecimal().ShouldBe(0m); // today has begun: nothing imported yet is a zero
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Get_MoreCampaignsThanTheTableLists_ShowsTheLargestAndLinksToTheReportForTheRest(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var org = await app.NewOrganizationAsync("Dashboard");
        var campaigns = DashboardModel.BreakdownRows + 5;
        Import(app, org, [.. Enumerable.Range(1, campaigns).Select(i => string.Create(CultureInfo.InvariantCulture, $"2026-11-02,天猫,活动{i:D3},,100,10,{i}.00,1,0,1,10"))]);

        var page = await app.Owner.Session.GetAsync($"/o/{org}/data/dashboard?from=2026-11-01&to=2026-11-30&by=campaign");

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.Html.ShouldContain($"活动{campaigns:D3}"); // the largest cost
        page.Html.ShouldNotContain("活动005<"); // among the five smallest, left out
        page.Html.ShouldContain("data-testid=\"breakdown-more\"");
        page.Html.ShouldContain($"/o/{org}/data/evaluation?from=2026-11-01&amp;to=2026-11-30");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Get_ByCampaignForOneChannel_ShowsOnlyItsCampaigns(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var org = await app.NewOrganizationAsync("Dashboard");
        Import(app, org,
            "2026-11-02,百度搜索,品牌词,,3000,60,150.00,6,4,2,300",
            "2026-11-20,抖音,信息流,,6000,100,100.00,2,1,1,200.50");
        var baidu = Channel(app, org, "百度搜索");

        var page = await app.Owner.Session.GetAsync($"/o/{org}/data/dashboard?from=2026-11-01&to=2026-11-30&by=campaign&channel={baidu}");

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.Text.ShouldContain("品牌词");
        page.Text.ShouldNotContain("信息流");
        Kpi(page, "cost").ShouldBe("¥150.00");
    }

    [Theory]
    [MemberData(nameof(BadFilters))]
    public async Task Get_BadFilter_Is400WithTheReason(string provider, string query)
    {
        var app = await fixture.GetAsync(provider);

        var page = await app.Owner.Session.GetAsync($"/o/{app.OrganizationA}/data/dashboard?{query}");

        page.Status.ShouldBe(HttpStatusCode.BadRequest, page.ToString());
        page.TestId("error").ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Get_NothingImported_SaysSoAndShowsDashesForRatios(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var org = await app.NewOrganizationAsync("Empty");

        var page = await app.Owner.Session.GetAsync($"/o/{org}/data/dashboard");

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.CountTestId("no-data").ShouldBe(1);
        Kpi(page, "ctr").ShouldBe("—");
        Kpi(page, "roas").ShouldBe("—");
        Kpi(page, "cost").ShouldBe("¥0.00");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Get_AnotherOrganization_Is404AndItsFiguresStayUnseen(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var org = await app.NewOrganizationAsync("Private");
        Import(app, org, "2026-11-02,秘密渠道,秘密活动,,3000,60,150.00,6,4,2,300");

        (await app.OwnerOfB.Session.GetAsync($"/o/{org}/data/dashboard")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await app.OwnerOfB.Session.GetAsync($"/o/{org}/data/goals")).Status.ShouldBe(HttpStatusCode.NotFound);
        var own = await app.OwnerOfB.Session.GetAsync($"/o/{app.OrganizationB}/data/dashboard?from=2026-11-01&to=2026-11-30");
        own.Status.ShouldBe(HttpStatusCode.OK);
        own.Text.ShouldNotContain("秘密");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Goals_OrdersFarBelowTheTarget_AreOffTrackAndEvaluatingOpensOneTask(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var org = await app.NewOrganizationAsync("Goals");
        await owner.UploadAndAcceptAsync(org, Profiles.Retailer); // orders ≥ 1,800 a month
        var today = Formation.Domain.Text.TimeZones.Today(DateTimeOffset.UtcNow, "Asia/Shanghai") /* the CNY test organisation's today */;
        Import(app, org, $"{today:yyyy-MM-dd},天猫,店铺,,1000,10,10.00,1,0,1,100");

        var before = await owner.GetAsync($"/o/{org}/data/goals");
        var evaluated = await owner.SubmitAsync($"/o/{org}/data/goals", $"/o/{org}/data/goals");
        var again = await owner.SubmitAsync($"/o/{org}/data/goals", $"/o/{org}/data/goals");
        var dashboard = await owner.GetAsync($"/o/{org}/data/dashboard");

        before.Status.ShouldBe(HttpStatusCode.OK, before.ToString());
        before.Html.ShouldContain("data-kpi=\"orders\"");
        before.Html.ShouldContain("data-status=\"OffTrack\"");
        before.CountTestId("goal-task").ShouldBe(0);
        evaluated.Status.ShouldBe(HttpStatusCode.OK, evaluated.ToString());
        evaluated.TestId("evaluated").ShouldNotBeNull().ShouldContain("2 corrective task"); // orders and revenue; organic traffic is not imported
        evaluated.CountTestId("goal-task").ShouldBe(2);
        again.TestId("evaluated").ShouldNotBeNull().ShouldContain("nothing newly off track");
        dashboard.Html.ShouldContain("data-status=\"OffTrack\"");
        dashboard.CountTestId("goal").ShouldBe(3);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Goals_ViewerEvaluates_Is403(string provider)
    {
        var app = await fixture.GetAsync(provider);

        var reply = await app[Role.Viewer].Session.SubmitAsync($"/o/{app.OrganizationA}/data/goals", $"/o/{app.OrganizationA}/data/goals");

        reply.Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static string? Kpi(Reply page, string kpi) => Within(page, $"kpi-{kpi}", "kpi-value");

    private static string? Change(Reply page, string kpi) => Within(page, $"kpi-{kpi}", "kpi-change");

    /// <summary>The text of the first <paramref name="inner"/> element after the <paramref name="outer"/> one.</summary>
    private static string? Within(Reply page, string outer, string inner)
    {
        var html = page.Html;
        var at = html.IndexOf($"data-testid=\"{outer}\"", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var start = html.IndexOf($"data-testid=\"{inner}\"", at, StringComparison.Ordinal);
        var open = html.IndexOf('>', start) + 1;
        var close = html.IndexOf('<', open);
        return WebUtility.HtmlDecode(html[open..close]).Trim();
    }

    private static long Channel(SeededApp app, Guid org, string name)
    {
        using var scope = app.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.OrganizationId = org;
        return db.Channels.Single(c => c.Name == name).Id;
    }

    /// <summary>Commits rows of the formation-standard shape straight through the importer, as the command line does.</summary>
    private static void Import(SeededApp app, Guid org, params string[] rows)
    {
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', new[] { Header }.Concat(rows)));
        using var stream = new MemoryStream(bytes);
        using var source = CsvSource.Open(stream);
        var target = app.Factory.Services.GetRequiredService<DatabaseTarget>();
        var result = new MetricImporter(target, TimeProvider.System).Commit(source, new ImportRequest(org, null, "test.csv", MappingCatalog.Standard));
        result.Committed.ShouldBeTrue(string.Join("; ", result.Problems.Select(p => p.ToString())));
    }
}
