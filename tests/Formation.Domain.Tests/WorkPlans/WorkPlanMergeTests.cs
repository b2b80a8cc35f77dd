using Formation.Domain.Playbooks;
using Formation.Domain.Profiles;
using Formation.Domain.WorkPlans;

namespace Formation.Domain.Tests.WorkPlans;

public class WorkPlanMergeTests
{
    private static readonly WorkPlanOptions s_options = new(new DateOnly(2026, 11, 23), 12);

    private static WorkPlan Generate(EnterpriseProfile profile) => WorkPlanGenerator.Generate(profile.Plan(), PlaybookLibrary.Shipped, s_options);

    /// <summary>The department's tasks after applying a merge, as the database would hold them.</summary>
    private static List<ExistingTask> Apply(List<ExistingTask> before, WorkPlan plan, WorkPlanChanges changes)
    {
        var byKey = before.ToDictionary(t => t.Key);
        foreach (var task in changes.Added.Concat(changes.Updated))
        {
            byKey[task.Key] = new ExistingTask(task.Key, WorkPlanMerge.Fingerprint(task), false, false);
        }

        foreach (var key in changes.Retired)
        {
            byKey[key] = byKey[key] with { Retired = true };
        }

        plan.Tasks.Count.ShouldBeGreaterThan(0);
        return [.. byKey.Values];
    }

    [Fact]
    public void Merge_SamePlanTwice_ChangesNothingTheSecondTime()
    {
        var plan = Generate(TestProfiles.LoadExample("retailer.yaml"));

        var first = WorkPlanMerge.Merge([], plan);
        var tasks = Apply([], plan, first);
        var second = WorkPlanMerge.Merge(tasks, Generate(TestProfiles.LoadExample("retailer.yaml")));

        first.Added.Count.ShouldBe(plan.Tasks.Count);
        second.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Merge_AnotherModel_AddsItsTasksAndTouchesNothingElse()
    {
        var profile = TestProfiles.LoadExample("retailer.yaml");
        var plan = Generate(profile);
        var tasks = Apply([], plan, WorkPlanMerge.Merge([], plan));
        var wider = profile with { Strategy = profile.Strategy with { Models = [.. profile.Strategy.Models, "content-pr"] } };

        var changes = WorkPlanMerge.Merge(tasks, Generate(wider));

        changes.Added.ShouldNotBeEmpty();
        changes.Added.Where(t => t.ActivityId is not null).ShouldAllBe(t => t.ActivityId!.StartsWith("content-pr/", StringComparison.Ordinal));
        changes.Retired.ShouldBeEmpty();
    }

    [Fact]
    public void Merge_ModelDropped_RetiresItsUneditedTasksAndKeepsEditedOnes()
    {
        var profile = TestProfiles.LoadExample("retailer.yaml");
        var plan = Generate(profile);
        var tasks = Apply([], plan, WorkPlanMerge.Merge([], plan));
        var edited = tasks.First(t => t.Key.StartsWith("search/", StringComparison.Ordinal));
        tasks[tasks.IndexOf(edited)] = edited with { Edited = true };
        var narrower = profile with { Strategy = profile.Strategy with { Models = ["platform-retail"] } };

        var changes = WorkPlanMerge.Merge(tasks, Generate(narrower));

        changes.Retired.ShouldNotBeEmpty();
        changes.Retired.ShouldAllBe(k => k.StartsWith("search/", StringComparison.Ordinal));
        changes.Retired.ShouldNotContain(edited.Key);
        changes.KeptEdited.ShouldContain(edited.Key);
    }

    [Fact]
    public void Merge_EditedTaskWhoseGeneratedContentChanged_IsLeftAlone()
    {
        var profile = TestProfiles.LoadExample("retailer.yaml");
        var plan = Generate(profile);
        var tasks = Apply([], plan, WorkPlanMerge.Merge([], plan));
        var setup = plan.Tasks.First(t => t.Kind == WorkTaskKind.Setup);
        tasks = [.. tasks.Select(t => t.Key == setup.Key ? t with { Edited = true, Fingerprint = "what the person made of it" } : t)];

        var changes = WorkPlanMerge.Merge(tasks, plan);

        changes.Updated.ShouldBeEmpty();
        changes.KeptEdited.ShouldContain(setup.Key);
    }

    [Fact]
    public void Merge_RetiredTaskThePlanNeedsAgain_ComesBack()
    {
        var profile = TestProfiles.LoadExample("retailer.yaml");
        var plan = Generate(profile);
        var tasks = Apply([], plan, WorkPlanMerge.Merge([], plan));
        var narrower = Generate(profile with { Strategy = profile.Strategy with { Models = ["platform-retail"] } });
        tasks = Apply(tasks, narrower, WorkPlanMerge.Merge(tasks, narrower));

        var back = WorkPlanMerge.Merge(tasks, plan);

        back.Updated.ShouldContain(t => t.Key.StartsWith("search/", StringComparison.Ordinal));
        back.Retired.ShouldBeEmpty();
    }

    [Fact]
    public void Fingerprint_DiffersWhenAnythingRegenerationControlsDiffers()
    {
        var task = Generate(TestProfiles.LoadExample("b2b-leads.yaml")).Tasks.First(t => t.Kind == WorkTaskKind.Recurring);

        WorkPlanMerge.Fingerprint(task).ShouldBe(WorkPlanMerge.Fingerprint(task with { }));
        WorkPlanMerge.Fingerprint(task with { Due = task.Due.AddDays(1) }).ShouldNotBe(WorkPlanMerge.Fingerprint(task));
        WorkPlanMerge.Fingerprint(task with { OwnerPost = "planner" }).ShouldNotBe(WorkPlanMerge.Fingerprint(task));
        WorkPlanMerge.Fingerprint(task with { DependsOn = ["gate/1"] }).ShouldNotBe(WorkPlanMerge.Fingerprint(task));
    }
}
