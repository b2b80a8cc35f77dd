using System.CommandLine;
using System.Globalization;
using Formation.Application.Data;
using Formation.Application.Features.Data;
using Formation.Application.Features.Planning;
using Formation.Cli.Db;
using Formation.Domain.DataImport;
using Formation.Domain.Metrics;
using Formation.Domain.Playbooks;
using Formation.Domain.Text;
using Spectre.Console;

namespace Formation.Cli.Data;

/// <summary>
/// <c>formation import FILE --mapping NAME --org ORG</c>: brings an export's daily metrics in, all or nothing, with a
/// progress bar (plain "NN %" lines when the output is not a terminal). Every rejected value is printed with its line
/// and column and nothing is written; <c>--dry-run</c> only checks. Also <c>formation org create</c>, for scripts.
/// </summary>
internal static class ImportCommands
{
    public static Command Import(IAnsiConsole console, Func<string, string?> environment)
    {
        var selection = new DbCommands.SelectionOptions();
        var file = new Argument<string>("FILE") { Description = "The export: .csv, .tsv, .txt or .xlsx." };
        var mapping = new Option<string>("--mapping") { Description = "The column mapping: a saved one's name or a shipped one (formation-standard, …).", Required = true, HelpName = "NAME" };
        var org = new Option<string>("--org") { Description = "The organisation: its id or its name.", Required = true, HelpName = "ID|NAME" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the file and show what would change; write nothing." };
        var command = new Command("import", "Import daily marketing metrics from an export, all or nothing. / 导入营销数据（全部成功或全部不写入）。") { file, mapping, org, dryRun };
        selection.AddTo(command);
        command.SetAction((parse, ct) => Task.FromResult(Run(console, environment, selection, parse, parse.GetValue(file)!, parse.GetValue(mapping)!, parse.GetValue(org)!, parse.GetValue(dryRun), ct)));
        return command;
    }

    public static Command Org(IAnsiConsole console, Func<string, string?> environment)
    {
        var selection = new DbCommands.SelectionOptions();
        var name = new Option<string>("--name") { Description = "The organisation's name.", Required = true, HelpName = "NAME" };
        var currency = new Option<string>("--currency") { Description = "ISO 4217 code of its money, e.g. CNY.", DefaultValueFactory = _ => "CNY", HelpName = "CODE" };
        var timeZone = new Option<string?>("--time-zone")
        {
            Description = "IANA time zone whose calendar day is the organisation's today, e.g. Asia/Shanghai (default: by currency). / 时区。",
            HelpName = "ZONE",
        };
        var create = new Command("create", "Create an organisation with no members yet and print its id. / 创建组织并输出其 id。") { name, currency, timeZone };
        selection.AddTo(create);
        create.SetAction((parse, ct) =>
        {
            var language = CliApp.LanguageOf(parse, selection.Lang);
            if (selection.Resolve(console, parse, language, environment) is not { } db)
            {
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            var code = parse.GetValue(currency)!.Trim().ToUpperInvariant();
            if (code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
            {
                Inputs.Problem(console, language, new($"--currency：\"{code}\" 不是三个字母的币种代码。", $"--currency: \"{code}\" is not a three-letter currency code."));
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            var given = parse.GetValue(timeZone)?.Trim();
            if (given is { Length: > 0 } && TimeZones.Canonical(given) is null)
            {
                Inputs.Problem(console, language, new($"--time-zone：未知时区“{given}”；请填写 IANA 时区名，如 Asia/Shanghai。", $"--time-zone: unknown zone \"{given}\"; give an IANA zone name such as Asia/Shanghai."));
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            return Task.FromResult(Guard(console, language, db, () =>
            {
                using var context = db.Target.CreateContext();
                var organization = new Organization
                {
                    Id = Guid.NewGuid(),
                    Name = parse.GetValue(name)!.Trim(),
                    Currency = code,
                    TimeZone = TimeZones.ForNew(given, code),
                    CreatedAt = DateTime.UtcNow,
                };
                context.Organizations.Add(organization);
                context.SaveChanges();
                console.WriteLine(organization.Id.ToString());
                return ExitCodes.Ok;
            }, ct));
        });
        return new Command("org", "Organisations. / 组织。") { create };
    }

    private static int Run(IAnsiConsole console, Func<string, string?> environment, DbCommands.SelectionOptions selection, ParseResult parse,
        string path, string mappingName, string orgText, bool dryRun, CancellationToken ct)
    {
        var language = CliApp.LanguageOf(parse, selection.Lang);
        void Say(string zh, string en) => console.MarkupLine(Markup.Escape(language == Language.Zh ? zh : en));
        if (selection.Resolve(console, parse, language, environment) is not { } db)
        {
            return ExitCodes.InvalidInput;
        }

        if (!File.Exists(path))
        {
            Inputs.Problem(console, language, new($"找不到文件：{path}", $"File not found: {path}"));
            return ExitCodes.InvalidInput;
        }

        if (db.SqliteFile is { } sqliteFile && !File.Exists(sqliteFile))
        {
            Inputs.Problem(console, language, new($"找不到 SQLite 数据库：{sqliteFile}（可用 --data 或 --connection 指定）。", $"No SQLite database at {sqliteFile} (name one with --data or --connection)."));
            return ExitCodes.InvalidInput;
        }

        // Until the first rows arrive the database server has nothing to do, and the second core is free: parse the
        // shipped mappings and compile the reading code there while this thread connects.
        _ = Task.Run(MetricRowReader.WarmUp, CancellationToken.None);
        return Guard(console, language, db, () =>
        {
            var (organizationId, exit) = FindOrganization(console, language, db.Target, orgText.Trim());
            if (organizationId is not { } orgId)
            {
                return exit;
            }

            var (mapping, mappingProblem) = MappingCatalog.Find(db.Target, orgId, mappingName);
            if (mapping is null)
            {
                Inputs.Problem(console, language, mappingProblem!);
                return ExitCodes.NotFound;
            }

            using var stream = File.OpenRead(path);
            var opened = TableSources.Open(path, stream, mapping);
            if (opened.Source is not { } table)
            {
                Inputs.Problem(console, language, new($"{path}：{opened.Problem!.Zh}", $"{path}: {opened.Problem!.En}"));
                return ExitCodes.InvalidInput;
            }

            using var source = table;
            var request = new ImportRequest(orgId, null, Path.GetFileName(path), mapping);
            var importer = new MetricImporter(db.Target, TimeProvider.System);
            var result = WithProgress(console, language, dryRun ? "检查" : "导入", dryRun ? "Checking" : "Importing",
                progress => dryRun ? importer.Preview(source, request, progress, ct) : importer.Commit(source, request, progress, ct));
            var reported = Report(console, language, result, dryRun, Say);
            if (result.Committed)
            {
                ReportGoals(db.Target, orgId, Say, ct);
            }

            return reported;
        }, ct);
    }

    /// <summary>Measures the accepted plan's goals against the new figures, as the web app does after an import, and says where each stands.</summary>
    private static void ReportGoals(DatabaseTarget target, Guid organizationId, Action<string, string> say, CancellationToken ct)
    {
        if (!HasPlan(target, organizationId))
        {
            return; // no strategy, no goals: spare a one-off command the start-up of the whole data model (about a second)
        }

        using var context = target.CreateContext();
        context.OrganizationId = organizationId;
        using var cache = new BlueprintCache();
        var plans = new Plans(context, PlaybookLibrary.Shipped, TimeProvider.System, cache, new NoPlanChanges());
        var board = new GoalEvaluation(context, plans, new MetricQueries(context), TimeProvider.System).EvaluateAsync(record: true, ct).GetAwaiter().GetResult();
        if (board is null)
        {
            return;
        }

        foreach (var goal in board.Goals)
        {
            var (zh, en) = goal.Progress.Status switch
            {
                GoalStatus.OnTrack => ("正常", "on track"),
                GoalStatus.AtRisk => ("有风险", "at risk"),
                GoalStatus.OffTrack => ("偏离", "off track"),
                GoalStatus.Achieved => ("已达成", "achieved"),
                GoalStatus.Missed => ("未达成", "missed"),
                _ => ("无数据", "no data"),
            };
            say($"目标 {goal.KpiName.Zh}：{zh}。{goal.Progress.Explanation.Zh}", $"Goal {goal.KpiName.En}: {en}. {goal.Progress.Explanation.En}");
        }

        if (board.TasksOpened > 0)
        {
            say($"{board.TasksOpened} 个目标偏离，已为负责岗位各新建一项纠正任务。", $"{board.TasksOpened} goal(s) went off track: a corrective task was opened for the owning post of each.");
        }
    }

    private static bool HasPlan(DatabaseTarget target, Guid organizationId)
    {
        using var connection = target.CreateConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM plan_versions WHERE organization_id = @o LIMIT 1";
        command.AddParameter("o", target.Provider.Id(organizationId));
        return command.ExecuteScalar() is not null;
    }

    private static ImportResult WithProgress(IAnsiConsole console, Language language, string zh, string en, Func<IProgress<double>, ImportResult> work)
    {
        var label = language == Language.Zh ? zh : en;
        if (!console.Profile.Capabilities.Interactive)
        {
            var lines = new LineProgress(console, label);
            return work(lines);
        }

        ImportResult? result = null;
        console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(label, maxValue: 1);
                result = work(new Progress<double>(v => task.Value = v));
                task.Value = 1;
            });
        return result!;
    }

    /// <summary>Progress for logs and pipes: a line at every tenth.</summary>
    private sealed class LineProgress(IAnsiConsole console, string label) : IProgress<double>
    {
        private int _printed = -1;

        public void Report(double value)
        {
            var tenth = (int)Math.Floor(value * 10);
            if (tenth > _printed && tenth < 10)
            {
                _printed = tenth;
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label} {tenth * 10}%"));
            }
        }
    }

    private static int Report(IAnsiConsole console, Language language, ImportResult result, bool dryRun, Action<string, string> say)
    {
        if (result.ProblemCount > 0)
        {
            say($"未写入任何数据：{result.ProblemCount} 个值被拒绝（{result.Rejected} 行）。", $"Nothing was written: {result.ProblemCount} value(s) rejected ({result.Rejected} row(s)).");
            foreach (var p in result.Problems.Take(200))
            {
                var where = p.Line == 0 ? "" : language == Language.Zh ? $"第 {p.Line} 行，列“{p.Column}”：" : $"line {p.Line}, column \"{p.Column}\": ";
                var value = string.IsNullOrEmpty(p.Value) ? "" : $" [{p.Value}]";
                console.MarkupLine($"[red]{Markup.Escape(where + p.Reason.Get(language) + value)}[/]");
            }

            if (result.ProblemCount > 200)
            {
                say($"……另有 {result.ProblemCount - 200} 个。", $"…and {result.ProblemCount - 200} more.");
            }

            return ExitCodes.InvalidInput;
        }

        var range = result.FirstDay is { } f && result.LastDay is { } l ? $"{f:yyyy-MM-dd}–{l:yyyy-MM-dd}" : "";
        var skipped = $"{result.Blank} / {result.Summary} / {result.Duplicates}";
        if (dryRun)
        {
            say($"可以导入：{result.Accepted} 行，{range}；新渠道 {result.NewChannels.Count} 个，新活动 {result.NewCampaigns.Count} 个；跳过空行/汇总行/重复行 {skipped}。",
                $"Ready to import: {result.Accepted} rows, {range}; {result.NewChannels.Count} new channel(s), {result.NewCampaigns.Count} new campaign(s); skipped blank/summary/duplicate rows {skipped}.");
        }
        else
        {
            say($"已导入（第 {result.ImportId} 次导入）：写入 {result.Written} 行（替换 {result.Replaced} 行，移除 {result.Removed} 行），{range}；跳过空行/汇总行/重复行 {skipped}。",
                $"Imported (import #{result.ImportId}): {result.Written} rows written ({result.Replaced} replaced, {result.Removed} removed), {range}; skipped blank/summary/duplicate rows {skipped}.");
        }

        return ExitCodes.Ok;
    }

    private static (Guid? Id, int ExitCode) FindOrganization(IAnsiConsole console, Language language, DatabaseTarget target, string wanted)
    {
        using var connection = target.CreateConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name FROM organizations";
        var all = new List<(Guid Id, string Name)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                all.Add((reader.GetValue(0) is Guid id ? id : Guid.Parse(reader.GetString(0)), reader.GetString(1)));
            }
        }

        var (chosen, problem, exitCode) = OrganizationChoice.Pick(all, wanted);
        if (problem is not null)
        {
            Inputs.Problem(console, language, problem);
        }

        return (chosen, exitCode);
    }

    private static int Guard(IAnsiConsole console, Language language, DatabaseSelection db, Func<int> work, CancellationToken ct)
    {
        try
        {
            return work();
        }
        catch (ImportException ex)
        {
            Inputs.Problem(console, language, ex.Problem);
            return ExitCodes.NotFound;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && DbCommands.Explain(db, ex, ct) is { } failure)
        {
            return DbCommands.Report(console, language, failure);
        }
    }
}
