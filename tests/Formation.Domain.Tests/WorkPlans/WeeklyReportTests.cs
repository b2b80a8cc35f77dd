using Formation.Domain.Planning;
using Formation.Domain.Reporting;
using Formation.Domain.Text;
using Formation.Domain.WorkPlans;

namespace Formation.Domain.Tests.WorkPlans;

/// <summary>
/// Week 2026-W48 runs Monday 2026-11-23 to Sunday 2026-11-29; next week 2026-11-30 to 2026-12-06. Ana holds
/// two posts (manager and promoter: 20 h each of her 40), Bo one (copy-planner: 40 h), and nobody holds the
/// front-end editor's post. Every figure below is worked out by hand in the comments.
/// </summary>
public class WeeklyReportTests
{
    private static readonly IsoWeek s_week = Week("2026-W48");
    private static readonly Guid s_ana = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid s_bo = Guid.Parse("00000000-0000-0000-0000-00000000000b");

    // Done this week after a passed checkpoint. Working days 11-16..11-25 = 8, of which 3 in the week: 10 × 3/8 = 3.75 h.
    private static readonly WeeklyTask s_copy = Task(1, "Write copy", "copy-planner", s_bo, WeeklyTaskStatus.Done, "2026-11-16", "2026-11-25", 10);

    // Due before the week, sent back at review on Thursday: overdue 9 days, a failed checkpoint, no effort this week.
    private static readonly WeeklyTask s_banner = Task(2, "Fix banner", "copy-planner", s_bo, WeeklyTaskStatus.Doing, "2026-11-16", "2026-11-20", 8);

    // Recurring, unclaimed, on Ana's promoter post, due Friday: overdue, its 6 h count whole this week.
    private static readonly WeeklyTask s_weekly = Task(3, "Weekly post", "promoter", null, WeeklyTaskStatus.Todo, "2026-11-23", "2026-11-27", 6, recurring: true);

    // Should have started 11-16, still to do: slipping. Working days 11-16..12-11 = 20, 5 this week: 40 × 5/20 = 10 h.
    private static readonly WeeklyTask s_shop = Task(4, "Set up shop", "manager", s_ana, WeeklyTaskStatus.Todo, "2026-11-16", "2026-12-11", 40);

    // Recurring, due moved on Tuesday from 11-27 to 12-04: slipping and due next week; no effort this week.
    private static readonly WeeklyTask s_monthly = Task(5, "Monthly review", "manager", s_ana, WeeklyTaskStatus.Doing, "2026-11-02", "2026-12-04", 12, recurring: true);

    // Done on Tuesday, re-opened on Thursday: not done, overdue 5 days, but its checkpoint did pass. 2 working days, both in the week: 4 h.
    private static readonly WeeklyTask s_reopened = Task(6, "Reopened task", "promoter", s_ana, WeeklyTaskStatus.Doing, "2026-11-23", "2026-11-24", 4);

    // Done last week: no effort this week although its dates overlap it, and in no list.
    private static readonly WeeklyTask s_early = Task(7, "Done early", "copy-planner", s_bo, WeeklyTaskStatus.Done, "2026-11-16", "2026-11-27", 20);

    // On the vacant post, due next Thursday.
    private static readonly WeeklyTask s_next = Task(8, "Next week page", "frontend-editor", null, WeeklyTaskStatus.Todo, "2026-12-01", "2026-12-03", 6);

    // 16 h all in the week on the promoter post: 6 + 4 + 16 = 26 h against 20 h = 130 %, overloaded.
    private static readonly WeeklyTask s_campaign = Task(9, "Campaign", "promoter", s_ana, WeeklyTaskStatus.Doing, "2026-11-23", "2026-11-27", 16);

    private static IsoWeek Week(string text) => IsoWeek.TryParse(text, out var week) ? week : throw new ArgumentException(text);

    private static DateOnly Day(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static DateTime At(string text) => DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);

    private static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:000000000000}");

    private static WeeklyTask Task(int n, string title, string post, Guid? owner, WeeklyTaskStatus status, string start, string due, double effort, bool recurring = false) =>
        new(Id(n), new LocalizedText($"任务{n}", title), post, owner, status, Day(start), Day(due), effort, recurring);

    private static WeeklyReportInput Input(IReadOnlyList<WeeklyTask> tasks, IReadOnlyList<StatusChange>? changes = null, IReadOnlyList<DueChange>? moves = null,
        Dictionary<Guid, DateTime>? doneAt = null) =>
        new(s_week, tasks, changes ?? [], moves ?? [], doneAt ?? [],
            [new("manager", s_ana), new("promoter", s_ana), new("copy-planner", s_bo)],
            [new(s_ana, "Ana"), new(s_bo, "Bo")],
            ["manager", "frontend-editor", "copy-planner", "promoter"]);

    private static WeeklyReport Full() => WeeklyReportBuilder.Build(Input(
        [s_copy, s_banner, s_weekly, s_shop, s_monthly, s_reopened, s_early, s_next, s_campaign],
        [
            new(s_copy.Id, At("2026-11-24T10:00:00Z"), WeeklyTaskStatus.Doing, WeeklyTaskStatus.Review),
            new(s_copy.Id, At("2026-11-25T09:00:00Z"), WeeklyTaskStatus.Review, WeeklyTaskStatus.Done),
            new(s_banner.Id, At("2026-11-19T09:00:00Z"), WeeklyTaskStatus.Doing, WeeklyTaskStatus.Review),
            new(s_banner.Id, At("2026-11-26T09:00:00Z"), WeeklyTaskStatus.Review, WeeklyTaskStatus.Doing),
            new(s_reopened.Id, At("2026-11-24T08:00:00Z"), WeeklyTaskStatus.Doing, WeeklyTaskStatus.Review),
            new(s_reopened.Id, At("2026-11-24T12:00:00Z"), WeeklyTaskStatus.Review, WeeklyTaskStatus.Done),
            new(s_reopened.Id, At("2026-11-26T10:00:00Z"), WeeklyTaskStatus.Done, WeeklyTaskStatus.Doing),
            new(s_early.Id, At("2026-11-20T16:00:00Z"), WeeklyTaskStatus.Review, WeeklyTaskStatus.Done),
        ],
        [new(s_monthly.Id, At("2026-11-24T15:00:00Z"), Day("2026-11-27"), Day("2026-12-04"))],
        new()
        {
            [s_copy.Id] = At("2026-11-25T09:00:00Z"),
            [s_reopened.Id] = At("2026-11-24T12:00:00Z"),
            [s_early.Id] = At("2026-11-20T16:00:00Z"),
        }));

    private static IEnumerable<string> Titles(IReadOnlyList<ReportEntry> entries) => entries.Select(e => e.Task.Title.En);

    [Theory]
    [InlineData("2026-W48", "2026-11-23", "2026-11-29")]
    [InlineData("2026-w01", "2025-12-29", "2026-01-04")]
    [InlineData("2026W53", "2026-12-28", "2027-01-03")]
    [InlineData("2020-W53", "2020-12-28", "2021-01-03")]
    public void IsoWeek_Parses_MondayToSunday(string text, string monday, string sunday)
    {
        var week = Week(text);

        week.Monday.ShouldBe(Day(monday));
        week.Sunday.ShouldBe(Day(sunday));
        IsoWeek.Containing(Day(sunday)).ShouldBe(week);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2025-W53")]
    [InlineData("2026-W00")]
    [InlineData("2026-48")]
    [InlineData("2026-W048")]
    [InlineData("W48-2026")]
    [InlineData("2026-11-23")]
    [InlineData("0001-W01")]
    public void IsoWeek_RejectsWhatIsNotAWeek(string text) => IsoWeek.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void IsoWeek_WritesIsoForm() => Week("2026-w5").ToString().ShouldBe("2026-W05");

    [Fact]
    public void Build_InTheOrganisationsZone_MondayMorningThereIsThatWeeksMonday()
    {
        // Sunday 29 November 20:30 UTC is Monday 30 November 04:30 in Shanghai: ISO week 49 there, week 48 in UTC.
        var task = Task(20, "Early start", "promoter", s_ana, WeeklyTaskStatus.Done, "2026-11-30", "2026-12-02", 4);
        var changes = new List<StatusChange> { new(task.Id, At("2026-11-29T20:30:00Z"), WeeklyTaskStatus.Review, WeeklyTaskStatus.Done) };
        var doneAt = new Dictionary<Guid, DateTime> { [task.Id] = At("2026-11-29T20:30:00Z") };
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        var week48 = WeeklyReportBuilder.Build(Input([task], changes, doneAt: doneAt) with { Zone = shanghai });
        var week49 = WeeklyReportBuilder.Build(Input([task], changes, doneAt: doneAt) with { Week = Week("2026-W49"), Zone = shanghai });
        var week48Utc = WeeklyReportBuilder.Build(Input([task], changes, doneAt: doneAt));

        week48.Department.Done.ShouldBeEmpty();
        week49.Department.Done.ShouldHaveSingleItem().Date.ShouldBe(Day("2026-11-30"));
        week49.Department.CheckpointsPassed.ShouldHaveSingleItem().Date.ShouldBe(Day("2026-11-30"));
        week48Utc.Department.Done.ShouldHaveSingleItem().Date.ShouldBe(Day("2026-11-29"));
    }

    [Fact]
    public void Build_TheHourAClockGoesBack_KeepsTheMovesInTheOrderTheyHappened()
    {
        // London, 25 October 2026: 01:40 BST (00:40 UTC) to review, then 01:10 GMT (01:10 UTC) done. By wall-clock time
        // the second move would come first and leave the task in review at the week's end.
        var task = Task(21, "Autumn task", "promoter", s_ana, WeeklyTaskStatus.Done, "2026-10-19", "2026-10-23", 4);
        var changes = new List<StatusChange>
        {
            new(task.Id, At("2026-10-25T00:40:00Z"), WeeklyTaskStatus.Doing, WeeklyTaskStatus.Review),
            new(task.Id, At("2026-10-25T01:10:00Z"), WeeklyTaskStatus.Review, WeeklyTaskStatus.Done),
        };
        var doneAt = new Dictionary<Guid, DateTime> { [task.Id] = At("2026-10-25T01:10:00Z") };

        var report = WeeklyReportBuilder.Build(Input([task], changes, doneAt: doneAt) with
        {
            Week = Week("2026-W43"),
            Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London"),
        });

        report.Department.Done.ShouldHaveSingleItem().Date.ShouldBe(Day("2026-10-25"));
        report.Department.Overdue.ShouldBeEmpty();
    }

    [Fact]
    public void Build_EmptyWeek_HasEmptyListsAndIdleOrVacantPosts()
    {
        var report = WeeklyReportBuilder.Build(Input([]));

        report.Department.IsEmpty.ShouldBeTrue();
        report.People.ShouldAllBe(p => p.Section.IsEmpty);
        report.Capacity.Select(c => (c.Post, c.EffortHours, c.CapacityHours, c.State)).ShouldBe(
        [
            ("manager", 0, 20, CapacityState.Idle),
            ("frontend-editor", 0, 0, CapacityState.Vacant),
            ("copy-planner", 0, 40, CapacityState.Idle),
            ("promoter", 0, 20, CapacityState.Idle),
        ]);
    }

    [Fact]
    public void Build_Department_ListsEachTaskWhereItBelongs()
    {
        var d = Full().Department;

        Titles(d.Done).ShouldBe(["Write copy"]);
        d.Done[0].Date.ShouldBe(Day("2026-11-25"));
        Titles(d.Overdue).ShouldBe(["Fix banner", "Reopened task", "Campaign", "Weekly post"]);
        Titles(d.Slipping).ShouldBe(["Monthly review", "Set up shop"]);
        d.Slipping.Select(e => (e.Slip, e.MovedFrom)).ShouldBe([(SlipReason.DueMoved, Day("2026-11-27")), (SlipReason.StartedLate, (DateOnly?)null)]);
        Titles(d.Upcoming).ShouldBe(["Next week page", "Monthly review"]);
        Titles(d.CheckpointsPassed).ShouldBe(["Reopened task", "Write copy"]);
        Titles(d.CheckpointsFailed).ShouldBe(["Fix banner"]);
    }

    [Fact]
    public void Build_TaskDoneAndReopenedInTheWeek_IsNotDoneButItsCheckpointPassed()
    {
        var d = Full().Department;

        d.Done.ShouldNotContain(e => e.Task.Id == s_reopened.Id);
        d.Overdue.ShouldContain(e => e.Task.Id == s_reopened.Id);
        d.CheckpointsPassed.ShouldContain(e => e.Task.Id == s_reopened.Id && e.Date == Day("2026-11-24"));
    }

    [Fact]
    public void Build_TaskReopenedOnlyAfterTheWeek_CountsAsDoneThatWeek()
    {
        // Done on Wednesday of W48, re-opened the Tuesday after: W48 saw it done; now it is back in progress.
        var task = s_reopened with { Due = Day("2026-11-27") };
        var report = WeeklyReportBuilder.Build(Input(
            [task],
            [
                new(task.Id, At("2026-11-25T12:00:00Z"), WeeklyTaskStatus.Review, WeeklyTaskStatus.Done),
                new(task.Id, At("2026-12-01T10:00:00Z"), WeeklyTaskStatus.Done, WeeklyTaskStatus.Doing),
            ],
            doneAt: new() { [task.Id] = At("2026-11-25T12:00:00Z") }));

        Titles(report.Department.Done).ShouldBe(["Reopened task"]);
        report.Department.Overdue.ShouldBeEmpty();
    }

    [Fact]
    public void Build_PersonOnTwoPosts_GetsBothPostsTasksAndHalfTheHoursOnEach()
    {
        var report = Full();
        var ana = report.People.Single(p => p.Person.Name == "Ana");

        ana.Posts.ShouldBe(["manager", "promoter"]);
        Titles(ana.Section.Overdue).ShouldBe(["Reopened task", "Campaign", "Weekly post"]);
        Titles(ana.Section.Slipping).ShouldBe(["Monthly review", "Set up shop"]);
        Titles(ana.Section.Upcoming).ShouldBe(["Monthly review"]);
        Titles(ana.Section.CheckpointsPassed).ShouldBe(["Reopened task"]);
        ana.Section.Done.ShouldBeEmpty();
        report.Capacity.Where(c => c.Holders.Contains(s_ana)).Select(c => c.CapacityHours).ShouldBe([20, 20]);

        var bo = report.People.Single(p => p.Person.Name == "Bo");
        Titles(bo.Section.Done).ShouldBe(["Write copy"]);
        Titles(bo.Section.Overdue).ShouldBe(["Fix banner"]);
        Titles(bo.Section.CheckpointsFailed).ShouldBe(["Fix banner"]);
        bo.Section.Upcoming.ShouldBeEmpty();
    }

    [Fact]
    public void Build_Capacity_ComparesTheWeeksEffortWithTheHoldersHours()
    {
        var capacity = Full().Capacity;

        // manager 10 / 20 = 50 %; front-end editor nobody; copy-planner 3.75 / 40 = 9.4 %; promoter (6 + 4 + 16) / 20 = 130 %.
        capacity.Select(c => (c.Post, c.EffortHours, c.CapacityHours, c.Load, c.OpenTasks, c.State)).ShouldBe(
        [
            ("manager", 10, 20, 0.5, 2, CapacityState.Ok),
            ("frontend-editor", 0, 0, null, 1, CapacityState.Vacant),
            ("copy-planner", 3.75, 40, 0.0938, 1, CapacityState.Idle),
            ("promoter", 26, 20, 1.3, 3, CapacityState.Overloaded),
        ]);
    }

    [Fact]
    public void Build_Functions_GroupTheirPostsTasks()
    {
        var functions = Full().Functions;

        functions.Select(f => f.Function).ShouldBe([BusinessFunction.Management, BusinessFunction.Platform, BusinessFunction.Promotion]);
        Titles(functions[0].Section.Slipping).ShouldBe(["Monthly review", "Set up shop"]);
        Titles(functions[1].Section.Upcoming).ShouldBe(["Next week page"]);
        Titles(functions[2].Section.Overdue).ShouldBe(["Fix banner", "Reopened task", "Campaign", "Weekly post"]);
    }

    [Theory]
    [InlineData("2026-11-16", "2026-11-25", false, 3.75)]
    [InlineData("2026-11-16", "2026-12-11", false, 2.5)]
    [InlineData("2026-11-28", "2026-11-29", false, 10)]
    [InlineData("2026-11-30", "2026-12-04", false, 0)]
    [InlineData("2026-11-02", "2026-11-27", true, 10)]
    [InlineData("2026-11-23", "2026-12-04", true, 0)]
    public void EffortIn_SpreadsOneOffWorkOverWorkingDaysAndCountsRecurringWorkInItsWeek(string start, string due, bool recurring, double expected)
    {
        var task = new WeeklyTask(Guid.NewGuid(), new("t", "t"), "promoter", null, WeeklyTaskStatus.Todo, Day(start), Day(due), 10, recurring);

        WeeklyReportBuilder.EffortIn(task, s_week).ShouldBe(expected);
    }

    [Theory]
    [InlineData("department", true)]
    [InlineData("function:promotion", true)]
    [InlineData("person:00000000-0000-0000-0000-00000000000a", true)]
    [InlineData("", true)]
    [InlineData("function:sales", false)]
    [InlineData("person:ana", false)]
    [InlineData("team", false)]
    public void ReportScope_Parses(string text, bool valid)
    {
        ReportScope.TryParse(text, out var scope).ShouldBe(valid);
        if (valid && text.Length > 0)
        {
            scope!.ToString().ShouldBe(text);
        }
    }

    [Fact]
    public void Markdown_Department_En_HasEverySectionAndTheCapacityTable()
    {
        var md = WeeklyReportMarkdown.Render(Full(), ReportScope.Department, Language.En, "Tea House", includeCapacity: true);

        md.ShouldStartWith("# Weekly report: Tea House · 2026-W48\n");
        md.ShouldContain("2026-W48 (2026-11-23 to 2026-11-29)");
        md.ShouldContain("## Done this week (1)\n\n- Write copy — Copy planner · Bo — done 2026-11-25\n");
        md.ShouldContain("- Fix banner — Copy planner · Bo — due 2026-11-20, 9 days late by the week's end\n");
        md.ShouldContain("- Weekly post — Promoter · unclaimed — due 2026-11-27, 2 days late by the week's end\n");
        md.ShouldContain("- Monthly review — Network marketing manager · Ana — due date moved this week from 2026-11-27 to 2026-12-04\n");
        md.ShouldContain("- Set up shop — Network marketing manager · Ana — planned to start 2026-11-16, not started by the week's end (due 2026-12-11)\n");
        md.ShouldContain("## Due next week (2)");
        md.ShouldContain("## Checkpoints passed (2)");
        md.ShouldContain("## Checkpoints failed (1)\n\n- Fix banner — Copy planner · Bo — sent back 2026-11-26\n");
        md.ShouldContain("| Promoter | Ana | 26 | 20 | 130% | 3 | **overloaded** |");
        md.ShouldContain("| Front-end designer and editor | — | 0 | 0 | — | 1 | **vacant** |");
        md.ShouldContain("| Copy planner | Bo | 3.75 | 40 | 9.4% | 1 | idle |");
        md.ShouldContain("## By function");
        md.ShouldContain("| Ana | 0 | 3 | 2 | 1 | 1 | 0 |");
    }

    [Fact]
    public void Markdown_Zh_IsInChineseAndWithoutCapacityWhenNotAsked()
    {
        var md = WeeklyReportMarkdown.Render(Full(), ReportScope.Department, Language.Zh, "茶馆", includeCapacity: false);

        md.ShouldStartWith("# 周报：茶馆 · 2026-W48\n");
        md.ShouldContain("2026-W48（2026-11-23 至 2026-11-29）");
        md.ShouldContain("## 本周完成 (1)");
        md.ShouldContain("- 任务2 — 文案策划 · Bo — 截止 2026-11-20，到周末已逾期 9 天");
        md.ShouldContain("## 检查点未通过 (1)");
        md.ShouldNotContain("岗位负荷");
        md.ShouldNotContain("Done this week");
    }

    [Fact]
    public void Markdown_Person_ListsOnlyTheirTasks()
    {
        var md = WeeklyReportMarkdown.Render(Full(), ReportScope.OfPerson(s_bo), Language.En, "Tea House", includeCapacity: false);

        md.ShouldContain("Person: Bo (Copy planner)");
        md.ShouldContain("Write copy");
        md.ShouldNotContain("Campaign");
        md.ShouldContain("Nothing is due next week.");
    }

    [Fact]
    public void Markdown_EmptyWeek_SaysSoInEachSection()
    {
        var md = WeeklyReportMarkdown.Render(WeeklyReportBuilder.Build(Input([])), ReportScope.Department, Language.En, "Tea House", includeCapacity: true);

        md.ShouldContain("## Done this week\n\nNothing was done this week.\n");
        md.ShouldContain("Nothing is overdue.");
        md.ShouldContain("No checkpoint failed this week.");
    }

    [Fact]
    public void View_UnknownPerson_Throws() =>
        Should.Throw<ArgumentException>(() => WeeklyReportView.Of(Full(), ReportScope.OfPerson(Guid.NewGuid()), Language.En, "x", false));
}
