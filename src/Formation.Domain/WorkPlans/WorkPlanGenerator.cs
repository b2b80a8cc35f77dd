using System.Globalization;
using Formation.Domain.Planning;
using Formation.Domain.Playbooks;
using Formation.Domain.Text;

namespace Formation.Domain.WorkPlans;

/// <summary>
/// Lays a blueprint's activities out as a dated work plan along the zero-to-one roadmap (PRODUCT §3 M3):
/// each stage's gate is a milestone; an activity starts in the stage its post is hired (the primary model's
/// work with the pilot, the other models' when the department scales); its set-up comes first, then its
/// recurring work at its cadence up to the horizon. Deterministic: the same blueprint, playbooks and options
/// give the same plan with the same keys, so a regenerated plan can be merged into an edited one.
/// </summary>
public static class WorkPlanGenerator
{
    /// <summary>Planned length of roadmap stages 1–5 in weeks; stage 6 runs on to the horizon.</summary>
    public static readonly IReadOnlyList<int> StageWeeks = [2, 6, 8, 4, 12];

    /// <summary>Set-up hours a post spends in a week alongside its other work.</summary>
    public const double SetupHoursPerWeek = 16;

    public static WorkPlan Generate(Blueprint blueprint, PlaybookLibrary library, WorkPlanOptions options)
    {
        ArgumentNullException.ThrowIfNull(blueprint);
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.HorizonWeeks, 1);
        return InvariantCulture.Run(() => Build(blueprint, library, options));
    }

    private static WorkPlan Build(Blueprint blueprint, PlaybookLibrary library, WorkPlanOptions options)
    {
        var monday = options.Start.AddDays(-(((int)options.Start.DayOfWeek + 6) % 7));
        var horizonEnd = monday.AddDays((options.HorizonWeeks * 7) - 1);
        var stages = Windows(blueprint, monday, horizonEnd);
        var lead = blueprint.Posts.First(p => p.ReportsTo == BlueprintEngine.Owner).Id;
        var tasks = new List<WorkTask>();

        for (var i = 0; i < stages.Count; i++)
        {
            var stage = blueprint.Roadmap[i];
            tasks.Add(new WorkTask($"gate/{stage.Stage}", null, null, stage.Name, Phase.Planning, WorkTaskKind.Milestone, lead,
                stages[i].Start, stages[i].End, i == 0 ? [] : [$"gate/{stage.Stage - 1}"], Cadence.Once, stage.Gate, lead, 0));
        }

        var hiredIn = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var stage in blueprint.Roadmap)
        {
            foreach (var hire in stage.Hires)
            {
                hiredIn.TryAdd(hire.Post, stage.Stage);
            }
        }

        var primary = blueprint.Models[0];
        var projects = new List<WorkProject>();
        var planned = blueprint.Activities.Where(a => a.Owner is ActivityOwner.InHouse or ActivityOwner.Outsourced).ToList();
        foreach (var group in planned.GroupBy(a => (a.Activity.Playbook, a.Activity.Module)))
        {
            var playbook = library.Playbooks[group.Key.Playbook];
            var module = playbook.Modules.First(m => m.Id == group.Key.Module);
            var projectKey = $"{group.Key.Playbook}/{group.Key.Module}";
            projects.Add(new WorkProject(projectKey, group.Key.Playbook, group.Key.Module,
                new LocalizedText($"{playbook.Name.Zh}：{module.Name.Zh}", $"{playbook.Name.En}: {module.Name.En}")));

            // Planning work of a module comes before its implementation, and both before its evaluation.
            var setupKeys = new Dictionary<Phase, List<string>>();
            var dueOf = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
            foreach (var a in group.OrderBy(a => a.Activity.Phase))
            {
                var owner = a.Post ?? lead;
                var modelStage = group.Key.Playbook == primary ? 3 : 5;
                var stage = Math.Max(modelStage, hiredIn.GetValueOrDefault(owner, a.Owner == ActivityOwner.Outsourced ? 3 : 2));
                var earlier = setupKeys.Where(p => p.Key < a.Activity.Phase).SelectMany(p => p.Value).ToList();

                // Start in the stage's first week, or the Monday after the last set-up this work depends on.
                var begin = stages[Math.Min(stage, stages.Count) - 1].Start;
                foreach (var key in earlier)
                {
                    var after = dueOf[key].AddDays(3);
                    begin = after > begin ? after : begin;
                }

                string? setupKey = null;
                var recurringFrom = begin;
                if (a.Activity.Effort.SetupHours > 0)
                {
                    var weeks = Math.Max(1, (int)Math.Ceiling(a.Activity.Effort.SetupHours / SetupHoursPerWeek));
                    var due = Friday(begin.AddDays((weeks - 1) * 7));
                    setupKey = $"{a.Activity.Id}/setup";
                    tasks.Add(new WorkTask(setupKey, projectKey, a.Activity.Id,
                        new LocalizedText($"搭建：{a.Activity.Name.Zh}", $"Set up: {a.Activity.Name.En}"), a.Activity.Phase, WorkTaskKind.Setup, owner,
                        begin, due, [.. earlier, $"gate/{stage - 1}"], Cadence.Once, a.Activity.Checkpoint.Evidence, a.CheckedBy, a.Activity.Effort.SetupHours));
                    (setupKeys.TryGetValue(a.Activity.Phase, out var list) ? list : setupKeys[a.Activity.Phase] = []).Add(setupKey);
                    dueOf[setupKey] = due;
                    recurringFrom = due.AddDays(3);
                }

                if (a.Activity.Cadence != Cadence.Once && a.HoursPerWeek > 0)
                {
                    var first = true;
                    foreach (var (start, due) in Occurrences(a.Activity.Cadence, recurringFrom, horizonEnd))
                    {
                        IReadOnlyList<string> after = first ? [.. earlier, .. setupKey is null ? new[] { $"gate/{stage - 1}" } : [setupKey]] : [];
                        tasks.Add(new WorkTask($"{a.Activity.Id}@{due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", projectKey, a.Activity.Id,
                            a.Activity.Name, a.Activity.Phase, WorkTaskKind.Recurring, owner, start, due, after, a.Activity.Cadence,
                            a.Activity.Checkpoint.Evidence, a.CheckedBy, Math.Round(a.HoursPerWeek * Weeks(a.Activity.Cadence), 2)));
                        first = false;
                    }
                }
            }
        }

        return new WorkPlan(stages, projects, tasks.Select(t => t with { DependsOn = [.. t.DependsOn.Where(d => d != "gate/0").Distinct()] }).ToList());
    }

    private static List<RoadmapWindow> Windows(Blueprint blueprint, DateOnly monday, DateOnly horizonEnd)
    {
        var windows = new List<RoadmapWindow>();
        var start = monday;
        for (var i = 0; i < blueprint.Roadmap.Count; i++)
        {
            var end = i < StageWeeks.Count ? start.AddDays((StageWeeks[i] * 7) - 1) : (horizonEnd > start ? horizonEnd : start.AddDays(27));
            windows.Add(new RoadmapWindow(blueprint.Roadmap[i].Stage, blueprint.Roadmap[i].Name, start, end));
            start = end.AddDays(1);
        }

        return windows;
    }

    /// <summary>The dated occurrences of a cadence from a day to the horizon: working days, weeks (due Friday), months (due on their last working day).</summary>
    private static IEnumerable<(DateOnly Start, DateOnly Due)> Occurrences(Cadence cadence, DateOnly from, DateOnly until)
    {
        switch (cadence)
        {
            case Cadence.Daily:
                for (var d = from; d <= until; d = d.AddDays(1))
                {
                    if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                    {
                        yield return (d, d);
                    }
                }

                break;
            case Cadence.Weekly or Cadence.Biweekly:
                var step = cadence == Cadence.Weekly ? 7 : 14;
                for (var monday = from.AddDays(-(((int)from.DayOfWeek + 6) % 7)); monday <= until; monday = monday.AddDays(step))
                {
                    var due = Friday(monday.AddDays(step - 7));
                    if (due >= from && due <= until)
                    {
                        yield return (monday < from ? from : monday, due);
                    }
                }

                break;
            default:
                var months = cadence == Cadence.Monthly ? 1 : 3;
                for (var first = new DateOnly(from.Year, from.Month, 1); first <= until; first = first.AddMonths(months))
                {
                    var due = LastWorkingDay(first.AddMonths(months).AddDays(-1));
                    if (due >= from && due <= until)
                    {
                        yield return (first < from ? from : first, due);
                    }
                }

                break;
        }
    }

    private static double Weeks(Cadence cadence) => cadence switch
    {
        Cadence.Daily => 0.2,
        Cadence.Weekly => 1,
        Cadence.Biweekly => 2,
        Cadence.Monthly => 52.0 / 12,
        Cadence.Quarterly => 13,
        _ => 0,
    };

    private static DateOnly Friday(DateOnly day) => day.AddDays(((int)DayOfWeek.Friday - (int)day.DayOfWeek + 7) % 7);

    private static DateOnly LastWorkingDay(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => day.AddDays(-1),
        DayOfWeek.Sunday => day.AddDays(-2),
        _ => day,
    };
}
