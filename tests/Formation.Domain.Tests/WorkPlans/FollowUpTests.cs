using Formation.Domain.WorkPlans;

namespace Formation.Domain.Tests.WorkPlans;

public class FollowUpTests
{
    private static readonly DateOnly s_due = new(2026, 12, 4);

    // copy planner → promotion supervisor → manager, as in a department with supervisors.
    private static readonly Dictionary<string, string> s_lines = new()
    {
        ["copy-planner"] = "promotion-supervisor",
        ["promotion-supervisor"] = "manager",
        ["frontend-editor"] = "manager",
        ["manager"] = "owner",
    };

    private static IReadOnlyList<FollowUpNotice> On(DateOnly today, FollowUpTask task, FollowUpRules? rules = null) =>
        FollowUp.Evaluate([task], today, rules ?? new FollowUpRules(), s_lines, "manager");

    private static FollowUpTask Task(string post = "copy-planner", bool done = false, DateOnly? updated = null) =>
        new(Guid.NewGuid(), post, s_due, updated ?? s_due.AddDays(-1), done);

    [Fact]
    public void Evaluate_OverdueOverTime_EscalatesOwnerThenSupervisorThenManager()
    {
        var task = Task();

        On(s_due.AddDays(1), task).Where(n => n.Reason == FollowUpReason.Overdue).Select(n => n.Level).ShouldBe([FollowUpLevel.Owner]);
        On(s_due.AddDays(2), task).Where(n => n.Reason == FollowUpReason.Overdue).Select(n => (n.Level, n.Post))
            .ShouldBe([(FollowUpLevel.Owner, "copy-planner"), (FollowUpLevel.Supervisor, "promotion-supervisor")]);
        On(s_due.AddDays(5), task).Where(n => n.Reason == FollowUpReason.Overdue).Select(n => (n.Level, n.Post))
            .ShouldBe([(FollowUpLevel.Owner, "copy-planner"), (FollowUpLevel.Supervisor, "promotion-supervisor"), (FollowUpLevel.Manager, "manager")]);
    }

    [Fact]
    public void Evaluate_PostWithoutSupervisor_GoesStraightToTheManager()
    {
        var notices = On(s_due.AddDays(6), Task("frontend-editor")).Where(n => n.Reason == FollowUpReason.Overdue).ToList();

        notices.Select(n => n.Level).ShouldBe([FollowUpLevel.Owner, FollowUpLevel.Manager]);
    }

    [Fact]
    public void Evaluate_DueSoon_TellsOnlyTheOwner()
    {
        var notices = On(s_due.AddDays(-2), Task());

        notices.ShouldHaveSingleItem().ShouldBe(new FollowUpNotice(notices[0].TaskId, FollowUpReason.DueSoon, FollowUpLevel.Owner, "copy-planner", 2));
        On(s_due.AddDays(-3), Task()).ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_DoneTask_NeedsNoFollowUp() =>
        On(s_due.AddDays(30), Task(done: true)).ShouldBeEmpty();

    [Fact]
    public void Evaluate_NoUpdateForAWeek_IsStalledAndEscalatesWithTime()
    {
        var task = Task(updated: s_due.AddDays(-20)) with { Due = s_due.AddDays(30) };

        On(s_due.AddDays(-13), task).Select(n => (n.Reason, n.Level)).ShouldBe([(FollowUpReason.Stalled, FollowUpLevel.Owner)]);
        On(s_due, task).Where(n => n.Reason == FollowUpReason.Stalled).Select(n => n.Level)
            .ShouldBe([FollowUpLevel.Owner, FollowUpLevel.Supervisor, FollowUpLevel.Manager]);
    }

    [Fact]
    public void Evaluate_TaskNotStartedYet_IsNotStalled_AndCountsFromItsStart()
    {
        var start = s_due.AddDays(-10);
        var task = Task(updated: s_due.AddDays(-60)) with { Due = s_due.AddDays(30), Start = start };

        On(start.AddDays(-1), task).ShouldBeEmpty();
        On(start.AddDays(6), task).ShouldBeEmpty();
        On(start.AddDays(7), task).Select(n => (n.Reason, n.Level, n.Days)).ShouldBe([(FollowUpReason.Stalled, FollowUpLevel.Owner, 0)]);
    }

    [Fact]
    public void Evaluate_RulesOfTheOrganisation_ChangeTheThresholds()
    {
        var patient = new FollowUpRules(DueSoonDays: 0, StalledDays: 30, SupervisorAfterDays: 10, ManagerAfterDays: 20);

        On(s_due.AddDays(5), Task(), patient).Select(n => n.Level).ShouldBe([FollowUpLevel.Owner]);
        Should.Throw<ArgumentException>(() => On(s_due, Task(), new FollowUpRules(SupervisorAfterDays: 5, ManagerAfterDays: 1)));
    }
}
