using System.Globalization;
using Formation.Application.Features.Planning;
using Formation.Domain.Staffing;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using static Formation.Web.Infrastructure.Ui;

namespace Formation.Web.Features.Org;

/// <summary>The interactive Erlang C calculator; starts from the profile's consulting volumes when there are any.</summary>
public sealed class StaffingModel(Plans plans) : OrgPageModel
{
    public sealed record Field(string Name, string Label, double Value);

    public List<Field> Fields { get; private set; } = [];

    public StaffingResult Result { get; private set; } = new([], null);

    public async Task OnGetAsync()
    {
        var draft = await plans.DraftAsync(HttpContext.RequestAborted);
        var volume = draft is null ? null : plans.Read(draft.Yaml).Value?.Volume;
        var v = volume ?? new Domain.Profiles.VolumeInfo { InquiriesPerDay = 200 };
        var input = new StaffingInput(v.InquiriesPerDay * v.PeakHourShare, 60, v.AverageHandleSeconds, v.TargetAnswerSeconds, v.ServiceLevel, v.Shrinkage, v.ConcurrentChats);
        Fields = input.Fields();
        Result = input.Solve();
    }

    public PartialViewResult OnGetResult(double? contacts, double? intervalMinutes, double? ahtSeconds, double? targetSeconds, double? serviceLevel, double? shrinkage, double? concurrency) =>
        Partial("_StaffingResult", new StaffingInput(contacts, intervalMinutes, ahtSeconds, targetSeconds, serviceLevel, shrinkage, concurrency).Solve());
}

/// <summary>What the calculator shows: problems with the input, or the answer.</summary>
public sealed record StaffingResult(IReadOnlyList<string> Problems, ErlangCResult? Answer);

/// <summary>The calculator's inputs as typed; every one is checked with a message naming it.</summary>
public sealed record StaffingInput(double? Contacts, double? IntervalMinutes, double? AhtSeconds, double? TargetSeconds, double? ServiceLevel, double? Shrinkage, double? Concurrency)
{
    public List<StaffingModel.Field> Fields() =>
    [
        new("contacts", L("时段内咨询量", "Contacts in the interval"), Contacts ?? 0),
        new("intervalMinutes", L("时段长度（分钟）", "Interval (minutes)"), IntervalMinutes ?? 60),
        new("ahtSeconds", L("平均处理时长（秒）", "Average handle time (s)"), AhtSeconds ?? 180),
        new("targetSeconds", L("目标应答时间（秒）", "Target answer time (s)"), TargetSeconds ?? 20),
        new("serviceLevel", L("服务水平目标（0–1）", "Service-level target (0–1)"), ServiceLevel ?? 0.8),
        new("shrinkage", L("损耗率（0–1）", "Shrinkage (0–1)"), Shrinkage ?? 0.3),
        new("concurrency", L("同时接待数（1–5）", "Concurrent chats (1–5)"), Concurrency ?? 1),
    ];

    public StaffingResult Solve()
    {
        var problems = new List<string>();
        void Need(bool ok, string zh, string en)
        {
            if (!ok)
            {
                problems.Add(L(zh, en));
            }
        }

        Need(Contacts is >= 0 and <= 10_000_000, "咨询量应为 0 到 10,000,000。", "Contacts must be 0 to 10,000,000.");
        Need(IntervalMinutes is > 0 and <= 1440, "时段长度应为 1 到 1440 分钟。", "The interval must be 1 to 1,440 minutes.");
        Need(AhtSeconds is > 0 and <= 86_400, "平均处理时长应大于 0 秒。", "The average handle time must be above 0 s.");
        Need(TargetSeconds is >= 0 and <= 3600, "目标应答时间应为 0 到 3600 秒。", "The target answer time must be 0 to 3,600 s.");
        Need(ServiceLevel is > 0 and < 1, "服务水平目标应在 0 与 1 之间，如 0.8。", "The service-level target must be between 0 and 1, such as 0.8.");
        Need(Shrinkage is >= 0 and < 1, "损耗率应不小于 0 且小于 1。", "Shrinkage must be at least 0 and below 1.");
        Need(Concurrency is >= 1 and <= 5 && Concurrency % 1 == 0, "同时接待数应为 1 到 5 的整数。", "Concurrent chats must be a whole number from 1 to 5.");
        if (problems.Count == 0)
        {
            var load = ErlangC.Traffic(Contacts!.Value, IntervalMinutes!.Value * 60, AhtSeconds!.Value / ErlangC.ConcurrencyFactor((int)Concurrency!.Value));
            Need(load <= 100_000, string.Create(CultureInfo.InvariantCulture, $"负荷 {load:#,0} 爱尔兰过大（上限 100,000）。"), string.Create(CultureInfo.InvariantCulture, $"A load of {load:#,0} erlangs is too large (at most 100,000)."));
        }

        return problems.Count > 0
            ? new StaffingResult(problems, null)
            : new StaffingResult([], ErlangC.Solve(new ErlangCRequest(Contacts!.Value, IntervalMinutes!.Value * 60, AhtSeconds!.Value, TargetSeconds!.Value, ServiceLevel!.Value, Shrinkage!.Value, null, (int)Concurrency!.Value)));
    }
}
