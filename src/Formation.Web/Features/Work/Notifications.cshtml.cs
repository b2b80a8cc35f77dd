using System.Globalization;
using Formation.Application.Features.Work;
using Formation.Domain.Planning;
using Formation.Domain.WorkPlans;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using static Formation.Web.Infrastructure.Ui;

namespace Formation.Web.Features.Work;

/// <summary>The signed-in member's follow-up notices in this organisation: what needs attention, why, and since when.</summary>
public sealed class NotificationsModel(FollowUps followUps) : OrgPageModel
{
    public List<NotificationEntry> Entries { get; private set; } = [];

    public FollowUpRules Rules { get; private set; } = new();

    public async Task OnGetAsync()
    {
        Entries = await followUps.ListAsync(UserId, HttpContext.RequestAborted);
        Rules = await followUps.SettingsAsync(HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostReadAsync(Guid id) =>
        await followUps.MarkReadAsync(UserId, id, HttpContext.RequestAborted) ? Redirect($"/o/{Organization.Id}/notifications") : NotFound();

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        await followUps.MarkAllReadAsync(UserId, HttpContext.RequestAborted);
        return Redirect($"/o/{Organization.Id}/notifications");
    }

    /// <summary>Why, with the days: "逾期 3 天" / "3 days overdue".</summary>
    public string Why(NotificationEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var days = entry.Notice.Days;
        string N(int n) => n.ToString(CultureInfo.CurrentCulture);
        return entry.Notice.Reason switch
        {
            "overdue" => L($"逾期 {N(days)} 天", days == 1 ? "1 day overdue" : $"{N(days)} days overdue"),
            "due-soon" => days switch
            {
                0 => L("今天到期", "due today"),
                1 => L("明天到期", "due tomorrow"),
                _ => L($"{N(days)} 天后到期", $"due in {N(days)} days"),
            },
            "stalled" => L($"已 {N(days + Rules.StalledDays)} 天没有更新", $"no update for {N(days + Rules.StalledDays)} days"),
            _ => entry.Notice.Reason,
        };
    }

    /// <summary>Why this member is told: their own task, or escalated to them as supervisor or lead of the post.</summary>
    public static string Who(NotificationEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Notice.Level switch
        {
            "owner" => L("你负责的任务", "Your task"),
            "supervisor" => L("已升级给主管（你）", "Escalated to you as supervisor"),
            "manager" => L("已升级给部门负责人（你）", "Escalated to you as department lead"),
            _ => entry.Notice.Level,
        };
    }

    /// <summary>The post the notice is addressed to, by its title.</summary>
    public static string PostTitle(string post) => PostCatalog.TryGet(post, out var definition) ? T(definition.Title) : post;
}
