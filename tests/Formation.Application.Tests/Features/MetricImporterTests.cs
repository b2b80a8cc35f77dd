using System.Globalization;
using System.Text;
using Formation.Application.Data;
using Formation.Application.Features.Data;
using Formation.Domain.DataImport;

namespace Formation.Application.Tests.Features;

public sealed class MetricImporterTests
{
    private const string Header = "date,channel,campaign,segment,impressions,clicks,cost,conversions,leads,orders,revenue";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_SameFileTwice_LeavesIdenticalTotals(string provider)
    {
        await using var world = await World.CreateAsync(provider);
        using var file = TempFile.Csv(Header, Rows(days: 40, campaigns: 30));

        var first = world.Commit(file.Path);
        var afterFirst = world.Totals();
        world.CampaignMonthsMatchRows();
        var monthsAfterFirst = world.CampaignMonths();
        var second = world.Commit(file.Path);

        first.Committed.ShouldBeTrue();
        first.Written.ShouldBe(40 * 30 * 2);
        second.Committed.ShouldBeTrue();
        second.Replaced.ShouldBe(first.Written);
        second.Removed.ShouldBe(0);
        world.Totals().ShouldBe(afterFirst);
        world.Count("metric_days").ShouldBe(first.Written);
        world.Count("campaigns").ShouldBe(60); // 30 in each of two channels
        world.RollupsMatchRows();
        world.CampaignMonthsMatchRows();
        world.CampaignMonths().ShouldBe(monthsAfterFirst);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_CorrectedFile_ReplacesWhatItCovers(string provider)
    {
        await using var world = await World.CreateAsync(provider);
        using var original = TempFile.Csv(Header,
            "2026-11-01,百度搜索,品牌词,,1000,10,20.00,1,1,0,0",
            "2026-11-02,百度搜索,品牌词,,1000,10,20.00,1,1,0,0",
            "2026-11-03,百度搜索,品牌词,,1000,10,20.00,1,1,0,0",
            "2026-11-01,百度搜索,通用词,,500,5,9.99,0,0,0,0",
            "2026-11-03,百度搜索,通用词,,500,5,9.99,0,0,0,0");
        using var other = TempFile.Csv(Header, "2026-10-31,百度搜索,通用词,,7,7,7,0,0,0,0");
        using var corrected = TempFile.Csv(Header,
            "2026-11-01,百度搜索,品牌词,,1200,12,24.50,2,1,0,0",
            "2026-11-02,百度搜索,品牌词,,1000,10,20.00,1,1,0,0",
            "2026-11-03,百度搜索,通用词,,500,5,10.01,0,0,0,0");

        world.Commit(original.Path).Committed.ShouldBeTrue();
        world.CampaignMonthsMatchRows();
        world.Commit(other.Path).Committed.ShouldBeTrue();
        world.CampaignMonthsMatchRows();
        var result = world.Commit(corrected.Path);

        result.Committed.ShouldBeTrue();
        result.Replaced.ShouldBe(3);
        result.Removed.ShouldBe(2); // 品牌词 on 11-03 and 通用词 on 11-01: inside the file's days, no longer in it
        world.Count("metric_days").ShouldBe(4); // the three rows, and 通用词 on 10-31 outside the file's days
        world.Totals().ShouldBe((1200L + 1000 + 500 + 7, 12L + 10 + 5 + 7, 245_000L + 200_000 + 100_100 + 70_000));
        world.RollupsMatchRows();
        world.CampaignMonthsMatchRows();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_WithARejectedValue_WritesNothingAndNamesLineAndColumn(string provider)
    {
        await using var world = await World.CreateAsync(provider);
        using var earlier = TempFile.Csv(Header, Rows(days: 3, campaigns: 2));
        world.Commit(earlier.Path).Committed.ShouldBeTrue();
        var before = (world.Count("metric_days"), world.Count("campaigns"), world.Count("channels"), world.Count("metric_rollups"), world.Count("metric_imports"));
        var monthsBefore = world.CampaignMonths();
        var rows = Rows(days: 20, campaigns: 1000).ToList();
        rows[30_000] = "2024-01-16,抖音,计划A,,100,1,-5.00,0,0,0,0";
        using var file = TempFile.Csv(Header, [.. rows]);

        var result = world.Commit(file.Path);

        result.Committed.ShouldBeFalse();
        result.ProblemCount.ShouldBe(1);
        result.Problems[0].Line.ShouldBe(30_002);
        result.Problems[0].Column.ShouldBe("cost");
        result.Problems[0].Reason.En.ShouldBe("Must not be negative.");
        (world.Count("metric_days"), world.Count("campaigns"), world.Count("channels"), world.Count("metric_rollups"), world.Count("metric_imports")).ShouldBe(before);
        world.CampaignMonths().ShouldBe(monthsBefore);
        world.CampaignMonthsMatchRows();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_Cancelled_LeavesTheDatabaseAsItWas(string provider)
    {
        await using var world = await World.CreateAsync(provider);
        using var small = TempFile.Csv(Header, Rows(days: 2, campaigns: 3));
        world.Commit(small.Path).Committed.ShouldBeTrue();
        var before = (world.Totals(), world.Count("metric_days"), world.Count("campaigns"));
        var monthsBefore = world.CampaignMonths();
        using var big = TempFile.Csv(Header, Rows(days: 60, campaigns: 1000));
        using var cancel = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            if (p > 0.3)
            {
                cancel.Cancel();
            }
        });

        Should.Throw<OperationCanceledException>(() => world.Commit(big.Path, null, progress, ct: cancel.Token));

        (world.Totals(), world.Count("metric_days"), world.Count("campaigns")).ShouldBe(before);
        world.RollupsMatchRows();
        world.CampaignMonths().ShouldBe(monthsBefore);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_NewAndKnownChannelsAndCampaigns_KeepsEverySumAndEachCampaignsDays(string provider)
    {
        await using var world = await World.CreateAsync(provider);
        using var first = TempFile.Csv(Header,
            "2026-10-30,百度搜索,品牌词,,1000,10,20.00,1,1,0,0",
            "2026-11-01,百度搜索,品牌词,,1000,10,20.00,1,1,0,0");
        using var second = TempFile.Csv(Header,
            "2026-11-01,百度搜索,品牌词,,900,9,18.00,1,1,0,0",
            "2026-11-01,百度搜索,新活动,,100,1,2.00,0,0,0,0",
            "2026-11-02,抖音,信息流,,300,3,3.00,0,0,1,50",
            "2026-12-01,百度搜索,品牌词,,10,1,1.00,0,0,0,0");
        world.Commit(first.Path).Committed.ShouldBeTrue();

        var result = world.Commit(second.Path);

        result.Committed.ShouldBeTrue();
        result.Replaced.ShouldBe(1);
        result.Removed.ShouldBe(0);
        result.NewChannels.ShouldBe(["抖音"]);
        result.NewCampaigns.ShouldBe(["抖音 / 信息流", "百度搜索 / 新活动"], ignoreOrder: true);
        world.RollupsMatchRows();
        world.CampaignMonthsMatchRows();
        world.CampaignDays().ShouldBe([
            ("信息流", new DateOnly(2026, 11, 2).DayNumber, new DateOnly(2026, 11, 2).DayNumber),
            ("品牌词", new DateOnly(2026, 10, 30).DayNumber, new DateOnly(2026, 12, 1).DayNumber),
            ("新活动", new DateOnly(2026, 11, 1).DayNumber, new DateOnly(2026, 11, 1).DayNumber)],
            ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_IntoOneOrganisation_LeavesAnotherUntouched(string provider)
    {
        await using var world = await World.CreateAsync(provider);
        var other = await world.AddOrganizationAsync();
        using var file = TempFile.Csv(Header, Rows(days: 3, campaigns: 2));
        world.Commit(file.Path, other);
        var otherTotals = world.Totals(other);

        world.Commit(file.Path).Committed.ShouldBeTrue();
        world.Commit(file.Path).Replaced.ShouldBe(12);

        world.Totals(other).ShouldBe(otherTotals);
        world.Totals().ShouldBe(otherTotals);
        world.Count("campaigns").ShouldBe(8); // 2 × 2 in each organisation
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_FilesAcrossTwoMonths_KeepEachCampaignsMonthlySums(string provider)
    {
        await using var world = await World.CreateAsync(provider);
        using var original = TempFile.Csv(Header,
            "2026-10-30,百度搜索,品牌词,,1000,10,20.00,1,1,0,0",
            "2026-10-31,百度搜索,品牌词,关键词A,1000,10,20.00,1,1,1,99.90",
            "2026-11-01,百度搜索,品牌词,,1000,10,20.00,1,1,0,0",
            "2026-11-02,百度搜索,通用词,,500,5,9.99,0,0,0,0",
            "2026-10-31,抖音,品牌词,,300,3,3.00,0,0,0,0");
        using var corrected = TempFile.Csv(Header,
            "2026-10-31,百度搜索,品牌词,关键词A,1100,11,21.00,1,1,1,99.90",
            "2026-11-01,百度搜索,品牌词,,900,9,18.00,1,1,0,0");
        using var otherOrganisation = TempFile.Csv(Header, "2026-11-01,百度搜索,品牌词,,5,5,5,5,5,5,5");
        var other = await world.AddOrganizationAsync();
        world.Commit(otherOrganisation.Path, other).Committed.ShouldBeTrue();

        world.Commit(original.Path).Committed.ShouldBeTrue();
        var months = world.CampaignMonths().Select(m => m.Month).Distinct().ToList();
        world.CampaignMonthsMatchRows();
        var result = world.Commit(corrected.Path);

        months.ShouldBe([new DateOnly(2026, 10, 1).DayNumber, new DateOnly(2026, 11, 1).DayNumber], ignoreOrder: true);
        result.Committed.ShouldBeTrue();
        result.Replaced.ShouldBe(2);
        result.Removed.ShouldBe(0); // the file covers 10-31 to 11-01 of 品牌词 in 百度搜索 only
        world.CampaignMonthsMatchRows();
        world.CampaignMonthsMatchRows(other);
        world.CampaignMonths().Count.ShouldBe(4); // 品牌词 in both months, 通用词 in November, 抖音's 品牌词 in October
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_WritingCampaignMonthsPartWay_AddsUpToTheSameDailySums(string provider)
    {
        await using var world = await World.CreateAsync(provider);
        // Out of day order, so the same campaign months come back after they were written; then corrected in part.
        // Two segments a campaign and day: 33,600 rows, three chunks (MetricImporter.ChunkRows).
        var rows = Rows(days: 70, campaigns: 120).SelectMany(r => new[] { r.Replace(",,", ",A,", StringComparison.Ordinal), r.Replace(",,", ",B,", StringComparison.Ordinal) }).ToList();
        using var shuffled = TempFile.Csv(Header, [.. rows.Where((_, i) => i % 4 >= 2), .. rows.Where((_, i) => i % 4 < 2)]);
        using var corrected = TempFile.Csv(Header, [.. rows.Skip(10_000).Take(6_000).Select(r => r.Replace(",A,", ",A,7", StringComparison.Ordinal))]);

        world.Commit(shuffled.Path, monthsHeld: 3).Committed.ShouldBeTrue();
        world.CampaignMonthsMatchRows();
        world.Count("metric_days").ShouldBe(rows.Count);
        world.Totals().ShouldBe(Totals(rows));
        world.Commit(corrected.Path, monthsHeld: 2).Committed.ShouldBeTrue();

        world.CampaignMonthsMatchRows();
        world.RollupsMatchRows();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_MoreSegmentsThanMonthRowsHeld_WritesThemPartWayAndMergesTheRest(string provider)
    {
        await using var world = await World.CreateAsync(provider);
        // 40 segments of 6 campaigns over 45 days, with at most 50 month rows open: every few rows all are written,
        // and the rows that follow in the same months are merged with them. Then the last 20 days again, corrected.
        var rows = Rows(days: 45, campaigns: 3).SelectMany(r => Enumerable.Range(0, 40).Select(k => r.Replace(",,", $",S{k:D2},", StringComparison.Ordinal))).ToList();
        var corrected = rows.Skip(25 * 240).Select(r => r.Replace(",S07,", ",S07x,", StringComparison.Ordinal)).ToList();
        using var file = TempFile.Csv(Header, [.. rows]);
        using var again = TempFile.Csv(Header, [.. corrected]);

        var first = world.Commit(file.Path, openRows: 50);

        first.Written.ShouldBe(rows.Count);
        world.Count("metric_days").ShouldBe(rows.Count);
        world.Count("metric_months").ShouldBe(6 * 40 * 2); // January and February
        world.Totals().ShouldBe(Totals(rows));
        world.RollupsMatchRows();
        world.CampaignMonthsMatchRows();

        var second = world.Commit(again.Path, openRows: 50);

        second.Replaced.ShouldBe(corrected.Count - (20 * 6));
        second.Removed.ShouldBe(20 * 6); // S07 on the file's 20 days, now S07x
        world.Count("metric_days").ShouldBe(rows.Count + (20 * 6) - (20 * 6));
        world.Totals().ShouldBe(Totals(rows));
        world.RollupsMatchRows();
        world.CampaignMonthsMatchRows();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_SameFileTwice_WithEachMonthSetAsideInManyParts_CountsEveryRowReplaced(string provider)
    {
        await using var world = await World.CreateAsync(provider);
        // 6 campaigns x 400 segments: 2,400 keys a month, more than a merge batch (2,048), and at most 1,000 month rows
        // open, so each key's month is written a day at a time and its parts fall into different batches.
        var rows = Rows(days: 10, campaigns: 3).SelectMany(r => Enumerable.Range(0, 400).Select(k => r.Replace(",,", $",K{k:D3},", StringComparison.Ordinal))).ToList();
        using var file = TempFile.Csv(Header, [.. rows]);

        var first = world.Commit(file.Path, openRows: 1_000);
        var totals = world.Totals();
        var second = world.Commit(file.Path, openRows: 1_000);

        first.Written.ShouldBe(rows.Count);
        second.Replaced.ShouldBe(rows.Count);
        second.Removed.ShouldBe(0);
        world.Count("metric_days").ShouldBe(rows.Count);
        world.Count("metric_months").ShouldBe(2_400);
        world.Totals().ShouldBe(totals);
        world.Totals().ShouldBe(Totals(rows));
        world.RollupsMatchRows();
        world.CampaignMonthsMatchRows();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_CorrectedFileWithoutASegment_RemovesThatSegmentsDaysWithinTheFileOnly(string provider)
    {
        await using var world = await World.CreateAsync(provider);
        using var original = TempFile.Csv(Header,
            "2026-10-31,百度搜索,品牌词,A,1,1,1,0,0,0,0",
            "2026-10-31,百度搜索,品牌词,B,2,2,2,0,0,0,0",
            "2026-11-01,百度搜索,品牌词,A,10,1,1,0,0,0,0",
            "2026-11-01,百度搜索,品牌词,B,20,2,2,0,0,0,0",
            "2026-11-02,百度搜索,品牌词,B,40,4,4,0,0,0,0",
            "2026-11-03,百度搜索,品牌词,B,80,8,8,0,0,0,0",
            "2026-12-01,百度搜索,品牌词,C,160,16,16,0,0,0,0",
            "2026-12-01,百度搜索,通用词,A,320,32,32,0,0,0,0");
        // 品牌词's B keeps 10-31 and 11-03, outside the file's days; 通用词 is not in the file and keeps its row.
        using var corrected = TempFile.Csv(Header,
            "2026-11-01,百度搜索,品牌词,A,11,1,1,0,0,0,0",
            "2026-11-02,百度搜索,品牌词,A,5,1,1,0,0,0,0");
        // Then 品牌词's C row of December, inside this file's days, is emptied and goes.
        using var later = TempFile.Csv(Header,
            "2026-11-30,百度搜索,品牌词,A,7,1,1,0,0,0,0",
            "2026-12-02,百度搜索,品牌词,A,9,1,1,0,0,0,0");

        world.Commit(original.Path).Committed.ShouldBeTrue();
        var result = world.Commit(corrected.Path);

        result.Replaced.ShouldBe(1);
        result.Removed.ShouldBe(2); // B on 11-01 and 11-02
        world.Count("metric_days").ShouldBe(8 - 2 + 1); // B's 11-01 and 11-02 go, A's 11-02 comes (A's 11-01 is replaced)
        world.Count("metric_months").ShouldBe(6); // 品牌词 A and B in October and November, C in December; 通用词 A
        world.Totals().ShouldBe((1L + 2 + 11 + 5 + 80 + 160 + 320, 1L + 2 + 1 + 1 + 8 + 16 + 32, 10_000L * (1 + 2 + 1 + 1 + 8 + 16 + 32)));
        world.RollupsMatchRows();
        world.CampaignMonthsMatchRows();

        var last = world.Commit(later.Path);

        last.Replaced.ShouldBe(0);
        last.Removed.ShouldBe(1); // C on 12-01
        world.Count("metric_months").ShouldBe(6); // C's December goes, A's December comes
        world.Totals().ShouldBe((1L + 2 + 11 + 5 + 7 + 9 + 80 + 320, 1L + 2 + 1 + 1 + 1 + 1 + 8 + 32, 10_000L * (1 + 2 + 1 + 1 + 1 + 1 + 8 + 32)));
        world.RollupsMatchRows();
        world.CampaignMonthsMatchRows();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migration0011_KeepsEveryDailyRowOfDataImportedBefore(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var connection = db.Target.CreateConnection())
        {
            await MigrationRunner.ApplyAsync(connection, db.Target.Provider,
                [.. MigrationScript.Shipped(db.Target.Provider).Where(m => string.CompareOrdinal(m.Id, "0011") < 0)], TimeProvider.System);
        }

        var world = new World(db, Guid.Empty);
        var organizationId = await world.AddOrganizationAsync();
        var org = db.Target.Provider.Id(organizationId);
        var days = new[] { new DateOnly(2024, 1, 31), new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 29), new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31) };
        var expected = new List<long[]>();
        foreach (var (day, i) in days.Select((d, i) => (d, i)))
        {
            foreach (var segment in new[] { "", "手机" })
            {
                // Large figures, and zeros on a present day, come back as they were.
                long[] row = [day.DayNumber, 1 + (i % 2), i * 5_000_000_000L, i, 0, i * 3, 1, 2, 9_000_000_000_000L + i, 1 + i];
                expected.Add(row);
                world.Execute(string.Create(CultureInfo.InvariantCulture,
                    $"INSERT INTO metric_days (organization_id, day, campaign_id, segment, impressions, clicks, cost_e4, conversions, leads, orders, revenue_e4, import_id) " +
                    $"VALUES ('{org}', {row[0]}, {row[1]}, '{segment}', {row[2]}, {row[3]}, {row[4]}, {row[5]}, {row[6]}, {row[7]}, {row[8]}, {row[9]})"));
            }
        }

        (await db.Target.MigrateAsync(TimeProvider.System)).ShouldContain("0011_metric_months.sql");

        world.Count("metric_months").ShouldBe(2 * 2 * 3 - 2); // (campaign 1: January, February, March; campaign 2: February, March) x 2 segments
        var read = world.DailyRows(organizationId);
        read.Select(r => string.Join(",", r)).Order().ShouldBe(expected.Select(r => string.Join(",", r)).Order());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_MonthsCompletePartWay_AreSetAsideAndAddUpWithRowsThatComeLater(string provider)
    {
        await using var world = await World.CreateAsync(provider);
        // 164 rows a day. January to mid-July in day order fill two chunks (MetricImporter.ChunkRows): after the second,
        // more months than held are open, so January to March, complete, are written (SQLite) or set aside
        // (PostgreSQL). The third chunk brings January again, in segment C, and June and July in segment D: still
        // too many months open, so all are written part-way, January's added to what was set aside. The rest of D
        // ends the file.
        var rows = Rows(days: 200, campaigns: 82).ToList();
        var januaryAgain = Rows(days: 31, campaigns: 82).Select(r => r.Replace(",,", ",C,", StringComparison.Ordinal)).ToList();
        var summerAgain = rows.Skip(120 * 164).Select(r => r.Replace(",,", ",D,", StringComparison.Ordinal)).ToList();
        using var file = TempFile.Csv(Header, [.. rows, .. januaryAgain, .. summerAgain]);

        world.Commit(file.Path, monthsHeld: 900).Committed.ShouldBeTrue();

        world.Count("metric_days").ShouldBe(rows.Count + januaryAgain.Count + summerAgain.Count);
        world.CampaignMonthDaysMatchRows();
        world.CampaignMonthsMatchRows();
        world.RollupsMatchRows();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_TakingLongerThanTheServersStatementTimeout_Commits(string provider)
    {
        await using var world = await World.CreateAsync(provider);
        // PostgreSQL counts the rows' copy as one statement. Read at 12 ms a thousand rows, the 120,000 rows take
        // about 1.4 s, longer than the 1 s time-out, while each chunk takes about 0.2 s and no other statement comes
        // near it: the copy must be ended and reopened before the server cancels it.
        var target = provider == "postgres"
            ? world.Db.Target with { ConnectionString = world.Db.Target.ConnectionString + ";Options=-c statement_timeout=1000" }
            : world.Db.Target;
        var rows = Rows(days: 200, campaigns: 20).SelectMany(r => Enumerable.Range(0, 15).Select(k => r.Replace(",,", $",S{k},", StringComparison.Ordinal))).ToList();
        using var file = TempFile.Csv(Header, [.. rows]);

        world.Commit(file.Path, target: target, slowly: true).Committed.ShouldBeTrue();

        world.Count("metric_days").ShouldBe(rows.Count);
        world.RollupsMatchRows();
        world.CampaignMonthDaysMatchRows();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migration0008_ComputesTheDailySumsOfDataImportedBefore(string provider)
    {
        await using var world = await World.CreateAsync(provider);
        using var file = TempFile.Csv(Header, Rows(days: 45, campaigns: 5));
        world.Commit(file.Path).Committed.ShouldBeTrue();
        var other = await world.AddOrganizationAsync();
        using var otherFile = TempFile.Csv(Header, "2026-02-28,抖音,品牌词,,5,5,5,5,5,5,5", "2026-03-31,抖音,品牌词,,6,6,6,6,6,6,6");
        world.Commit(otherFile.Path, other).Committed.ShouldBeTrue();

        var monthRows = world.Count("metric_campaign_month_days");

        // As a database migrated to 0007 that then received data: no daily sums per campaign month, only the monthly
        // sums 0009 drops (from which 0008 takes the campaign months to compute).
        world.Execute("DROP TABLE metric_campaign_month_days");
        world.Execute("DROP TABLE metric_campaign_year_months");
        var month = provider == "sqlite"
            ? "CAST(julianday(date(day + 1721425.5, 'start of month')) - 1721425.5 AS INTEGER)"
            : "day - CAST(extract(day FROM DATE '0001-01-01' + day) AS integer) + 1";
        var sums = string.Join(", ", new[] { "impressions", "clicks", "cost_e4", "conversions", "leads", "orders", "revenue_e4" }.Select(c => $"CAST(SUM({c}) AS bigint) AS {c}"));
        world.Execute($"CREATE TABLE metric_campaign_months AS SELECT organization_id, {month} AS month, campaign_id, CAST(COUNT(*) AS bigint) AS rows, {sums} " +
            $"FROM metric_days GROUP BY organization_id, {month}, campaign_id");
        world.Execute("DELETE FROM schema_migrations WHERE id IN ('0008_campaign_slot_sums.sql', '0009_drop_campaign_months.sql')");
        (await world.Db.Target.MigrateAsync(TimeProvider.System)).ShouldBe(["0008_campaign_slot_sums.sql", "0009_drop_campaign_months.sql"]);

        world.Count("metric_campaign_month_days").ShouldBe(monthRows);
        world.Count("metric_campaign_year_months").ShouldBeGreaterThan(0);
        world.CampaignMonthsMatchRows();
        world.CampaignMonthsMatchRows(other);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_CorrectedFileEmptyingAMonth_DeletesThatMonthsSums(string provider)
    {
        await using var world = await World.CreateAsync(provider);
        using var original = TempFile.Csv(Header,
            "2026-10-31,百度搜索,品牌词,,1000,10,20.00,1,1,0,0",
            "2026-11-01,百度搜索,品牌词,,1000,10,20.00,1,1,0,0",
            "2026-11-02,百度搜索,品牌词,,1000,10,20.00,1,1,0,0");
        using var corrected = TempFile.Csv(Header,
            "2026-10-31,百度搜索,品牌词,,1000,10,20.00,1,1,0,0",
            "2026-11-02,百度搜索,品牌词,,800,8,16.00,1,1,0,0");
        using var laterOnly = TempFile.Csv(Header,
            "2026-10-30,百度搜索,品牌词,,1,1,1,0,0,0,0",
            "2026-11-30,百度搜索,品牌词,,2,2,2,0,0,0,0");

        world.Commit(original.Path).Committed.ShouldBeTrue();
        world.Commit(corrected.Path).Removed.ShouldBe(1);
        world.CampaignMonthsMatchRows();
        var result = world.Commit(laterOnly.Path);

        result.Removed.ShouldBe(2); // 10-31 and 11-02 lie between the file's first and last day
        world.Count("metric_days").ShouldBe(2);
        world.CampaignMonthsMatchRows();
        world.CampaignMonths().Select(m => m.Impressions).ShouldBe([1L, 2L]); // 10-30 and 11-30 of the last file
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Preview_ReportsNewCampaignsAndWritesNothing(string provider)
    {
        await using var world = await World.CreateAsync(provider);
        using var file = TempFile.Csv(Header, Rows(days: 2, campaigns: 2));

        using var stream = File.OpenRead(file.Path);
        using var source = CsvSource.Open(stream);
        var result = new MetricImporter(world.Db.Target, TimeProvider.System).Preview(source, new ImportRequest(world.OrganizationId, null, "x.csv", MappingCatalog.Standard));

        result.Committed.ShouldBeFalse();
        result.CanCommit.ShouldBeTrue();
        result.Accepted.ShouldBe(8);
        result.NewChannels.ShouldBe(["抖音", "百度搜索"], ignoreOrder: true);
        result.NewCampaigns.Count.ShouldBe(4);
        result.FirstDay.ShouldBe(new DateOnly(2024, 1, 1));
        world.Count("metric_days").ShouldBe(0);
    }

    /// <summary>The totals of impressions, clicks and cost (in ten-thousandths) of rows made by <see cref="Rows"/>.</summary>
    private static (long Impressions, long Clicks, long CostE4) Totals(IEnumerable<string> rows) =>
        rows.Select(r => r.Split(','))
            .Aggregate((0L, 0L, 0L), (t, f) => (t.Item1 + long.Parse(f[4], CultureInfo.InvariantCulture), t.Item2 + long.Parse(f[5], CultureInfo.InvariantCulture),
                t.Item3 + (long)(decimal.Parse(f[6], CultureInfo.InvariantCulture) * 10_000)));

    /// <summary>Rows for <paramref name="days"/> days from 2024-01-01, each campaign in two channels.</summary>
    private static IEnumerable<string> Rows(int days, int campaigns)
    {
        for (var d = 0; d < days; d++)
        {
            var day = new DateOnly(2024, 1, 1).AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            foreach (var channel in new[] { "百度搜索", "抖音" })
            {
                for (var c = 0; c < campaigns; c++)
                {
                    var n = (d * 31) + c;
                    yield return string.Create(CultureInfo.InvariantCulture, $"{day},{channel},计划{c:D4},,{n * 10},{n},{n}.{n % 100:D2},{n % 7},{n % 5},{n % 3},{n * 2}.5");
                }
            }
        }
    }

    private sealed record CampaignMonth(int Month, long Campaign, long Impressions, long Clicks, long CostE4, long Conversions, long Leads, long Orders, long RevenueE4);

    /// <summary>A source that pauses 12 ms every thousand rows, as a slow disk or workbook would.</summary>
    private sealed class SlowSource(ITableSource inner) : ITableSource
    {
        private int _rows;

        public int LineNumber => inner.LineNumber;

        public int FieldCount => inner.FieldCount;

        public double Progress => inner.Progress;

        public bool Read()
        {
            if (++_rows % 1000 == 0)
            {
                Thread.Sleep(12);
            }

            return inner.Read();
        }

        public CellKind Kind(int index) => inner.Kind(index);

        public ReadOnlySpan<char> Text(int index) => inner.Text(index);

        public decimal NumberValue(int index) => inner.NumberValue(index);

        public DateOnly DateValue(int index) => inner.DateValue(index);

        public void Dispose() => inner.Dispose();
    }

    private sealed class SyncProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }

    private sealed class TempFile : IDisposable
    {
        private TempFile(string path) => Path = path;

        public string Path { get; }

        public static TempFile Csv(string header, params IEnumerable<string> rows)
        {
            var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"formation-import-{Guid.NewGuid():N}.csv");
            File.WriteAllLines(path, new[] { header }.Concat(rows), new UTF8Encoding(false));
            return new TempFile(path);
        }

        public void Dispose() => File.Delete(Path);
    }

    private sealed class World : IAsyncDisposable
    {
        public World(TestDatabase db, Guid organizationId)
        {
            Db = db;
            OrganizationId = organizationId;
        }

        public TestDatabase Db { get; }

        public Guid OrganizationId { get; }

        public static async Task<World> CreateAsync(string provider)
        {
            var db = await TestDatabase.CreateAsync(provider);
            await db.Target.MigrateAsync(TimeProvider.System);
            var world = new World(db, Guid.Empty);
            return new World(db, await world.AddOrganizationAsync());
        }

        public async Task<Guid> AddOrganizationAsync()
        {
            await using var context = Db.Target.CreateContext();
            var organization = new Organization { Id = Guid.NewGuid(), Name = "茶叶公司", Currency = "CNY", CreatedAt = DateTime.UtcNow };
            context.Organizations.Add(organization);
            await context.SaveChangesAsync();
            return organization.Id;
        }

        public ImportResult Commit(
            string path, Guid? organizationId = null, IProgress<double>? progress = null, int monthsHeld = MetricImporter.DefaultMonthsHeld,
            DatabaseTarget? target = null, bool slowly = false, int openRows = MetricImporter.DefaultOpenMonthRows, CancellationToken ct = default)
        {
            using var stream = File.OpenRead(path);
            using ITableSource source = slowly ? new SlowSource(CsvSource.Open(stream)) : CsvSource.Open(stream);
            return new MetricImporter(target ?? Db.Target, TimeProvider.System) { MonthsHeld = monthsHeld, OpenMonthRows = openRows }
                .Commit(source, new ImportRequest(organizationId ?? OrganizationId, null, System.IO.Path.GetFileName(path), MappingCatalog.Standard), progress, ct);
        }

        public long Count(string table) => Scalar($"SELECT COUNT(*) FROM {table}");

        public void Execute(string sql)
        {
            using var connection = Db.Target.CreateConnection();
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        public (long Impressions, long Clicks, long CostE4) Totals(Guid? organizationId = null) =>
            (Scalar("SELECT COALESCE(SUM(impressions), 0) FROM metric_days WHERE organization_id = @o", organizationId),
             Scalar("SELECT COALESCE(SUM(clicks), 0) FROM metric_days WHERE organization_id = @o", organizationId),
             Scalar("SELECT COALESCE(SUM(cost_e4), 0) FROM metric_days WHERE organization_id = @o", organizationId));

        /// <summary>The organisation's daily rows as the view metric_days gives them: day, campaign, the seven sums and the import.</summary>
        public List<long[]> DailyRows(Guid organizationId) =>
            Query("SELECT day, campaign_id, impressions, clicks, cost_e4, conversions, leads, orders, revenue_e4, import_id FROM metric_days WHERE organization_id = @o", organizationId);

        /// <summary>Each channel's daily sums equal the sums of its campaigns' rows.</summary>
        public void RollupsMatchRows()
        {
            const string fromRows = "SELECT m.organization_id, m.day, c.channel_id, COUNT(*) AS n, SUM(m.impressions) AS i, SUM(m.clicks) AS k, SUM(m.cost_e4) AS s, SUM(m.revenue_e4) AS r " +
                "FROM metric_days m JOIN campaigns c ON c.organization_id = m.organization_id AND c.id = m.campaign_id GROUP BY m.organization_id, m.day, c.channel_id";
            const string fromRollups = "SELECT organization_id, day, channel_id, rows AS n, impressions AS i, clicks AS k, cost_e4 AS s, revenue_e4 AS r FROM metric_rollups";
            Scalar($"SELECT COUNT(*) FROM (SELECT * FROM ({fromRows}) a EXCEPT SELECT * FROM ({fromRollups}) b) x").ShouldBe(0);
            Scalar($"SELECT COUNT(*) FROM (SELECT * FROM ({fromRollups}) b EXCEPT SELECT * FROM ({fromRows}) a) x").ShouldBe(0);
        }

        /// <summary>Each campaign month's sums (its day slots added up), in key order.</summary>
        public List<CampaignMonth> CampaignMonths(Guid? organizationId = null) =>
            [.. StoredSlots("metric_campaign_month_days", "month", "days", SlotSums.DaySlots, organizationId)
                .Select(m =>
                {
                    var totals = new long[SlotSums.Metrics];
                    for (var k = 0; k < m.Value.Length; k++)
                    {
                        totals[k % SlotSums.Metrics] += m.Value[k];
                    }

                    return new CampaignMonth(m.Key.Period, m.Key.Campaign, totals[0], totals[1], totals[2], totals[3], totals[4], totals[5], totals[6]);
                })
                .OrderBy(m => m.Month).ThenBy(m => m.Campaign)];

        /// <summary>The organisation has daily rows, and every campaign month's and year's sums equal them (<see cref="CampaignMonthDaysMatchRows"/>).</summary>
        public void CampaignMonthsMatchRows(Guid? organizationId = null)
        {
            Scalar("SELECT COUNT(*) FROM metric_days WHERE organization_id = @o", organizationId).ShouldBeGreaterThan(0);
            CampaignMonthDaysMatchRows(organizationId);
        }

        /// <summary>
        /// Each campaign month's stored daily sums (metric_campaign_month_days) and each campaign year's stored monthly
        /// sums (metric_campaign_year_months) equal its daily rows slot by slot; a period whose slots are all zero may
        /// be left out.
        /// </summary>
        public void CampaignMonthDaysMatchRows(Guid? organizationId = null)
        {
            SlotSumsMatchRows("metric_campaign_month_days", "month", "days", SlotSums.DaySlots, day => (new DateOnly(day.Year, day.Month, 1).DayNumber, day.Day - 1), organizationId);
            SlotSumsMatchRows("metric_campaign_year_months", "year", "months", SlotSums.MonthSlots, day => (new DateOnly(day.Year, 1, 1).DayNumber, day.Month - 1), organizationId);
        }

        private void SlotSumsMatchRows(string table, string period, string column, int slots, Func<DateOnly, (int Period, int Slot)> slotOf, Guid? organizationId)
        {
            var expected = new Dictionary<(int Period, long Campaign), long[]>();
            foreach (var v in Query("SELECT day, campaign_id, impressions, clicks, cost_e4, conversions, leads, orders, revenue_e4 FROM metric_days WHERE organization_id = @o", organizationId))
            {
                var (key, slot) = slotOf(DateOnly.FromDayNumber((int)v[0]));
                if (!expected.TryGetValue((key, v[1]), out var sums))
                {
                    expected[(key, v[1])] = sums = new long[slots * SlotSums.Metrics];
                }

                for (var k = 0; k < SlotSums.Metrics; k++)
                {
                    sums[(slot * SlotSums.Metrics) + k] += v[2 + k];
                }
            }

            var stored = StoredSlots(table, period, column, slots, organizationId);
            foreach (var key in expected.Keys.Union(stored.Keys))
            {
                var want = expected.TryGetValue(key, out var e) ? e : new long[slots * SlotSums.Metrics];
                var have = stored.TryGetValue(key, out var h) ? h : new long[slots * SlotSums.Metrics];
                have.ShouldBe(want, $"{table}: campaign {key.Campaign}, {period} starting on day {key.Period}");
            }

            stored.Values.ShouldAllBe(sums => sums.Any(v => v != 0));
        }

        /// <summary>The stored slot sums of one table, by period and campaign.</summary>
        private Dictionary<(int Period, long Campaign), long[]> StoredSlots(string table, string period, string column, int slots, Guid? organizationId) =>
            Read($"SELECT {period}, campaign_id, {column} FROM {table} WHERE organization_id = @o", organizationId, reader =>
                {
                    var sums = new long[slots * SlotSums.Metrics];
                    SlotSums.AddTo(sums, reader.GetFieldValue<byte[]>(2));
                    return (Key: (Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture)), Sums: sums);
                })
                .ToDictionary(r => r.Key, r => r.Sums);

        /// <summary>Each campaign's name with the first and last day imports gave it.</summary>
        public List<(string Name, long First, long Last)> CampaignDays() =>
            Read("SELECT name, first_day, last_day FROM campaigns WHERE organization_id = @o", null, reader =>
                (reader.GetString(0), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture)));

        public ValueTask DisposeAsync() => Db.DisposeAsync();

        private List<long[]> Query(string sql, Guid? organizationId) =>
            Read(sql, organizationId, reader =>
            {
                var values = new long[reader.FieldCount];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
                }

                return values;
            });

        /// <summary>Runs <paramref name="sql"/> with <c>@o</c> the organisation and reads each row with <paramref name="row"/>.</summary>
        private List<T> Read<T>(string sql, Guid? organizationId, Func<System.Data.Common.DbDataReader, T> row)
        {
            using var connection = Db.Target.CreateConnection();
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.AddParameter("o", Db.Target.Provider.Id(organizationId ?? OrganizationId));
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(row(reader));
            }

            return rows;
        }

        private long Scalar(string sql, Guid? organizationId = null)
        {
            using var connection = Db.Target.CreateConnection();
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.AddParameter("o", Db.Target.Provider.Id(organizationId ?? OrganizationId));
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }
}
