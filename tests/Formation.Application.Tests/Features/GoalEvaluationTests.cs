using System.Globalization;
using Formation.Application.Features.Data;
using Formation.Domain.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Formation.Application.Tests.Features;

/// <summary>The accepted plan's goals against imported figures: status, the remembered state, and one task per slip.</summary>
public sealed class GoalEvaluationTests
{
    private static readonly DateTimeOffset s_tenth = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Evaluate_GoalGoesOffTrack_OpensOneTaskForTheOwningPost(string provider)
    {
        var clock = new FakeTimeProvider(s_tenth);
        await using var org = await TestOrganization.CreateAsync(provider, clock);
        await org.AcceptAsync(TestOrganization.Example("b2b-leads.yaml")); // leads ≥ 600 a month, cost per lead ≤ 150
        org.Import(Days(1, 10, leads: 10, cost: 100m)); // 100 leads in 10 days: 300 forecast for November

        var first = await EvaluateAsync(org, clock, record: true);
        var second = await EvaluateAsync(org, clock, record: true);

        var leads = first.Goals.Single(g => g.Ownership.Goal.Kpi == "leads");
        leads.Progress.Status.ShouldBe(GoalStatus.OffTrack);
        leads.Progress.Actual.ShouldBe(100m);
        leads.Progress.Forecast.ShouldBe(300m);
        leads.Owner.ShouldBe(leads.Ownership.Posts[0]);
        leads.TaskId.ShouldNotBeNull();
        first.Goals.Single(g => g.Ownership.Goal.Kpi == "cost-per-lead").Progress.Status.ShouldBe(GoalStatus.OnTrack);
        first.Goals.Single(g => g.Ownership.Goal.Kpi == "qualified-leads").Progress.Status.ShouldBe(GoalStatus.NoData);
        first.TasksOpened.ShouldBe(1);
        second.TasksOpened.ShouldBe(0);
        second.Goals.Single(g => g.Ownership.Goal.Kpi == "leads").TaskId.ShouldBe(leads.TaskId);

        await using var db = org.Context();
        var task = await db.WorkItems.SingleAsync(i => i.Kind == "goal");
        task.Id.ShouldBe(leads.TaskId!.Value);
        task.OwnerPost.ShouldBe(leads.Owner);
        task.Phase.ShouldBe("evaluation");
        task.StartDate.ShouldBe(new DateOnly(2026, 11, 10));
        task.DueDate.ShouldBe(new DateOnly(2026, 11, 17));
        task.TitleZh.ShouldContain("线索");
        task.TitleEn.ShouldContain("2026-11");
        task.EvidenceEn.ShouldContain("300");
        (await db.WorkChanges.CountAsync(c => c.SubjectId == task.Id && c.Action == "created")).ShouldBe(1);
        (await db.GoalStates.SingleAsync(s => s.Kpi == "leads")).Status.ShouldBe(nameof(GoalStatus.OffTrack));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Evaluate_RecoversThenSlipsAgain_OpensASecondTask(string provider)
    {
        var clock = new FakeTimeProvider(s_tenth);
        await using var org = await TestOrganization.CreateAsync(provider, clock);
        await org.AcceptAsync(TestOrganization.Example("b2b-leads.yaml"));
        org.Import(Days(1, 10, leads: 10, cost: 100m));
        (await EvaluateAsync(org, clock, record: true)).TasksOpened.ShouldBe(1);

        org.Import(Days(1, 10, leads: 60, cost: 100m)); // a corrected export: 600 leads already
        var recovered = await EvaluateAsync(org, clock, record: true);
        org.Import(Days(1, 10, leads: 10, cost: 100m));
        var slipped = await EvaluateAsync(org, clock, record: true);

        var leads = recovered.Goals.Single(g => g.Ownership.Goal.Kpi == "leads");
        leads.Progress.Status.ShouldBe(GoalStatus.OnTrack);
        leads.TaskId.ShouldNotBeNull(); // the first slip's task is still the one of this period
        recovered.TasksOpened.ShouldBe(0);
        slipped.TasksOpened.ShouldBe(1);
        await using var db = org.Context();
        (await db.WorkItems.CountAsync(i => i.Kind == "goal")).ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Evaluate_ReadOnlyOrNoDataYet_WritesNothingAndJudgesNothing(string provider)
    {
        var clock = new FakeTimeProvider(s_tenth);
        await using var org = await TestOrganization.CreateAsync(provider, clock);
        await org.AcceptAsync(TestOrganization.Example("b2b-leads.yaml"));
        org.Import(Days(1, 10, leads: 10, cost: 100m));

        var read = await EvaluateAsync(org, clock, record: false);
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero)); // December: nothing imported yet
        var december = await EvaluateAsync(org, clock, record: true);

        read.Goals.Single(g => g.Ownership.Goal.Kpi == "leads").Progress.Status.ShouldBe(GoalStatus.OffTrack);
        read.TasksOpened.ShouldBe(0);
        december.Goals.ShouldAllBe(g => g.Progress.Status == GoalStatus.NoData);
        december.Goals.Single(g => g.Ownership.Goal.Kpi == "leads").Progress.PeriodStart.ShouldBe(new DateOnly(2026, 12, 1));
        december.TasksOpened.ShouldBe(0);
        await using var db = org.Context();
        (await db.WorkItems.CountAsync(i => i.Kind == "goal")).ShouldBe(0);
        (await db.GoalStates.SingleAsync(s => s.Kpi == "leads")).PeriodStart.ShouldBe(new DateOnly(2026, 12, 1));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Evaluate_TwoAtOnce_OpenOneTask(string provider)
    {
        var clock = new FakeTimeProvider(s_tenth);
        await using var org = await TestOrganization.CreateAsync(provider, clock);
        await org.AcceptAsync(TestOrganization.Example("b2b-leads.yaml"));
        org.Import(Days(1, 10, leads: 10, cost: 100m));

        var boards = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => EvaluateAsync(org, clock, record: true))));

        boards.Sum(b => b.TasksOpened).ShouldBe(1);
        await using var db = org.Context();
        (await db.WorkItems.CountAsync(i => i.Kind == "goal")).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Evaluate_NoAcceptedPlan_IsNull(string provider)
    {
        await using var org = await TestOrganization.CreateAsync(provider);
        await using var db = org.Context();
        (await new GoalEvaluation(db, org.Plans(db), new MetricQueries(db), org.Clock).EvaluateAsync(record: true)).ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Evaluate_LateEveningInUtc_IsAlreadyTomorrowInTheOrganisationsZone(string provider)
    {
        // 30 November 17:00 UTC is 1 December 01:00 in Shanghai: a month goal is then judged on December, not November.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero));
        await using var org = await TestOrganization.CreateAsync(provider, clock);
        await org.AcceptAsync(TestOrganization.Example("b2b-leads.yaml"));
        org.Import(Days(1, 30, leads: 30, cost: 100m)); // 900 leads in November: on track there

        var shanghai = await EvaluateAsync(org, clock, record: false);
        await using (var db = org.Context())
        {
            (await new Formation.Application.Features.Accounts.Accounts(db, clock).SetTimeZoneAsync(org.Id, "UTC")).ShouldBe("UTC");
        }

        var utc = await EvaluateAsync(org, clock, record: false);

        shanghai.Today.ShouldBe(new DateOnly(2026, 12, 1));
        shanghai.Goals.Single(g => g.Ownership.Goal.Kpi == "leads").Progress.Status.ShouldBe(GoalStatus.NoData); // nothing in December yet
        utc.Today.ShouldBe(new DateOnly(2026, 11, 30));
        utc.Goals.Single(g => g.Ownership.Goal.Kpi == "leads").Progress.Status.ShouldNotBe(GoalStatus.NoData);
    }

    private static async Task<GoalBoard> EvaluateAsync(TestOrganization org, TimeProvider clock, bool record)
    {
        await using var db = org.Context();
        var board = await new GoalEvaluation(db, org.Plans(db), new MetricQueries(db), clock).EvaluateAsync(record);
        return board.ShouldNotBeNull();
    }

    private static IEnumerable<string> Days(int first, int last, int leads, decimal cost) =>
        Enumerable.Range(first, last - first + 1).Select(d =>
            string.Create(CultureInfo.InvariantCulture, $"2026-11-{d:00},百度搜索,品牌词,,1000,50,{cost},{leads},{leads},0,0"));
}
