using Formation.Application.Features.Data;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Formation.Web.Features.Data;

/// <summary>
/// The strategy's goals against the imported figures, each with its run-rate forecast, status, owning post and the
/// corrective task opened when it went off track. Owners and managers can evaluate now (as every import and the
/// periodic follow-up do), which records the statuses and opens the tasks.
/// </summary>
public sealed class GoalsModel(GoalEvaluation goals, MetricPageCache pages) : OrgPageModel
{
    public GoalBoard? Board { get; private set; }

    /// <summary>Set after an evaluation from this page: how many tasks it opened.</summary>
    public int? Opened { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Board = await goals.EvaluateAsync(record: false, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Denied();
        }

        Board = await goals.EvaluateAsync(record: true, ct);
        Opened = Board?.TasksOpened ?? 0;
        await pages.ChangedAsync(Organization.Id, CancellationToken.None); // the dashboard links the tasks just opened
        return Page();
    }
}
