using Formation.Domain.Planning;
using Formation.Domain.Playbooks;
using Formation.Domain.WorkPlans;

namespace Formation.Domain.Tests.WorkPlans;

public class WorkPlanGeneratorTests
{
    private static readonly DateOnly s_start = new(2026, 11, 25); // a Wednesday

    private static WorkPlan Plan(string example, int horizon = 12) =>
        WorkPlanGenerator.Generate(TestProfiles.LoadExample(example).Plan(), PlaybookLibrary.Shipped, new WorkPlanOptions(s_start, horizon));

    [Fact]
    public void Generate_Retailer_HasAProjectPerModuleWithOwnedWork()
    {
        var blueprint = TestProfiles.LoadExample("retailer.yaml").Plan();

        var plan = WorkPlanGenerator.Generate(blueprint, PlaybookLibrary.Shipped, new WorkPlanOptions(s_start));

        var expected = blueprint.Activities.Where(a => a.Owner is ActivityOwner.InHouse or ActivityOwner.Outsourced)
            .Select(a => $"{a.Activity.Playbook}/{a.Activity.Module}").Distinct().Order().ToList();
        plan.Projects.Select(p => p.Key).Order().ShouldBe(expected);
        plan.Projects.ShouldAllBe(p => p.Name.Zh.Length > 0 && p.Name.En.Length > 0);
    }

    [Fact]
    public void Generate_Twice_GivesTheSamePlanWithUniqueKeys()
    {
        var a = Plan("b2b-leads.yaml");
        var b = Plan("b2b-leads.yaml");

        a.Tasks.Select(t => t.Key).ShouldBe(b.Tasks.Select(t => t.Key));
        a.Tasks.Select(t => t.Key).Distinct().Count().ShouldBe(a.Tasks.Count);
        a.Tasks.Zip(b.Tasks).ShouldAllBe(p => p.First.Due == p.Second.Due && p.First.OwnerPost == p.Second.OwnerPost);
    }

    [Fact]
    public void Generate_EveryOwnedActivity_HasTasksAndNothingElseDoes()
    {
        var blueprint = TestProfiles.LoadExample("mismatched-team.yaml").Plan();

        var plan = WorkPlanGenerator.Generate(blueprint, PlaybookLibrary.Shipped, new WorkPlanOptions(s_start, 26));

        var withTasks = plan.Tasks.Where(t => t.ActivityId is not null).Select(t => t.ActivityId!).ToHashSet();
        foreach (var a in blueprint.Activities)
        {
            var owned = a.Owner is ActivityOwner.InHouse or ActivityOwner.Outsourced;
            withTasks.Contains(a.Activity.Id).ShouldBe(owned && (a.Activity.Effort.SetupHours > 0 || a.HoursPerWeek > 0), a.Activity.Id);
        }
    }

    [Fact]
    public void Generate_Tasks_CarryTheirActivitysCheckpointAndAPostOfThePlan()
    {
        var blueprint = TestProfiles.LoadExample("retailer.yaml").Plan();
        var plan = WorkPlanGenerator.Generate(blueprint, PlaybookLibrary.Shipped, new WorkPlanOptions(s_start));
        var posts = blueprint.Posts.Select(p => p.Id).ToHashSet();

        foreach (var task in plan.Tasks.Where(t => t.ActivityId is not null))
        {
            var activity = blueprint.Activities.Single(a => a.Activity.Id == task.ActivityId);
            task.Evidence.ShouldBe(activity.Activity.Checkpoint.Evidence);
            task.CheckedBy.ShouldBe(activity.CheckedBy);
            posts.ShouldContain(task.OwnerPost);
            task.Due.ShouldBeGreaterThanOrEqualTo(task.Start);
        }
    }

    [Fact]
    public void Generate_SetupComesBeforeTheRecurringWork()
    {
        var plan = Plan("retailer.yaml");

        foreach (var setup in plan.Tasks.Where(t => t.Kind == WorkTaskKind.Setup))
        {
            var recurring = plan.Tasks.Where(t => t.ActivityId == setup.ActivityId && t.Kind == WorkTaskKind.Recurring).OrderBy(t => t.Due).ToList();
            if (recurring.Count > 0)
            {
                recurring[0].DependsOn.ShouldContain(setup.Key);
                recurring[0].Start.ShouldBeGreaterThan(setup.Due);
            }
        }
    }

    [Fact]
    public void Generate_DependenciesPointBackwardsInTime()
    {
        var plan = Plan("b2b-leads.yaml", 26);
        var byKey = plan.Tasks.ToDictionary(t => t.Key);

        foreach (var task in plan.Tasks)
        {
            foreach (var key in task.DependsOn)
            {
                byKey.ShouldContainKey(key);
                byKey[key].Due.ShouldBeLessThanOrEqualTo(task.Due, $"{task.Key} depends on {key}");
            }
        }
    }

    [Fact]
    public void Generate_Milestones_FollowTheRoadmapStages()
    {
        var blueprint = TestProfiles.LoadExample("retailer.yaml").Plan();
        var plan = WorkPlanGenerator.Generate(blueprint, PlaybookLibrary.Shipped, new WorkPlanOptions(s_start, 52));

        plan.Stages.Select(s => s.Stage).ShouldBe(blueprint.Roadmap.Select(s => s.Stage));
        plan.Stages[0].Start.DayOfWeek.ShouldBe(DayOfWeek.Monday);
        plan.Stages.Zip(plan.Stages.Skip(1)).ShouldAllBe(p => p.Second.Start == p.First.End.AddDays(1));
        var gates = plan.Tasks.Where(t => t.Kind == WorkTaskKind.Milestone).ToList();
        gates.Count.ShouldBe(blueprint.Roadmap.Count);
        gates.Select(g => g.Evidence).ShouldBe(blueprint.Roadmap.Select(s => s.Gate));
    }

    [Fact]
    public void Generate_PrimaryModelWork_StartsWithThePilotAndTheRestWhenScaling()
    {
        var plan = Plan("retailer.yaml", 52);
        var pilot = plan.Stages[2].Start;
        var scale = plan.Stages[4].Start;

        plan.Tasks.Where(t => t.ProjectKey?.StartsWith("platform-retail/", StringComparison.Ordinal) == true).ShouldAllBe(t => t.Start >= pilot);
        plan.Tasks.Where(t => t.ProjectKey?.StartsWith("search/", StringComparison.Ordinal) == true).ShouldAllBe(t => t.Start >= scale);
    }

    [Theory]
    [InlineData(Cadence.Weekly, DayOfWeek.Friday)]
    [InlineData(Cadence.Daily, null)]
    public void Generate_RecurringWork_FollowsTheCadence(Cadence cadence, DayOfWeek? dueDay)
    {
        var plan = Plan("b2b-leads.yaml", 26);

        var series = plan.Tasks.Where(t => t.Kind == WorkTaskKind.Recurring && t.Cadence == cadence).GroupBy(t => t.ActivityId).ToList();
        series.ShouldNotBeEmpty();
        foreach (var occurrences in series)
        {
            var dues = occurrences.Select(t => t.Due).Order().ToList();
            dues.ShouldAllBe(d => d.DayOfWeek != DayOfWeek.Saturday && d.DayOfWeek != DayOfWeek.Sunday);
            if (dueDay is { } day)
            {
                dues.ShouldAllBe(d => d.DayOfWeek == day);
                dues.Zip(dues.Skip(1)).ShouldAllBe(p => p.Second.DayNumber - p.First.DayNumber == 7);
            }
        }
    }

    [Fact]
    public void Generate_MonthlyEvaluation_IsDueOnTheMonthsLastWorkingDay()
    {
        var plan = Plan("retailer.yaml", 52);

        var monthly = plan.Tasks.Where(t => t.Kind == WorkTaskKind.Recurring && t.Cadence == Cadence.Monthly).ToList();
        monthly.ShouldNotBeEmpty();
        monthly.ShouldAllBe(t => t.Due.AddDays(t.Due.DayOfWeek == DayOfWeek.Friday ? 3 : 1).Month != t.Due.Month);
    }

    [Fact]
    public void Generate_OutsourcedWork_IsFollowedUpByTheLead()
    {
        var blueprint = TestProfiles.LoadExample("retailer.yaml").Plan();
        var plan = WorkPlanGenerator.Generate(blueprint, PlaybookLibrary.Shipped, new WorkPlanOptions(s_start, 26));
        var outsourced = blueprint.Activities.Where(a => a.Owner == ActivityOwner.Outsourced).Select(a => a.Activity.Id).ToHashSet();

        outsourced.ShouldNotBeEmpty();
        plan.Tasks.Where(t => t.ActivityId is not null && outsourced.Contains(t.ActivityId)).ShouldAllBe(t => t.OwnerPost == PostCatalog.Manager);
    }
}
