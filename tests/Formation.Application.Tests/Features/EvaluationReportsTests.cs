using Formation.Application.Data;
using Formation.Application.Features.Data;
using Formation.Domain.Metrics;
using Formation.Domain.Playbooks;
using Formation.Domain.Profiles;
using Formation.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace Formation.Application.Tests.Features;

/// <summary>The evaluation report's figures against the rows imported, its planned budget, the goals it moved and the conclusions.</summary>
public sealed class EvaluationReportsTests
{
    private static readonly DateOnly s_first = SampleMetrics.First;
    private static readonly DateOnly s_last = SampleMetrics.Last;
    private static readonly DayRange s_november = DayRange.MonthOf(new DateOnly(2026, 11, 1));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Build_Period_FiguresEqualTheImportedRows(string provider)
    {
        await using var org = await TestOrganization.CreateAsync(provider);
        var rows = SampleMetrics.Import(org, leadsAtLeastOne: true);
        await using var db = org.Context();
        var douyin = await db.Channels.SingleAsync(c => c.Name == "抖音");

        var all = (await Reports(org, db).BuildAsync(EvaluationScope.Period(), s_november)).Report!;
        var one = (await Reports(org, db).BuildAsync(EvaluationScope.Period(douyin.Id), s_november)).Report!;

        all.Current.ShouldBe(SampleMetrics.Expected(rows, s_november));
        all.Previous.ShouldBe(SampleMetrics.Expected(rows, DayRange.MonthOf(new DateOnly(2026, 10, 1))));
        all.PreviousRange.ShouldBe(DayRange.MonthOf(new DateOnly(2026, 10, 1)));
        all.Plan.Spent.ShouldBe(SampleMetrics.Expected(rows, s_november).Cost);
        all.Channels.Single(c => c.Name == "百度搜索").Totals.ShouldBe(SampleMetrics.Expected(rows, s_november, r => r.Channel == "百度搜索"));
        all.Campaigns.Select(c => c.Name).Order(StringComparer.Ordinal).ShouldBe(new[] { "品牌词", "通用词", "信息流" }.Order(StringComparer.Ordinal));
        all.Campaigns.Single(c => c.Name == "通用词").Totals.ShouldBe(SampleMetrics.Expected(rows, s_november, r => r.Campaign == "通用词"));
        all.KpiRows().Count().ShouldBe(16);
        one.Current.ShouldBe(SampleMetrics.Expected(rows, s_november, r => r.Channel == "抖音"));
        one.Campaigns.Select(c => c.Name).ShouldBe(["信息流"]);
        one.ScopeName.En.ShouldBe("Channel: 抖音");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Build_CampaignWithoutRange_CoversItsDatesAndComparesSpendWithItsBudget(string provider)
    {
        await using var org = await TestOrganization.CreateAsync(provider);
        var rows = SampleMetrics.Import(org, leadsAtLeastOne: true);
        await using var db = org.Context();
        var brand = await db.Campaigns.SingleAsync(c => c.Name == "品牌词");
        brand.StartsOn = new DateOnly(2026, 11, 3);
        brand.EndsOn = new DateOnly(2026, 11, 17);
        brand.PlannedBudgetE4 = 300 * 10_000;
        await db.SaveChangesAsync();
        var dates = new DayRange(new DateOnly(2026, 11, 3), new DateOnly(2026, 11, 17));

        var report = (await Reports(org, db).BuildAsync(EvaluationScope.Campaign(brand.Id), null)).Report!;

        report.Range.ShouldBe(dates);
        report.Current.ShouldBe(SampleMetrics.Expected(rows, dates, r => r.Campaign == "品牌词"));
        report.Previous.ShouldBe(SampleMetrics.Expected(rows, dates.Previous(), r => r.Campaign == "品牌词"));
        report.Plan.Basis.ShouldBe(PlanBasis.Campaigns);
        report.Plan.Planned.ShouldBe(300m);
        report.Plan.SpentShare.ShouldBe(SampleMetrics.Expected(rows, dates, r => r.Campaign == "品牌词").Cost / 300m);
        report.Campaigns.Single().StartsOn.ShouldBe(dates.From);
        report.Channels.Single().Totals.ShouldBe(report.Current);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Build_CampaignWithoutDates_CoversItsDaysWithData(string provider)
    {
        await using var org = await TestOrganization.CreateAsync(provider);
        SampleMetrics.Import(org, leadsAtLeastOne: true);
        await using var db = org.Context();
        var feed = await db.Campaigns.SingleAsync(c => c.Name == "信息流");

        var report = (await Reports(org, db).BuildAsync(EvaluationScope.Campaign(feed.Id), null)).Report!;

        report.Range.ShouldBe(new DayRange(s_first, s_last));
        report.Plan.Basis.ShouldBe(PlanBasis.None);
        report.Plan.SpentShare.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Build_Module_TakesCampaignsOfTheModuleOrOfAChannelInIt(string provider)
    {
        await using var org = await TestOrganization.CreateAsync(provider);
        var rows = SampleMetrics.Import(org, leadsAtLeastOne: true);
        await using var db = org.Context();
        (await db.Channels.SingleAsync(c => c.Name == "抖音")).ModuleId = "short-video";
        (await db.Campaigns.SingleAsync(c => c.Name == "品牌词")).ModuleId = "short-video";
        await db.SaveChangesAsync();
        var range = new DayRange(new DateOnly(2026, 10, 30), new DateOnly(2026, 11, 12));

        var report = (await Reports(org, db).BuildAsync(EvaluationScope.Module("short-video"), range)).Report!;

        report.Current.ShouldBe(SampleMetrics.Expected(rows, range, r => r.Campaign is "品牌词" or "信息流"));
        report.Previous.ShouldBe(SampleMetrics.Expected(rows, range.Previous(), r => r.Campaign is "品牌词" or "信息流"));
        report.Campaigns.Select(c => c.Name).Order(StringComparer.Ordinal).ShouldBe(new[] { "品牌词", "信息流" }.Order(StringComparer.Ordinal));
        report.Channels.Sum(c => c.Totals.Cost).ShouldBe(report.Current.Cost);
        (await Reports(org, db).ChoicesAsync()).Modules.Select(m => m.Id).ShouldBe(["short-video"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Build_UnknownScope_IsNotFound(string provider)
    {
        await using var org = await TestOrganization.CreateAsync(provider);
        SampleMetrics.Import(org, leadsAtLeastOne: true);
        await using var db = org.Context();
        var reports = Reports(org, db);

        (await reports.BuildAsync(EvaluationScope.Campaign(999_999), s_november)).Problem.ShouldBe(EvaluationProblem.NotFound);
        (await reports.BuildAsync(EvaluationScope.Period(999_999), s_november)).Problem.ShouldBe(EvaluationProblem.NotFound);
        var module = await reports.BuildAsync(EvaluationScope.Module("nothing-here"), s_november);
        module.Problem.ShouldBe(EvaluationProblem.NotFound);
        module.Message!.En.ShouldContain("nothing-here");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Build_NothingImported_HasNoPeriodWithoutDates(string provider)
    {
        await using var org = await TestOrganization.CreateAsync(provider);
        await using var db = org.Context();

        var result = await Reports(org, db).BuildAsync(EvaluationScope.Period(), null);

        result.Problem.ShouldBe(EvaluationProblem.NoPeriod);
        result.Report.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Build_PeriodWithAcceptedPlan_ProratesTheAnnualBudgetAndTheGoals(string provider)
    {
        await using var org = await TestOrganization.CreateAsync(provider);
        var rows = SampleMetrics.Import(org, leadsAtLeastOne: true);
        await org.AcceptAsync(TestOrganization.Example("b2b-leads.yaml")); // budget 1,400,000 a year; leads ≥ 600 a month, cost per lead ≤ 150
        await using var db = org.Context();
        var part = new DayRange(new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 20));
        var twoMonths = new DayRange(new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31));

        var november = (await Reports(org, db).BuildAsync(EvaluationScope.Period(), s_november)).Report!;
        var partial = (await Reports(org, db).BuildAsync(EvaluationScope.Period(), part)).Report!;
        var both = (await Reports(org, db).BuildAsync(EvaluationScope.Period(), twoMonths)).Report!;

        november.Plan.Basis.ShouldBe(PlanBasis.AnnualBudget);
        november.Plan.AnnualBudget.ShouldBe(1_400_000m);
        november.Plan.Planned!.Value.ShouldBe(1_400_000m * 30 / 365, 0.0001m);
        november.PlanLabel.En.ShouldContain("prorated to the 30 days");

        november.Goals.Select(g => g.Goal.Kpi).ShouldBe(["leads", "cost-per-lead"]); // qualified-leads is not computed from imports
        var leads = november.Goals[0];
        leads.TargetForRange.ShouldBe(600m);
        leads.Value.ShouldBe(SampleMetrics.Expected(rows, s_november).Leads);
        leads.Share.ShouldBe(SampleMetrics.Expected(rows, s_november).Leads / 600m);
        leads.Summary.En.ShouldStartWith($"Leads {Kpis.Format("leads", SampleMetrics.Expected(rows, s_november).Leads, "CNY", Language.En)} — ");
        leads.Summary.En.ShouldContain("of the goal of 600/month");
        partial.Goals[0].TargetForRange.ShouldBe(600m * 11 / 30, 0.0001m);
        partial.Goals[0].Summary.En.ShouldContain("220 over these 11 days");
        both.Goals[0].TargetForRange.ShouldBe(1200m);

        var costPerLead = november.Goals[1];
        costPerLead.TargetForRange.ShouldBe(150m);
        costPerLead.Share.ShouldBeNull();
        costPerLead.Met.ShouldBe(SampleMetrics.Expected(rows, s_november).Cost / SampleMetrics.Expected(rows, s_november).Leads <= 150m);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Build_CampaignPartlyInRange_ProratesItsBudgetAndSharesTheGoalWithEverything(string provider)
    {
        await using var org = await TestOrganization.CreateAsync(provider);
        var rows = SampleMetrics.Import(org, leadsAtLeastOne: true);
        await org.AcceptAsync(TestOrganization.Example("b2b-leads.yaml"));
        await using var db = org.Context();
        var brand = await db.Campaigns.SingleAsync(c => c.Name == "品牌词");
        brand.StartsOn = new DateOnly(2026, 11, 1);
        brand.EndsOn = new DateOnly(2026, 11, 30);
        brand.PlannedBudgetE4 = 900 * 10_000;
        await db.SaveChangesAsync();
        var firstHalf = new DayRange(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 15));

        var report = (await Reports(org, db).BuildAsync(EvaluationScope.Campaign(brand.Id), firstHalf)).Report!;

        report.Plan.Planned.ShouldBe(450m);
        report.Campaigns.Single().PlannedBudget.ShouldBe(900m);
        report.Campaigns.Single().PlannedInRange.ShouldBe(450m);
        var leads = report.Goals.Single(g => g.Goal.Kpi == "leads");
        leads.Value.ShouldBe(SampleMetrics.Expected(rows, firstHalf, r => r.Campaign == "品牌词").Leads);
        leads.TargetForRange.ShouldBe(300m);
        leads.OrganizationValue.ShouldBe(SampleMetrics.Expected(rows, firstHalf).Leads);
        leads.Summary.Zh.ShouldContain("占全部渠道同期");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Build_Conclusions_AreTheCampaignsOwnOrMarkedMissing(string provider)
    {
        await using var org = await TestOrganization.CreateAsync(provider);
        SampleMetrics.Import(org, leadsAtLeastOne: true);
        await using var db = org.Context();
        (await db.Campaigns.SingleAsync(c => c.Name == "品牌词")).Conclusions = "品牌词转化稳定，下月加预算。";
        (await db.Campaigns.SingleAsync(c => c.Name == "通用词")).Conclusions = "   ";
        await db.SaveChangesAsync();

        var report = (await Reports(org, db).BuildAsync(EvaluationScope.Period(), s_november)).Report!;

        report.Campaigns.Single(c => c.Name == "品牌词").HasConclusions.ShouldBeTrue();
        report.Campaigns.Single(c => c.Name == "品牌词").Conclusions.ShouldBe("品牌词转化稳定，下月加预算。");
        report.Campaigns.Single(c => c.Name == "通用词").HasConclusions.ShouldBeFalse();
        report.Campaigns.Single(c => c.Name == "信息流").HasConclusions.ShouldBeFalse();
        report.HasAcceptedPlan.ShouldBeFalse();
        report.Goals.ShouldBeEmpty();
        report.Plan.Basis.ShouldBe(PlanBasis.None);
    }

    [Fact]
    public void PeriodShare_WholeAndPartialPeriods_CountDaysOfTheirOwnPeriod()
    {
        EvaluationReports.PeriodShare(GoalPeriod.Month, s_november).ShouldBe(1m);
        EvaluationReports.PeriodShare(GoalPeriod.Month, new DayRange(new DateOnly(2026, 11, 16), new DateOnly(2026, 12, 31))).ShouldBe(1m + (15m / 30));
        EvaluationReports.PeriodShare(GoalPeriod.Week, new DayRange(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 15))).ShouldBe(2m); // two ISO weeks
        EvaluationReports.PeriodShare(GoalPeriod.Day, s_november).ShouldBe(30m);
        EvaluationReports.PeriodShare(GoalPeriod.Quarter, new DayRange(new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31))).ShouldBe(1m);
        EvaluationReports.YearShare(new DayRange(new DateOnly(2028, 2, 1), new DateOnly(2028, 2, 29))).ShouldBe(29m / 366);
    }

    private static EvaluationReports Reports(TestOrganization org, AppDbContext db) =>
        new(db, new MetricQueries(db), org.Plans(db), PlaybookLibrary.Shipped);
}
