using Formation.Application.Features.Work;
using Formation.Domain.WorkPlans;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using static Formation.Web.Infrastructure.Ui;

namespace Formation.Web.Features.Work;

/// <summary>
/// The organisation's follow-up thresholds: owners and managers change them and may run the follow-up now;
/// everyone else reads them. A value that does not make sense is refused with 400 and a message naming the field.
/// </summary>
public sealed class FollowUpSettingsModel(FollowUps followUps) : OrgPageModel
{
    /// <summary>The fields in the order the form shows them.</summary>
    public static readonly IReadOnlyList<string> Fields =
        [nameof(FollowUpRules.DueSoonDays), nameof(FollowUpRules.StalledDays), nameof(FollowUpRules.SupervisorAfterDays), nameof(FollowUpRules.ManagerAfterDays)];

    [BindProperty]
    public int? DueSoonDays { get; set; }

    [BindProperty]
    public int? StalledDays { get; set; }

    [BindProperty]
    public int? SupervisorAfterDays { get; set; }

    [BindProperty]
    public int? ManagerAfterDays { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public FollowUpRun? Ran { get; private set; }

    public async Task OnGetAsync() => Show(await followUps.SettingsAsync(HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostAsync()
    {
        if (!CanEdit)
        {
            return Denied();
        }

        // A missing or unreadable number is reported in the reader's language, not the model binder's.
        foreach (var field in Fields.Where(f => Value(f) is null))
        {
            var label = FollowUps.Labels[field];
            ModelState.Remove(field);
            ModelState.AddModelError(field, L($"{label.Zh}：请填写整数天数。", $"{label.En}: give a whole number of days."));
        }

        if (ModelState.ErrorCount == 0)
        {
            var rules = new FollowUpRules(DueSoonDays!.Value, StalledDays!.Value, SupervisorAfterDays!.Value, ManagerAfterDays!.Value);
            foreach (var error in await followUps.SaveSettingsAsync(rules, HttpContext.RequestAborted))
            {
                ModelState.AddModelError(error.Field, T(error.Message));
            }
        }

        if (ModelState.ErrorCount > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return Redirect($"/o/{Organization.Id}/follow-up?saved=true");
    }

    public async Task<IActionResult> OnPostRunAsync()
    {
        if (!CanEdit)
        {
            return Denied();
        }

        Ran = await followUps.RunAsync(HttpContext.RequestAborted);
        Show(await followUps.SettingsAsync(HttpContext.RequestAborted));
        return Page();
    }

    /// <summary>The value of a field as posted or loaded.</summary>
    public int? Value(string field) => field switch
    {
        nameof(FollowUpRules.DueSoonDays) => DueSoonDays,
        nameof(FollowUpRules.StalledDays) => StalledDays,
        nameof(FollowUpRules.SupervisorAfterDays) => SupervisorAfterDays,
        nameof(FollowUpRules.ManagerAfterDays) => ManagerAfterDays,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    /// <summary>What each threshold does, under its field.</summary>
    public static string Help(string field) => field switch
    {
        nameof(FollowUpRules.DueSoonDays) => L("截止日期前几天提醒负责人（0：只在当天提醒）。", "Days before the due date the owner is reminded (0: on the day only)."),
        nameof(FollowUpRules.StalledDays) => L("任务多少天没有任何更新就算停滞。", "Days without any update after which an open task is stalled."),
        nameof(FollowUpRules.SupervisorAfterDays) => L("逾期（或停滞）多少天后告诉岗位的主管。", "Days overdue (or stalled) before the post's supervisor is told."),
        nameof(FollowUpRules.ManagerAfterDays) => L("逾期（或停滞）多少天后告诉部门负责人；不能早于主管。", "Days overdue (or stalled) before the department lead is told; not before the supervisor."),
        _ => "",
    };

    private void Show(FollowUpRules rules) =>
        (DueSoonDays, StalledDays, SupervisorAfterDays, ManagerAfterDays) = (rules.DueSoonDays, rules.StalledDays, rules.SupervisorAfterDays, rules.ManagerAfterDays);
}
