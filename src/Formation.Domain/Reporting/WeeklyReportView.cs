using System.Globalization;
using Formation.Domain.Planning;
using Formation.Domain.Text;
using Formation.Domain.WorkPlans;

namespace Formation.Domain.Reporting;

/// <summary>A list of tasks in the weekly report, already worded in one language.</summary>
/// <param name="Key">done, overdue, slipping, upcoming, passed or failed.</param>
/// <param name="Empty">What to show when there are no items.</param>
public sealed record WeeklyReportList(string Key, string Heading, IReadOnlyList<string> Items, string Empty);

/// <summary>A table of the weekly report, already worded in one language.</summary>
/// <param name="Key">functions, people or capacity.</param>
/// <param name="AlignRight">Per column: true for figures.</param>
/// <param name="States">For the capacity table: each row's flag.</param>
public sealed record WeeklyReportTable(
    string Key,
    string Heading,
    IReadOnlyList<string> Headers,
    IReadOnlyList<bool> AlignRight,
    IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlyList<CapacityState>? States = null);

/// <summary>
/// The weekly report as one scope sees it, worded in one language: what the Markdown, the PDF and the web page
/// all show, so the three never disagree. The department scope lists the department's tasks and sums up each
/// function and person; a function's scope lists its tasks and sums up its people; a person's lists theirs.
/// </summary>
/// <param name="Scope">The scope in words: "Department", "Function: Promotion", "Person: Li Lei (Promoter)".</param>
/// <param name="Capacity">The capacity table of the scope's posts, when asked for.</param>
public sealed record WeeklyReportView(
    string Title,
    string Period,
    string Scope,
    IReadOnlyList<WeeklyReportList> Lists,
    IReadOnlyList<WeeklyReportTable> Summaries,
    WeeklyReportTable? Capacity)
{
    /// <summary>Words the report for a scope.</summary>
    /// <param name="organization">The organisation's name, for the title.</param>
    /// <param name="includeCapacity">True for those who manage: owners, managers and supervisors.</param>
    /// <exception cref="ArgumentException">The scope names a person the report does not know.</exception>
    public static WeeklyReportView Of(WeeklyReport report, ReportScope scope, Language language, string organization, bool includeCapacity)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(scope);
        var zh = language == Language.Zh;
        string L(string zhText, string enText) => zh ? zhText : enText;
        string T(LocalizedText text) => text.Get(language);
        string D(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        var sep = zh ? "、" : ", ";
        var colon = zh ? "：" : ": ";

        ReportSection section;
        string scopeText;
        IReadOnlyList<string> scopePosts;
        var summaries = new List<WeeklyReportTable>();
        if (scope.Person is { } personId)
        {
            var person = report.People.FirstOrDefault(p => p.Person.UserId == personId)
                ?? throw new ArgumentException($"No person {personId} in this report.", nameof(scope));
            section = person.Section;
            scopePosts = person.Posts;
            scopeText = $"{L("人员", "Person")}{colon}{person.Person.Name}{PostList(person.Posts)}";
        }
        else if (scope.Function is { } function)
        {
            var part = report.Functions.FirstOrDefault(f => f.Function == function);
            section = part?.Section ?? new ReportSection([], [], [], [], [], []);
            scopePosts = part?.Posts ?? [];
            scopeText = $"{L("职能", "Function")}{colon}{T(function.DisplayName())}";
            var posts = scopePosts.ToHashSet(StringComparer.Ordinal);
            summaries.Add(Counts("people", L("按人员", "By person"), L("人员", "Person"),
                report.People.Where(p => p.Posts.Any(posts.Contains)).Select(p => (p.Person.Name, p.Section))));
        }
        else
        {
            section = report.Department;
            scopePosts = report.Capacity.Select(c => c.Post).ToList();
            scopeText = L("整个部门", "Whole department");
            summaries.Add(Counts("functions", L("按职能", "By function"), L("职能", "Function"), report.Functions.Select(f => (T(f.Function.DisplayName()), f.Section))));
            summaries.Add(Counts("people", L("按人员", "By person"), L("人员", "Person"), report.People.Select(p => (p.Person.Name, p.Section))));
        }

        string PostList(IReadOnlyList<string> posts) =>
            posts.Count == 0 ? "" : $"{L("（", " (")}{string.Join(sep, posts.Select(p => T(PostCatalog.TitleOf(p))))}{L("）", ")")}";

        string Who(WeeklyTask task) =>
            $"{T(PostCatalog.TitleOf(task.OwnerPost))} · {(task.OwnerUserId is { } u ? report.NameOf(u) ?? L("（已不在岗）", "(former member)") : L("未认领", "unclaimed"))}";

        string Item(ReportEntry e, string detail) => $"{T(e.Task.Title)} — {Who(e.Task)} — {detail}";

        var sunday = report.Week.Sunday;
        var lists = new List<WeeklyReportList>
        {
            new("done", L("本周完成", "Done this week"), section.Done.Select(e => Item(e, $"{L("完成于", "done")} {D(e.Date)}")).ToList(), L("本周没有完成的任务。", "Nothing was done this week.")),
            new("overdue", L("逾期", "Overdue"), section.Overdue.Select(e => Item(e, sunday.DayNumber > e.Date.DayNumber
                ? L($"截止 {D(e.Date)}，到周末已逾期 {N(sunday.DayNumber - e.Date.DayNumber)} 天", $"due {D(e.Date)}, {N(sunday.DayNumber - e.Date.DayNumber)} days late by the week's end")
                : L($"截止 {D(e.Date)}", $"due {D(e.Date)}"))).ToList(), L("没有逾期任务。", "Nothing is overdue.")),
            new("slipping", L("进度滞后", "Slipping"), section.Slipping.Select(e => Item(e, e.Slip == SlipReason.DueMoved
                ? L($"截止日本周从 {D(e.MovedFrom!.Value)} 推迟到 {D(e.Date)}", $"due date moved this week from {D(e.MovedFrom!.Value)} to {D(e.Date)}")
                : L($"计划 {D(e.Task.Start)} 开始，到周末仍未开始（截止 {D(e.Date)}）", $"planned to start {D(e.Task.Start)}, not started by the week's end (due {D(e.Date)})"))).ToList(),
                L("没有滞后的任务。", "Nothing is slipping.")),
            new("upcoming", L("下周到期", "Due next week"), section.Upcoming.Select(e => Item(e, $"{L("截止", "due")} {D(e.Date)}")).ToList(), L("下周没有到期的任务。", "Nothing is due next week.")),
            new("passed", L("检查点通过", "Checkpoints passed"), section.CheckpointsPassed.Select(e => Item(e, $"{L("验收于", "accepted")} {D(e.Date)}")).ToList(), L("本周没有通过的检查点。", "No checkpoint was passed this week.")),
            new("failed", L("检查点未通过", "Checkpoints failed"), section.CheckpointsFailed.Select(e => Item(e, $"{L("退回于", "sent back")} {D(e.Date)}")).ToList(), L("本周没有未通过的检查点。", "No checkpoint failed this week.")),
        };

        WeeklyReportTable? capacity = null;
        if (includeCapacity)
        {
            var posts = scopePosts.ToHashSet(StringComparer.Ordinal);
            var rows = report.Capacity.Where(c => posts.Contains(c.Post)).ToList();
            capacity = new WeeklyReportTable("capacity", L("岗位负荷", "Capacity by post"),
                [L("岗位", "Post"), L("在岗人员", "Held by"), L("本周工作量（小时）", "Effort this week (h)"), L("可用工时", "Hours available"), L("负荷", "Load"), L("未完成任务", "Open tasks"), L("状态", "Status")],
                [false, false, true, true, true, true, false],
                rows.Select(c => (IReadOnlyList<string>)
                [
                    T(PostCatalog.TitleOf(c.Post)),
                    c.Holders.Count == 0 ? "—" : string.Join(sep, c.Holders.Select(h => report.NameOf(h) ?? "?")),
                    Format.Number(c.EffortHours),
                    Format.Number(c.CapacityHours),
                    c.Load is { } load ? Format.Percent(load) : "—",
                    N(c.OpenTasks),
                    c.State switch
                    {
                        CapacityState.Overloaded => L("超负荷", "overloaded"),
                        CapacityState.Idle => L("空闲", "idle"),
                        CapacityState.Vacant => L("空缺", "vacant"),
                        _ => L("正常", "ok"),
                    },
                ]).ToList(),
                rows.Select(c => c.State).ToList());
        }

        var title = $"{L("周报", "Weekly report")}{colon}{organization} · {report.Week}";
        var period = zh
            ? $"{report.Week}（{D(report.Week.Monday)} 至 {D(report.Week.Sunday)}）"
            : $"{report.Week} ({D(report.Week.Monday)} to {D(report.Week.Sunday)})";
        return new WeeklyReportView(title, period, scopeText, lists, summaries, capacity);

        WeeklyReportTable Counts(string key, string heading, string first, IEnumerable<(string Name, ReportSection Section)> parts) =>
            new(key, heading,
                [first, L("完成", "Done"), L("逾期", "Overdue"), L("滞后", "Slipping"), L("下周到期", "Due next week"), L("检查通过", "Passed"), L("检查未通过", "Failed")],
                [false, true, true, true, true, true, true],
                parts.Select(p => (IReadOnlyList<string>)
                [
                    p.Name, N(p.Section.Done.Count), N(p.Section.Overdue.Count), N(p.Section.Slipping.Count), N(p.Section.Upcoming.Count),
                    N(p.Section.CheckpointsPassed.Count), N(p.Section.CheckpointsFailed.Count),
                ]).ToList());
    }
}
