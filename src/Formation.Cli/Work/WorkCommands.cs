using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Formation.Application.Data;
using Formation.Application.Features.Accounts;
using Formation.Application.Features.Planning;
using Formation.Application.Features.Work;
using Formation.Application.Reports;
using Formation.Cli.Db;
using Formation.Domain.Planning;
using Formation.Domain.Playbooks;
using Formation.Domain.Reporting;
using Formation.Domain.Text;
using Formation.Domain.WorkPlans;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Formation.Cli.Work;

/// <summary>
/// <c>formation tasks list|add|done</c> and <c>formation report weekly</c>: the work plan and its weekly report from
/// the command line, on the database the <c>db</c> commands use. Every change goes through <see cref="Tasks"/>, so it
/// is checked against the acting member's role and recorded in the audit trail under their name: the member named
/// by <c>--as</c>, or else the organisation's first owner.
/// </summary>
internal static class WorkCommands
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Tasks(IAnsiConsole console, Func<string, string?> environment) =>
        new("tasks", "Tasks of an organisation's work plan: list, add, mark done. / 工作计划中的任务：列出、添加、完成。")
        {
            List(console, environment),
            Add(console, environment),
            Done(console, environment),
        };

    public static Command Report(IAnsiConsole console, Func<string, string?> environment) =>
        new("report", "Reports on the work plan. / 工作计划报告。") { Weekly(console, environment) };

    /// <summary>The options every command here takes: the database, the organisation and the language.</summary>
    private sealed class CommonOptions
    {
        public DbCommands.SelectionOptions Selection { get; } = new();

        public Option<string> Org { get; } = new("--org") { Description = "The organisation: its id or its name.", Required = true, HelpName = "ID|NAME" };

        public void AddTo(Command command)
        {
            command.Options.Add(Org);
            Selection.AddTo(command);
        }
    }

    /// <summary>What a command works with once the database and the organisation are found.</summary>
    private sealed record Session(IAnsiConsole Console, Language Language, AppDbContext Db, Organization Organization, CancellationToken Ct)
    {
        public int Fail(int exitCode, string zh, string en)
        {
            Inputs.Problem(Console, Language, new LocalizedText(zh, en));
            return exitCode;
        }

        public void Say(string zh, string en) => Console.MarkupLine(Markup.Escape(Language == Language.Zh ? zh : en));

        public Task WriteAsync(string text) => Console.Profile.Out.Writer.WriteLineAsync(text.AsMemory(), Ct);

        /// <summary>A member of this organisation by e-mail address, with their role.</summary>
        public async Task<(User User, Role Role)?> MemberAsync(string email)
        {
            var normalized = Accounts.Normalize(email);
            var found = await (from m in Db.Memberships
                               join u in Db.Users on m.UserId equals u.Id
                               where m.OrganizationId == Organization.Id && u.NormalizedEmail == normalized
                               select new { u, m.Role }).SingleOrDefaultAsync(Ct).ConfigureAwait(false);
            return found is null ? null : (found.u, found.Role);
        }

        /// <summary>The member named by <c>--as</c>, or the organisation's first owner; null after reporting why not.</summary>
        public async Task<(Actor? Actor, int ExitCode)> ActorAsync(string? email)
        {
            if (email is not null)
            {
                return await MemberAsync(email).ConfigureAwait(false) is { } member
                    ? (new Actor(member.User.Id, member.Role), ExitCodes.Ok)
                    : (null, Fail(ExitCodes.NotFound, $"--as：{email} 不是 {Organization.Name} 的成员。", $"--as: {email} is not a member of {Organization.Name}."));
            }

            var owner = await Db.Memberships.Where(m => m.OrganizationId == Organization.Id && m.Role == Role.Owner)
                .OrderBy(m => m.CreatedAt).Select(m => (Guid?)m.UserId).FirstOrDefaultAsync(Ct).ConfigureAwait(false);
            return owner is { } id
                ? (new Actor(id, Role.Owner), ExitCodes.Ok)
                : (null, Fail(ExitCodes.NotFound, $"{Organization.Name} 没有所有者；请用 --as 指定成员。", $"{Organization.Name} has no owner; name a member with --as."));
        }

        public Plans Plans() => new(Db, PlaybookLibrary.Shipped, TimeProvider.System, new BlueprintCache(), new NoPlanChanges());
    }

    private static Command List(IAnsiConsole console, Func<string, string?> environment)
    {
        var common = new CommonOptions();
        var post = new Option<string>("--post") { Description = "Only this post's tasks, e.g. promoter.", HelpName = "POST" };
        var status = new Option<string>("--status") { Description = "Only tasks in this status.", HelpName = "todo|doing|review|done" };
        var owner = new Option<string>("--owner") { Description = "Only tasks of this member (e-mail).", HelpName = "EMAIL" };
        var dueBefore = new Option<string>("--due-before") { Description = "Only tasks due before this day.", HelpName = "YYYY-MM-DD" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("list", "List the tasks, by due date. / 按截止日期列出任务。") { post, status, owner, dueBefore, json };
        common.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(console, environment, common, parse, async s =>
        {
            var query = s.Db.WorkItems.AsNoTracking().Where(i => i.DeletedAt == null && !i.Retired);
            if (parse.GetValue(post) is { } p)
            {
                if (!PostCatalog.TryGet(p, out _))
                {
                    return UnknownPost(s, "--post", p, PostCatalog.All.Select(x => x.Id));
                }

                query = query.Where(i => i.OwnerPost == p);
            }

            if (parse.GetValue(status) is { } st)
            {
                if (!EnumNames.TryParse<WorkStatus>(st, out var wanted))
                {
                    return s.Fail(ExitCodes.InvalidInput, $"--status：\"{st}\" 无效；可用 todo、doing、review、done。", $"--status: \"{st}\" is not a status; use todo, doing, review or done.");
                }

                query = query.Where(i => i.Status == wanted);
            }

            if (parse.GetValue(owner) is { } email)
            {
                if (await s.MemberAsync(email).ConfigureAwait(false) is not { } member)
                {
                    return s.Fail(ExitCodes.NotFound, $"--owner：{email} 不是 {s.Organization.Name} 的成员。", $"--owner: {email} is not a member of {s.Organization.Name}.");
                }

                query = query.Where(i => i.OwnerUserId == member.User.Id);
            }

            if (parse.GetValue(dueBefore) is { } text)
            {
                if (ParseDay(s, "--due-before", text) is not { } day)
                {
                    return ExitCodes.InvalidInput;
                }

                query = query.Where(i => i.DueDate < day);
            }

            var items = (await query.ToListAsync(s.Ct).ConfigureAwait(false)).OrderBy(i => i.DueDate).ThenBy(i => i.TitleEn, StringComparer.Ordinal).ThenBy(i => i.Id).ToList();
            var ownerIds = items.Where(i => i.OwnerUserId is not null).Select(i => i.OwnerUserId!.Value).Distinct().ToList();
            var emails = await s.Db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, s.Ct).ConfigureAwait(false);
            string? EmailOf(WorkItem i) => i.OwnerUserId is { } id ? emails.GetValueOrDefault(id) : null;
            string Title(WorkItem i) => s.Language == Language.Zh ? i.TitleZh : i.TitleEn;
            string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

            if (parse.GetValue(json))
            {
                await s.WriteAsync(JsonSerializer.Serialize(items.Select(i => new
                {
                    id = i.Id,
                    title = Title(i),
                    post = i.OwnerPost,
                    owner = EmailOf(i),
                    status = i.Status.ToString().ToLowerInvariant(),
                    kind = i.Kind,
                    start = Day(i.StartDate),
                    due = Day(i.DueDate),
                    effortHours = i.EffortHours,
                    version = i.Version,
                }), s_json)).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            if (items.Count == 0)
            {
                s.Say("没有符合条件的任务。", "No tasks match.");
                return ExitCodes.Ok;
            }

            var zh = s.Language == Language.Zh;
            var table = new Table().Border(TableBorder.Simple);
            table.AddColumns("ID", zh ? "截止" : "Due", zh ? "状态" : "Status", zh ? "岗位" : "Post", zh ? "负责人" : "Owner", zh ? "任务" : "Task");
            foreach (var i in items)
            {
                table.AddRow(Markup.Escape(i.Id.ToString()), Day(i.DueDate), i.Status.ToString().ToLowerInvariant(), Markup.Escape(i.OwnerPost),
                    Markup.Escape(EmailOf(i) ?? "-"), Markup.Escape(Title(i)));
            }

            s.Console.Write(table);
            s.Say($"共 {items.Count} 个任务。", $"{items.Count} task(s).");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Add(IAnsiConsole console, Func<string, string?> environment)
    {
        var common = new CommonOptions();
        var title = new Option<string>("--title") { Description = "What to do.", Required = true, HelpName = "TEXT" };
        var post = new Option<string>("--post") { Description = "The post that does it (a post of the accepted plan).", Required = true, HelpName = "POST" };
        var due = new Option<string>("--due") { Description = "The day it is due.", Required = true, HelpName = "YYYY-MM-DD" };
        var start = new Option<string>("--start") { Description = "The day it starts (default: today, or the due day if earlier).", HelpName = "YYYY-MM-DD" };
        var effort = new Option<double>("--effort") { Description = "Planned hours (default 0).", HelpName = "H" };
        var actAs = new Option<string>("--as") { Description = "The member doing it, by e-mail (default: the organisation's owner).", HelpName = "EMAIL" };
        var command = new Command("add", "Add a task to the work plan. / 向工作计划添加任务。") { title, post, due, start, effort, actAs };
        common.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(console, environment, common, parse, async s =>
        {
            var text = parse.GetValue(title)!.Trim();
            if (text.Length == 0 || text.Length > Application.Features.Work.Tasks.MaxTitle)
            {
                return s.Fail(ExitCodes.InvalidInput, $"--title 不能为空，且不超过 {Application.Features.Work.Tasks.MaxTitle} 个字符。", $"--title must not be empty nor longer than {Application.Features.Work.Tasks.MaxTitle} characters.");
            }

            if (ParseDay(s, "--due", parse.GetValue(due)!) is not { } dueDay)
            {
                return ExitCodes.InvalidInput;
            }

            var today = TimeZones.Today(DateTimeOffset.UtcNow, s.Organization.TimeZone);
            DateOnly startDay;
            if (parse.GetValue(start) is { } startText)
            {
                if (ParseDay(s, "--start", startText) is not { } parsed)
                {
                    return ExitCodes.InvalidInput;
                }

                startDay = parsed;
            }
            else
            {
                startDay = today < dueDay ? today : dueDay;
            }

            if (startDay > dueDay)
            {
                return s.Fail(ExitCodes.InvalidInput, "--start 不能晚于 --due。", "--start must not be after --due.");
            }

            var hours = parse.GetValue(effort);
            if (!double.IsFinite(hours) || hours < 0 || hours > 10_000)
            {
                return s.Fail(ExitCodes.InvalidInput, "--effort 应在 0 到 10000 小时之间。", "--effort must be between 0 and 10000 hours.");
            }

            var plans = s.Plans();
            var versions = await plans.VersionsAsync(s.Ct).ConfigureAwait(false);
            if (versions.Count == 0)
            {
                return NoPlan(s);
            }

            var postId = parse.GetValue(post)!;
            var posts = plans.BlueprintOf(versions[0]).Posts.Select(p => p.Id).ToList();
            if (!posts.Contains(postId, StringComparer.Ordinal))
            {
                return UnknownPost(s, "--post", postId, posts);
            }

            var (actor, failed) = await s.ActorAsync(parse.GetValue(actAs)).ConfigureAwait(false);
            if (actor is null)
            {
                return failed;
            }

            var result = await new Tasks(s.Db, TimeProvider.System).CreateAsync(actor, text, postId, startDay, dueDay, hours, null, null, s.Ct).ConfigureAwait(false);
            if (Outcome(s, result, Guid.Empty) is { } code)
            {
                return code;
            }

            var item = result.Current!;
            await s.WriteAsync(item.Id.ToString()).ConfigureAwait(false);
            s.Say($"已添加任务：{item.TitleZh}（{postId}，截止 {dueDay:yyyy-MM-dd}）。", $"Added: {item.TitleEn} ({postId}, due {dueDay:yyyy-MM-dd}).");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Done(IAnsiConsole console, Func<string, string?> environment)
    {
        var common = new CommonOptions();
        var id = new Argument<string>("TASK-ID") { Description = "The task's id (from tasks list)." };
        var actAs = new Option<string>("--as") { Description = "The member closing it, by e-mail (default: the organisation's owner).", HelpName = "EMAIL" };
        var command = new Command("done", "Mark a task done. / 将任务标记为完成。") { id, actAs };
        common.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(console, environment, common, parse, async s =>
        {
            var text = parse.GetValue(id)!;
            if (!Guid.TryParse(text, out var taskId))
            {
                return s.Fail(ExitCodes.InvalidInput, $"TASK-ID：\"{text}\" 不是任务 id。", $"TASK-ID: \"{text}\" is not a task id.");
            }

            var (actor, failed) = await s.ActorAsync(parse.GetValue(actAs)).ConfigureAwait(false);
            if (actor is null)
            {
                return failed;
            }

            var current = await s.Db.WorkItems.AsNoTracking().Where(i => i.Id == taskId && i.DeletedAt == null)
                .Select(i => new { i.Version, i.Status }).SingleOrDefaultAsync(s.Ct).ConfigureAwait(false);
            if (current is null)
            {
                return Outcome(s, new TaskResult(TaskOutcome.NotFound), taskId)!.Value;
            }

            if (current.Status == WorkStatus.Done)
            {
                s.Say($"任务 {taskId} 已经完成。", $"Task {taskId} is already done.");
                return ExitCodes.Ok;
            }

            var result = await new Tasks(s.Db, TimeProvider.System).MoveAsync(taskId, current.Version, actor, WorkStatus.Done, s.Ct).ConfigureAwait(false);
            if (Outcome(s, result, taskId) is { } code)
            {
                return code;
            }

            s.Say($"任务 {taskId} 已完成：{result.Current!.TitleZh}", $"Task {taskId} is done: {result.Current!.TitleEn}");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Weekly(IAnsiConsole console, Func<string, string?> environment)
    {
        var common = new CommonOptions();
        var week = new Option<string>("--week") { Description = "The ISO week (default: this week).", HelpName = "YYYY-Www" };
        var scope = new Option<string>("--scope") { Description = "department (default), function:<id> or person:<e-mail or id>.", HelpName = "SCOPE" };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "md", HelpName = "md|pdf" }
            .AcceptOnlyFromAmong("md", "pdf");
        var output = new Option<string>("--output") { Description = "Write to this file (required for pdf; md goes to the terminal without it).", HelpName = "FILE" };
        var command = new Command("weekly", "The weekly report: done, overdue, slipping, upcoming, checkpoints and each post's load. / 周报。") { week, scope, format, output };
        common.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(console, environment, common, parse, async s =>
        {
            var isoWeek = IsoWeek.Containing(TimeZones.Today(DateTimeOffset.UtcNow, s.Organization.TimeZone));
            if (parse.GetValue(week) is { } weekText && !IsoWeek.TryParse(weekText, out isoWeek))
            {
                return s.Fail(ExitCodes.InvalidInput, $"--week：\"{weekText}\" 不是有效的周次；请写成 2026-W48 这样的 ISO 周。", $"--week: \"{weekText}\" is not a week; write an ISO week such as 2026-W48.");
            }

            var chosen = parse.GetValue(format)!;
            var path = parse.GetValue(output);
            if (chosen == "pdf" && path is null)
            {
                return s.Fail(ExitCodes.InvalidInput, "--format pdf 需要 --output FILE。", "--format pdf needs --output FILE.");
            }

            var scopeText = parse.GetValue(scope);
            ReportScope? reportScope;
            string? personName = null;
            if (scopeText is not null && scopeText.StartsWith("person:", StringComparison.OrdinalIgnoreCase) && scopeText.Contains('@', StringComparison.Ordinal))
            {
                var email = scopeText["person:".Length..];
                if (await s.MemberAsync(email).ConfigureAwait(false) is not { } member)
                {
                    return s.Fail(ExitCodes.NotFound, $"--scope：{email} 不是 {s.Organization.Name} 的成员。", $"--scope: {email} is not a member of {s.Organization.Name}.");
                }

                reportScope = ReportScope.OfPerson(member.User.Id);
                personName = member.User.DisplayName;
            }
            else if (!ReportScope.TryParse(scopeText, out reportScope))
            {
                return s.Fail(ExitCodes.InvalidInput,
                    $"--scope：\"{scopeText}\" 无效；可用 department、function:<{string.Join("|", Ids.AllIds<BusinessFunction>())}> 或 person:<邮箱或 id>。",
                    $"--scope: \"{scopeText}\" is not a scope; use department, function:<{string.Join("|", Ids.AllIds<BusinessFunction>())}> or person:<e-mail or id>.");
            }

            var result = await new WeeklyReports(s.Db, s.Plans()).BuildAsync(isoWeek, s.Ct).ConfigureAwait(false);
            if (result is null)
            {
                return NoPlan(s);
            }

            var report = result.Report;
            if (reportScope.Person is { } person && report.People.All(p => p.Person.UserId != person))
            {
                personName ??= await s.Db.Memberships.Where(m => m.OrganizationId == s.Organization.Id && m.UserId == person)
                    .Join(s.Db.Users, m => m.UserId, u => u.Id, (m, u) => u.DisplayName).SingleOrDefaultAsync(s.Ct).ConfigureAwait(false);
                if (personName is null)
                {
                    return s.Fail(ExitCodes.NotFound, $"--scope：{person} 不是 {s.Organization.Name} 的成员。", $"--scope: {person} is not a member of {s.Organization.Name}.");
                }

                // A member on no post and owning no task: their report is simply empty.
                report = report with { People = [.. report.People, new PersonReport(new ReportPerson(person, personName, 0), [], new ReportSection([], [], [], [], [], []))] };
            }

            var view = WeeklyReportView.Of(report, reportScope, s.Language, result.Organization, includeCapacity: true);
            try
            {
                if (chosen == "pdf")
                {
                    await File.WriteAllBytesAsync(path!, WeeklyReportPdf.Render(view, s.Language), s.Ct).ConfigureAwait(false);
                }
                else if (path is not null)
                {
                    await File.WriteAllTextAsync(path, WeeklyReportMarkdown.Render(view, s.Language), s.Ct).ConfigureAwait(false);
                }
                else
                {
                    await s.WriteAsync(WeeklyReportMarkdown.Render(view, s.Language)).ConfigureAwait(false);
                    return ExitCodes.Ok;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return s.Fail(ExitCodes.InvalidInput, $"--output：无法写入 {path}：{ex.Message}", $"--output: cannot write {path}: {ex.Message}");
            }

            s.Say($"已写入 {path}", $"Written to {path}");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    /// <summary>Finds the database and the organisation, then runs <paramref name="work"/>; database failures become one clear line.</summary>
    private static async Task<int> RunAsync(IAnsiConsole console, Func<string, string?> environment, CommonOptions common, ParseResult parse, Func<Session, Task<int>> work, CancellationToken ct)
    {
        var language = CliApp.LanguageOf(parse, common.Selection.Lang);
        if (common.Selection.Resolve(console, parse, language, environment) is not { } selection)
        {
            return ExitCodes.InvalidInput;
        }

        if (selection.SqliteFile is { } file && !File.Exists(file))
        {
            Inputs.Problem(console, language, new($"找不到 SQLite 数据库：{file}（可用 --data 或 --connection 指定）。", $"No SQLite database at {file} (name one with --data or --connection)."));
            return ExitCodes.InvalidInput;
        }

        try
        {
            await using var db = selection.Target.CreateContext();
            var all = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Name }).ToListAsync(ct).ConfigureAwait(false);
            var (chosen, problem, exitCode) = OrganizationChoice.Pick(all.Select(o => (o.Id, o.Name)), parse.GetValue(common.Org)!);
            if (chosen is not { } organizationId)
            {
                Inputs.Problem(console, language, problem!);
                return exitCode;
            }

            var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == organizationId, ct).ConfigureAwait(false);
            db.OrganizationId = organization.Id;
            return await work(new Session(console, language, db, organization, ct)).ConfigureAwait(false);
        }
        catch (Exception ex) when (DbCommands.Explain(selection, ex, ct) is { } failure)
        {
            return DbCommands.Report(console, language, failure);
        }
    }

    private static DateOnly? ParseDay(Session s, string option, string text)
    {
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        s.Fail(ExitCodes.InvalidInput, $"{option}：\"{text}\" 不是日期；请写成 YYYY-MM-DD。", $"{option}: \"{text}\" is not a date; write YYYY-MM-DD.");
        return null;
    }

    private static int UnknownPost(Session s, string option, string post, IEnumerable<string> known)
    {
        var list = string.Join(", ", known);
        return s.Fail(ExitCodes.InvalidInput, $"{option}：未知岗位 \"{post}\"；可用：{list}", $"{option}: unknown post \"{post}\"; known: {list}");
    }

    private static int NoPlan(Session s) =>
        s.Fail(ExitCodes.NoPlan, $"{s.Organization.Name} 还没有已确认的方案版本；请先在 Web 应用中确认方案。", $"{s.Organization.Name} has no accepted plan yet; accept a plan version in the web app first.");

    /// <summary>The exit code for a change that did not save (after saying why); null when it saved.</summary>
    private static int? Outcome(Session s, TaskResult result, Guid id) => result.Outcome switch
    {
        TaskOutcome.Saved => null,
        TaskOutcome.NotFound => s.Fail(ExitCodes.NotFound, $"{s.Organization.Name} 中没有任务 {id}。", $"No task {id} in {s.Organization.Name}."),
        TaskOutcome.Forbidden => s.Fail(ExitCodes.Forbidden, "该成员的角色或岗位不允许这样做。", "That member's role or posts do not allow it."),
        TaskOutcome.Conflict => s.Fail(ExitCodes.Conflict, "任务刚被其他人修改，请重试。", "Someone changed the task at the same moment; try again."),
        TaskOutcome.Invalid => s.Fail(ExitCodes.InvalidInput, "日期须在 2000 至 2199 年之间，且截止不早于开始。", "Dates must be in the years 2000 to 2199, and the due date not before the start."),
        _ => s.Fail(ExitCodes.InvalidInput, "无法保存。", "Could not save."),
    };
}
