using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Formation.Application.Data;
using Formation.Web.Features.Data;
using Formation.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Formation.Web.Tests.Features.Data;

/// <summary>
/// The import in the web app over HTTP with the real fixture files: upload, mapping, preview with inline corrections,
/// commit in the background with progress, and the refusals on the way.
/// </summary>
[Collection(SharedWebApp.Name)]
public sealed partial class ImportsTests(WebAppFixture fixture)
{
    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Upload_GbkBaiduExport_ShowsItsHeaderThenPreviewsAndCommits(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var org = await app.NewOrganizationAsync("Baidu import");

        var id = await owner.StageAsync(org, "baidu-campaign-gbk.csv", ImportFlows.Fixture("baidu-campaign-gbk.csv"));
        var mapping = await owner.GetAsync(ImportFlows.MapPage(org, id));

        mapping.Status.ShouldBe(HttpStatusCode.OK);
        var header = HeaderRow().Match(mapping.Html).Groups[1].Value;
        WebUtility.HtmlDecode(header).ShouldContain("推广计划"); // GBK decoded
        mapping.Text.ShouldContain("2024/5/2"); // the raw rows under the header, as they are
        SelectedMapping().Match(mapping.Html).Groups[1].Value.ShouldBe("baidu-search-campaign"); // the shipped mapping whose columns are all there

        (await owner.UseMappingAsync(org, id, "baidu-search-campaign")).Status.ShouldBe(HttpStatusCode.Redirect);
        var preview = await owner.GetAsync(ImportFlows.PreviewPage(org, id));

        preview.Status.ShouldBe(HttpStatusCode.OK, preview.ToString());
        preview.TestId("accepted").ShouldBe("4"); // four day rows under the header
        preview.TestId("summary").ShouldBe("1"); // the 合计 line
        preview.TestId("problem-count").ShouldBe("0");
        preview.TestId("new-campaigns")!.ShouldContain("竞品词");
        preview.Html.ShouldContain("id=\"commit\"");

        var done = await owner.CommitAndWaitAsync(org, id);

        done.TestId("written").ShouldBe("4");
        done.Html.ShouldContain($"href=\"/o/{org}/data/dashboard\"");
        var imports = await app.Factory.QueryAsync(org, db => db.MetricImports.ToListAsync());
        imports.Single().FileName.ShouldBe("baidu-campaign-gbk.csv");
        imports.Single().MappingName.ShouldBe("baidu-search-campaign");
        imports.Single().UserId.ShouldNotBeNull();
        (await app.Factory.QueryAsync(org, db => db.MetricDays.CountAsync())).ShouldBe(4);
        app.Factory.Services.GetRequiredService<ImportStaging>().Find(org, id).ShouldBeNull(); // the upload is gone after the commit
        var list = await owner.GetAsync(ImportFlows.ImportsPage(org));
        list.CountTestId("import-row").ShouldBe(1);
        list.Text.ShouldContain("baidu-campaign-gbk.csv");
        list.Text.ShouldContain("2024-05-01 – 2024-05-02");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Preview_ShopWorkbookWithHalfAnOrder_CommitsOnceTheValueIsCorrected(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var org = await app.NewOrganizationAsync("Shop import");
        var id = await owner.StageWithMappingAsync(org, "shop-daily.xlsx", "jd-shop-daily");

        var before = await owner.GetAsync(ImportFlows.PreviewPage(org, id));

        before.CountTestId("problem").ShouldBe(1);
        before.TestId("problem-line").ShouldBe("7");
        before.TestId("problem-column").ShouldBe("成交单量");
        before.TestId("problem-value").ShouldBe("12.5");
        before.Html.ShouldNotContain("id=\"commit\"");
        (await owner.CommitAsync(org, id)).Status.ShouldBe(HttpStatusCode.Redirect); // a commit of a file with a rejected value writes nothing
        (await owner.WaitForCommitAsync(org, id)).Html.ShouldContain("id=\"import-failed\"");
        (await app.Factory.QueryAsync(org, db => db.MetricDays.CountAsync())).ShouldBe(0);

        var fixedReply = await owner.FixAsync(org, id, ("fix.7.orders", "12"), ("was.7.orders", "12.5"));
        var after = await owner.GetAsync(ImportFlows.PreviewPage(org, id));

        fixedReply.Status.ShouldBe(HttpStatusCode.Redirect, fixedReply.ToString());
        after.CountTestId("problem").ShouldBe(0);
        after.TestId("accepted").ShouldBe("4");
        after.Html.ShouldContain("id=\"commit\"");
        await owner.CommitAndWaitAsync(org, id);
        (await app.Factory.QueryAsync(org, db => db.MetricDays.SumAsync(d => d.Orders))).ShouldBe(95 + 80 + 41 + 12);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Preview_BadCsv_ListsEveryRejectedValueAndCorrectionsMakeItCommittable(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var org = await app.NewOrganizationAsync("Bad import");
        var id = await owner.StageWithMappingAsync(org, "bad.csv", "formation-standard");

        var preview = await owner.GetAsync(ImportFlows.PreviewPage(org, id));

        preview.CountTestId("problem").ShouldBe(9);
        ProblemLines().Matches(preview.Html).Select(m => m.Groups[1].Value).ShouldBe(["5", "6", "7", "8", "9", "12", "12", "12", "12"]);
        ProblemColumns().Matches(preview.Html).Select(m => m.Groups[1].Value).ShouldBe(["campaign", "date", "cost", "impressions", "clicks", "campaign", "impressions", "clicks", "cost"]);
        preview.Text.ShouldContain("Must not be negative.");
        preview.Html.ShouldContain("id=\"fix-6-date\"");
        preview.Html.ShouldContain("id=\"skip-12\"");

        var fixedReply = await owner.FixAsync(org, id,
            ("fix.6.date", "2024-08-02"), ("was.6.date", "2024/08/02"),
            ("fix.7.cost", "15.00"), ("was.7.cost", "-15.00"),
            ("fix.8.impressions", "800"), ("was.8.impressions", "abc"),
            ("fix.9.clicks", "3"), ("was.9.clicks", "3.5%"),
            ("fix.12.cost", "abc"), ("was.12.cost", "abc"), // unchanged: not a correction
            ("skip", "5"), ("skip", "12"));
        var after = await owner.GetAsync(ImportFlows.PreviewPage(org, id));

        fixedReply.Status.ShouldBe(HttpStatusCode.Redirect, fixedReply.ToString());
        after.CountTestId("problem").ShouldBe(0, after.ToString());
        after.TestId("left-out").ShouldBe("2");
        after.TestId("accepted").ShouldBe("6"); // lines 2 and 11 as they were, 6–9 corrected
        var done = await owner.CommitAndWaitAsync(org, id);
        done.TestId("written").ShouldBe("6");
        (await app.Factory.QueryAsync(org, db => db.MetricDays.Where(d => d.Day == new DateOnly(2024, 8, 2).DayNumber).SumAsync(d => d.Impressions)))
            .ShouldBe(900 + 800 + 800 + 700);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Build_MappingForTheGbkExport_SavesItAndPreviewsWithTheFixedChannel(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var org = await app.NewOrganizationAsync("Built mapping");
        var id = await owner.StageAsync(org, "baidu-campaign-gbk.csv", ImportFlows.Fixture("baidu-campaign-gbk.csv"));
        var name = "baidu-" + provider;

        var built = await owner.SubmitAsync(ImportFlows.MapPage(org, id), $"{ImportFlows.MapPage(org, id)}?handler=Build",
            ("Form.Name", name), ("Form.Title", "百度推广分日"), ("Form.Encoding", ""), ("Form.Delimiter", ""), ("Form.HeaderRow", "0"),
            ("Form.DateFormats", "yyyy-MM-dd, yyyy/M/d"), ("Form.Thousands", ","), ("Form.DecimalMark", "."), ("Form.Skip", "合计"),
            ("Form.Column[date]", "日期"), ("Form.Fixed[channel]", "百度推广"), ("Form.Column[campaign]", "推广计划"),
            ("Form.Column[impressions]", "展现"), ("Form.Column[clicks]", "点击"), ("Form.Column[cost]", "消费"), ("save", "true"));
        var preview = await owner.GetAsync(ImportFlows.PreviewPage(org, id));
        var again = await owner.SubmitAsync(ImportFlows.MapPage(org, id), $"{ImportFlows.MapPage(org, id)}?handler=Build",
            ("Form.Name", name), ("Form.DateFormats", "yyyy-MM-dd"), ("Form.Thousands", ","), ("Form.DecimalMark", "."),
            ("Form.Column[date]", "日期"), ("Form.Fixed[channel]", "百度推广"), ("Form.Column[campaign]", "推广计划"), ("Form.Column[cost]", "消费"), ("save", "true"));

        built.Status.ShouldBe(HttpStatusCode.Redirect, built.ToString());
        preview.TestId("accepted").ShouldBe("4");
        preview.TestId("new-channels").ShouldBe("百度推广");
        var saved = await app.Factory.QueryAsync(org, db => db.SavedMappings.SingleAsync());
        saved.Name.ShouldBe(name);
        Formation.Domain.DataImport.MappingReader.Read(saved.Yaml, "saved.yaml").IsValid.ShouldBeTrue();
        again.Status.ShouldBe(HttpStatusCode.BadRequest);
        again.Text.ShouldContain($"a mapping named \"{name}\" exists");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Build_BadValues_AreRefusedNamingTheField(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var org = await app.NewOrganizationAsync("Bad build");
        var id = await owner.StageAsync(org, "bad.csv", ImportFlows.Fixture("bad.csv"));
        var url = $"{ImportFlows.MapPage(org, id)}?handler=Build";

        var badDate = await owner.SubmitAsync(ImportFlows.MapPage(org, id), url, ("Form.DateFormats", "yyyy-MM"), ("Form.Thousands", ","), ("Form.DecimalMark", "."),
            ("Form.Column[date]", "date"), ("Form.Column[channel]", "channel"), ("Form.Column[campaign]", "campaign"), ("Form.Column[cost]", "cost"));
        var sameMarks = await owner.SubmitAsync(ImportFlows.MapPage(org, id), url, ("Form.DateFormats", "yyyy-MM-dd"), ("Form.Thousands", ","), ("Form.DecimalMark", ","),
            ("Form.Column[date]", "date"), ("Form.Column[channel]", "channel"), ("Form.Column[campaign]", "campaign"), ("Form.Column[cost]", "cost"));
        var noCampaign = await owner.SubmitAsync(ImportFlows.MapPage(org, id), url, ("Form.DateFormats", "yyyy-MM-dd"), ("Form.Thousands", ","), ("Form.DecimalMark", "."),
            ("Form.Column[date]", "date"), ("Form.Column[channel]", "channel"), ("Form.Column[cost]", "cost"));
        var both = await owner.SubmitAsync(ImportFlows.MapPage(org, id), url, ("Form.DateFormats", "yyyy-MM-dd"), ("Form.Thousands", ","), ("Form.DecimalMark", "."),
            ("Form.Column[date]", "date"), ("Form.Column[channel]", "channel"), ("Form.Fixed[channel]", "抖音"), ("Form.Column[campaign]", "campaign"), ("Form.Column[cost]", "cost"));
        var shippedName = await owner.SubmitAsync(ImportFlows.MapPage(org, id), url, ("Form.Name", "formation-standard"), ("save", "true"), ("Form.DateFormats", "yyyy-MM-dd"),
            ("Form.Thousands", ","), ("Form.DecimalMark", "."), ("Form.Column[date]", "date"), ("Form.Column[channel]", "channel"), ("Form.Column[campaign]", "campaign"), ("Form.Column[cost]", "cost"));

        badDate.Status.ShouldBe(HttpStatusCode.BadRequest);
        badDate.Text.ShouldContain("dateFormats");
        badDate.Text.ShouldContain("\"yyyy-MM\" is not a full date format");
        sameMarks.Status.ShouldBe(HttpStatusCode.BadRequest);
        sameMarks.Text.ShouldContain("numbers: The thousands separator and the decimal separator must differ.");
        noCampaign.Status.ShouldBe(HttpStatusCode.BadRequest);
        noCampaign.Text.ShouldContain("The required field \"campaign\" is missing");
        both.Status.ShouldBe(HttpStatusCode.BadRequest);
        both.Text.ShouldContain("Form.Column[channel]");
        shippedName.Status.ShouldBe(HttpStatusCode.BadRequest);
        shippedName.Text.ShouldContain("\"formation-standard\" is the name of a shipped mapping");
        (await app.Factory.QueryAsync(org, db => db.SavedMappings.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Upload_WrongTypeOrDamagedWorkbookOrNothing_IsRefusedWithTheReason(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var org = await app.NewOrganizationAsync("Refused uploads");

        var pdf = await owner.UploadAsync(org, "report.pdf", Encoding.UTF8.GetBytes("%PDF-1.4"));
        var xls = await owner.UploadAsync(org, "report.xls", [0xD0, 0xCF, 0x11, 0xE0]);
        var damaged = await owner.UploadAsync(org, "report.xlsx", Encoding.UTF8.GetBytes("not a zip"));
        var empty = await owner.UploadAsync(org, "empty.csv", []);

        pdf.Status.ShouldBe(HttpStatusCode.BadRequest);
        pdf.Text.ShouldContain("Cannot import a .pdf file: upload a .csv, .txt, .tsv or .xlsx file.");
        xls.Status.ShouldBe(HttpStatusCode.BadRequest);
        xls.Text.ShouldContain("save the file as .xlsx or .csv");
        damaged.Status.ShouldBe(HttpStatusCode.BadRequest);
        damaged.Text.ShouldContain("report.xlsx:");
        empty.Status.ShouldBe(HttpStatusCode.BadRequest);
        empty.Text.ShouldContain("Choose a CSV or XLSX file to import.");
        app.Factory.Services.GetRequiredService<ImportStaging>().List(org).ShouldBeEmpty(); // nothing refused is kept
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Use_UnknownMapping_IsRefusedNamingTheShippedOnes(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var org = await app.NewOrganizationAsync("Unknown mapping");
        var id = await owner.StageAsync(org, "bad.csv", ImportFlows.Fixture("bad.csv"));

        var reply = await owner.UseMappingAsync(org, id, "no-such-mapping");

        reply.Status.ShouldBe(HttpStatusCode.BadRequest);
        reply.Text.ShouldContain("No mapping named \"no-such-mapping\"; shipped mappings: baidu-search-campaign, formation-standard");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Upload_LargerThanTheLimit_Is413WithTheLimitNamed(string provider)
    {
        await using var factory = await FormationWebFactory.CreateAsync(provider, new Dictionary<string, string?>
        {
            ["Formation:MaxImportBytes"] = "2048",
            ["Formation:FollowUpMinutes"] = "0",
        });
        using var owner = factory.NewSession();
        var org = await owner.SetUpAsync("Small limits", "owner@limits.test");
        var big = Encoding.UTF8.GetBytes("date,channel,campaign,cost\n" + string.Concat(Enumerable.Repeat("2024-08-01,百度搜索,品牌词,100.00\n", 100)));

        var reply = await owner.UploadAsync(org, "big.csv", big);

        reply.Status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        reply.Text.ShouldContain("is larger than the 2 KB limit");
        factory.Services.GetRequiredService<ImportStaging>().List(org).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Commit_WhileAnotherImportOfTheOrganisationRuns_Is409(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var org = await app.NewOrganizationAsync("Busy import");
        var id = await owner.StageWithMappingAsync(org, "standard-utf8-bom.csv", "formation-standard");
        var jobs = app.Factory.Services.GetRequiredService<ImportJobs>();
        using var release = new ManualResetEventSlim();
        var blocker = jobs.Start(org, "f0000000000000000000000000000000", "other.csv", (_, ct) =>
        {
            release.Wait(ct);
            throw new OperationCanceledException();
        });

        try
        {
            var busy = await owner.CommitAsync(org, id);

            busy.Status.ShouldBe(HttpStatusCode.Conflict);
            busy.Text.ShouldContain("Another file (other.csv) is being imported");
        }
        finally
        {
            release.Set();
        }

        await blocker!.Completion;
        await owner.CommitAndWaitAsync(org, id);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Cancel_DeletesTheUpload(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var org = await app.NewOrganizationAsync("Cancelled import");
        var id = await owner.StageAsync(org, "bad.csv", ImportFlows.Fixture("bad.csv"));

        var cancel = await owner.SubmitAsync(ImportFlows.MapPage(org, id), $"{ImportFlows.MapPage(org, id)}?handler=Cancel");

        cancel.Status.ShouldBe(HttpStatusCode.Redirect);
        (await owner.GetAsync(ImportFlows.MapPage(org, id))).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Sweep_UploadOlderThanADay_IsRemoved(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var org = await app.NewOrganizationAsync("Swept import");
        var staging = app.Factory.Services.GetRequiredService<ImportStaging>();
        var old = await owner.StageAsync(org, "bad.csv", ImportFlows.Fixture("bad.csv"));
        var fresh = await owner.StageAsync(org, "bad.csv", ImportFlows.Fixture("bad.csv"));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(staging.Root, org.ToString("N")), old + ".*"))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-25));
        }

        staging.Sweep(DateTimeOffset.UtcNow);

        staging.Find(org, old).ShouldBeNull();
        staging.Find(org, fresh).ShouldNotBeNull();
        (await owner.GetAsync(ImportFlows.MapPage(org, old))).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Viewer_ReadsThePreviewButCannotUploadCorrectOrCommit(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var org = app.OrganizationA;
        var id = await app.Owner.Session.StageWithMappingAsync(org, "bad.csv", "formation-standard");
        var viewer = app[Role.Viewer].Session;

        var preview = await viewer.GetAsync(ImportFlows.PreviewPage(org, id));
        var upload = await viewer.UploadAsync(org, "bad.csv", ImportFlows.Fixture("bad.csv"));
        var fix = await viewer.FixAsync(org, id, ("skip", "5"));
        var commit = await viewer.CommitAsync(org, id);
        var use = await viewer.UseMappingAsync(org, id, "formation-standard");
        var cancel = await viewer.SubmitAsync(ImportFlows.MapPage(org, id), $"{ImportFlows.MapPage(org, id)}?handler=Cancel");

        preview.Status.ShouldBe(HttpStatusCode.OK);
        preview.CountTestId("problem").ShouldBe(9);
        preview.Html.ShouldNotContain("id=\"fix-6-date\"");
        upload.Status.ShouldBe(HttpStatusCode.Forbidden);
        fix.Status.ShouldBe(HttpStatusCode.Forbidden);
        commit.Status.ShouldBe(HttpStatusCode.Forbidden);
        use.Status.ShouldBe(HttpStatusCode.Forbidden);
        cancel.Status.ShouldBe(HttpStatusCode.Forbidden);
        app.Factory.Services.GetRequiredService<ImportStaging>().Find(org, id)!.Skipped.ShouldBeEmpty();
        await app.Owner.Session.SubmitAsync(ImportFlows.MapPage(org, id), $"{ImportFlows.MapPage(org, id)}?handler=Cancel");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Outsider_GetsNotFoundForThePagesAndAnotherOrganisationsUpload(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var a = app.OrganizationA;
        var id = await app.Owner.Session.StageWithMappingAsync(a, "bad.csv", "formation-standard");
        var outsider = app.OwnerOfB.Session;
        var b = app.OrganizationB;

        foreach (var page in new[] { ImportFlows.ImportsPage(a), ImportFlows.MapPage(a, id), ImportFlows.PreviewPage(a, id), ImportFlows.ProgressPage(a, id), $"/o/{a}/data/mappings", $"/o/{a}/data/channels" })
        {
            (await outsider.GetAsync(page)).Status.ShouldBe(HttpStatusCode.NotFound, page);
        }

        // B's owner may write in B, but A's upload is not B's: the id leads nowhere there.
        (await outsider.GetAsync(ImportFlows.MapPage(b, id))).Status.ShouldBe(HttpStatusCode.NotFound);
        (await outsider.GetAsync(ImportFlows.PreviewPage(b, id))).Status.ShouldBe(HttpStatusCode.NotFound);
        var token = await outsider.AntiforgeryTokenAsync(ImportFlows.ImportsPage(b));
        (await outsider.PostFormAsync($"{ImportFlows.PreviewPage(b, id)}?handler=Commit", token)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await outsider.PostFormAsync($"{ImportFlows.MapPage(b, id)}?handler=Cancel", token)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await outsider.PostFormAsync($"{ImportFlows.PreviewPage(a, id)}?handler=Commit", token)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await outsider.GetAsync(ImportFlows.MapPage(b, "..%2F" + id))).Status.ShouldBe(HttpStatusCode.NotFound);
        app.Factory.Services.GetRequiredService<ImportStaging>().Find(a, id).ShouldNotBeNull();
        await app.Owner.Session.SubmitAsync(ImportFlows.MapPage(a, id), $"{ImportFlows.MapPage(a, id)}?handler=Cancel");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Layout_DataMenu_LinksEveryDataPage(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var org = app.OrganizationA;

        var page = await app[Role.Staff].Session.GetAsync(ImportFlows.ImportsPage(org));

        page.Status.ShouldBe(HttpStatusCode.OK);
        foreach (var slug in new[] { "imports", "channels", "dashboard", "goals", "evaluation" })
        {
            page.Html.ShouldContain($"class=\"dropdown-item\" href=\"/o/{org}/data/{slug}\"");
        }

        page.Html.ShouldNotContain("id=\"upload-form\""); // staff read; owners and managers import
    }

    [GeneratedRegex("<tr class=\"table-primary\" id=\"detected-header\">(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex HeaderRow();

    [GeneratedRegex("<option value=\"([^\"]+)\" selected=\"selected\">")]
    private static partial Regex SelectedMapping();

    [GeneratedRegex("data-testid=\"problem-line\">(\\d+)<")]
    private static partial Regex ProblemLines();

    [GeneratedRegex("data-testid=\"problem-column\">([^<]*)<")]
    private static partial Regex ProblemColumns();
}
