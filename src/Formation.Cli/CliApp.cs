using System.CommandLine;
using System.Globalization;
using Formation.Application.Data;
using Formation.Cli.Data;
using Formation.Cli.Db;
using Formation.Cli.Rendering;
using Formation.Cli.Work;
using Formation.Domain.Reporting;
using Formation.Domain.Staffing;
using Formation.Domain.Text;
using Spectre.Console;

namespace Formation.Cli;

/// <summary>The <c>formation</c> command. <see cref="RunAsync(IAnsiConsole, string[], CancellationToken)"/> takes its console so tests drive it directly.</summary>
public static class CliApp
{
    /// <summary>Parses <paramref name="args"/>, runs the command and returns its exit code (see <see cref="ExitCodes"/>).</summary>
    public static Task<int> RunAsync(IAnsiConsole console, string[] args, CancellationToken cancellationToken) =>
        RunAsync(console, args, Environment.GetEnvironmentVariable, cancellationToken);

    /// <summary>As <see cref="RunAsync(IAnsiConsole, string[], CancellationToken)"/>, reading environment variables from <paramref name="environment"/>.</summary>
    internal static async Task<int> RunAsync(IAnsiConsole console, string[] args, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var root = BuildRoot(console, environment);
        var parse = root.Parse(args);
        var writer = console.Profile.Out.Writer;
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                console.MarkupLine($"[red]{Markup.Escape(error.Message)}[/]");
            }

            console.MarkupLine(Markup.Escape("Run 'formation --help' for usage. / 运行 'formation --help' 查看用法。"));
            return ExitCodes.InvalidInput;
        }

        try
        {
            var configuration = new InvocationConfiguration { Output = writer, Error = writer, EnableDefaultExceptionHandler = false };
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            console.MarkupLine("[yellow]Cancelled. / 已取消。[/]");
            return ExitCodes.Cancelled;
        }
#pragma warning disable CA1031 // the last line of defence: a user sees a message, never a stack trace
        catch (Exception ex)
#pragma warning restore CA1031
        {
            console.MarkupLine($"[red]{Markup.Escape($"Internal error / 内部错误: {ex.Message}")}[/]");
            return ExitCodes.InternalError;
        }
        finally
        {
            // The command's pooled PostgreSQL connections end with it, not when the process does (a database may be
            // dropped or restored right after).
            Npgsql.NpgsqlConnection.ClearAllPools();
            DatabaseTarget.CloseConnections();
        }
    }

    private static RootCommand BuildRoot(IAnsiConsole console, Func<string, string?> environment)
    {
        var root = new RootCommand("Formation: plan, staff and check an enterprise's network marketing department. / 规划网络营销部门。");
        root.Subcommands.Add(PlanCommand(console));
        root.Subcommands.Add(CheckCommand(console));
        root.Subcommands.Add(StaffingCommand(console));
        root.Subcommands.Add(PlaybooksCommand(console));
        root.Subcommands.Add(DbCommands.Create(console, environment));
        root.Subcommands.Add(WorkCommands.Tasks(console, environment));
        root.Subcommands.Add(WorkCommands.Report(console, environment));
        root.Subcommands.Add(ImportCommands.Import(console, environment));
        root.Subcommands.Add(ImportCommands.Org(console, environment));
        return root;
    }

    internal static Option<string> LangOption() =>
        new Option<string>("--lang") { Description = "Language of the output: zh or en (default: the system's).", HelpName = "zh|en" }
            .AcceptOnlyFromAmong("zh", "en");

    private static Option<string> PlaybooksOption() =>
        new("--playbooks") { Description = "A folder of playbooks that add to or override the shipped ones.", HelpName = "DIR" };

    internal static Language LanguageOf(ParseResult parse, Option<string> option) =>
        Languages.TryParse(parse.GetValue(option), out var language) ? language : Languages.FromCulture(CultureInfo.CurrentUICulture);

    private static Command PlanCommand(IAnsiConsole console)
    {
        var profile = new Argument<string>("PROFILE") { Description = "The enterprise profile (YAML)." };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "table", HelpName = "table|json|markdown" }
            .AcceptOnlyFromAmong("table", "json", "markdown");
        var output = new Option<string>("--out") { Description = "Write the plan to this file instead of the terminal.", HelpName = "FILE" };
        var lang = LangOption();
        var playbooks = PlaybooksOption();
        var command = new Command("plan", "Derive the department blueprint from a profile. / 由企业档案生成部门蓝图。") { profile, format, output, lang, playbooks };
        command.SetAction(async (parse, ct) =>
        {
            var language = LanguageOf(parse, lang);
            if (Inputs.Plan(console, parse.GetValue(profile)!, parse.GetValue(playbooks), language) is not { } blueprint)
            {
                return ExitCodes.InvalidInput;
            }

            var chosen = parse.GetValue(format)!;
            var path = parse.GetValue(output);
            if (chosen == "table" && path is null)
            {
                BlueprintTable.Render(console, blueprint, language);
                return ExitCodes.Ok;
            }

            var text = chosen switch
            {
                "json" => BlueprintJson.Serialize(blueprint, language),
                "markdown" => BlueprintMarkdown.Render(blueprint, language),
                _ => BlueprintTable.RenderPlainText(blueprint, language),
            };
            if (path is null)
            {
                await console.Profile.Out.Writer.WriteLineAsync(text.AsMemory(), ct).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            try
            {
                await File.WriteAllTextAsync(path, text, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Inputs.Problem(console, language, new($"无法写入 {path}：{ex.Message}", $"Cannot write {path}: {ex.Message}"));
                return ExitCodes.InvalidInput;
            }

            console.MarkupLine(Markup.Escape(language == Language.Zh ? $"已写入 {path}" : $"Written to {path}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CheckCommand(IAnsiConsole console)
    {
        var profile = new Argument<string>("PROFILE") { Description = "The enterprise profile (YAML)." };
        var lang = LangOption();
        var playbooks = PlaybooksOption();
        var command = new Command("check", "Check a profile: exit 0 when clean, 1 on an error finding, 2 when invalid. / 检查企业档案。") { profile, lang, playbooks };
        command.SetAction(parse =>
        {
            var language = LanguageOf(parse, lang);
            if (Inputs.Plan(console, parse.GetValue(profile)!, parse.GetValue(playbooks), language) is not { } blueprint)
            {
                return ExitCodes.InvalidInput;
            }

            BlueprintTable.RenderFindings(console, blueprint, language);
            return blueprint.HasErrors ? ExitCodes.Findings : ExitCodes.Ok;
        });
        return command;
    }

    private static Command StaffingCommand(IAnsiConsole console)
    {
        var contacts = new Option<double>("--contacts") { Description = "Contacts arriving in the interval.", Required = true, HelpName = "N" };
        var interval = new Option<double>("--interval-minutes") { Description = "Interval length in minutes.", DefaultValueFactory = _ => 60, HelpName = "M" };
        var aht = new Option<double>("--aht-seconds") { Description = "Average handle time in seconds.", Required = true, HelpName = "S" };
        var target = new Option<double>("--target-seconds") { Description = "Answer-time threshold of the service level.", Required = true, HelpName = "T" };
        var level = new Option<double>("--service-level") { Description = "Share to answer within the threshold, e.g. 0.8.", Required = true, HelpName = "P" };
        var shrinkage = new Option<double>("--shrinkage") { Description = "Share of paid time not on contacts (0–1).", HelpName = "X" };
        var occupancy = new Option<double?>("--max-occupancy") { Description = "Cap on occupancy (0–1).", HelpName = "O" };
        var concurrency = new Option<int>("--concurrency") { Description = "Chats handled at once (1–5).", DefaultValueFactory = _ => 1, HelpName = "C" };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "table", HelpName = "table|json" }
            .AcceptOnlyFromAmong("table", "json");
        var lang = LangOption();
        var erlang = new Command("erlang-c", "Agents needed for a service level, by Erlang C. / 按 Erlang C 计算客服人数。")
        {
            contacts, interval, aht, target, level, shrinkage, occupancy, concurrency, format, lang,
        };
        erlang.SetAction(async (parse, ct) =>
        {
            var language = LanguageOf(parse, lang);
            var request = new ErlangCRequest(
                parse.GetValue(contacts), parse.GetValue(interval) * 60, parse.GetValue(aht), parse.GetValue(target),
                parse.GetValue(level), parse.GetValue(shrinkage), parse.GetValue(occupancy), parse.GetValue(concurrency));
            var problems = ErlangInputProblems(request).ToList();
            if (problems.Count > 0)
            {
                problems.ForEach(p => Inputs.Problem(console, language, p));
                return ExitCodes.InvalidInput;
            }

            var result = ErlangC.Solve(request);

            if (parse.GetValue(format) == "json")
            {
                await console.Profile.Out.Writer.WriteLineAsync(BlueprintJson.Serialize(result).AsMemory(), ct).ConfigureAwait(false);
            }
            else
            {
                BlueprintTable.RenderErlang(console, result, language);
            }

            return ExitCodes.Ok;
        });
        return new Command("staffing", "Staffing calculators. / 人员测算工具。") { erlang };
    }

    /// <summary>Every out-of-range option, named as the user typed it, in both languages.</summary>
    private static IEnumerable<LocalizedText> ErlangInputProblems(ErlangCRequest r)
    {
        static LocalizedText Bad(string option, string zh, string en) => new($"输入无效：{option} {zh}", $"Invalid input: {option} {en}");

        if (!(r.Contacts >= 0 && double.IsFinite(r.Contacts)))
        {
            yield return Bad("--contacts", "不能为负数。", "must not be negative.");
        }

        if (!(r.IntervalSeconds > 0 && double.IsFinite(r.IntervalSeconds)))
        {
            yield return Bad("--interval-minutes", "应大于 0。", "must be above 0.");
        }

        if (!(r.AverageHandleSeconds > 0 && double.IsFinite(r.AverageHandleSeconds)))
        {
            yield return Bad("--aht-seconds", "应大于 0。", "must be above 0.");
        }

        if (!(r.TargetAnswerSeconds >= 0 && double.IsFinite(r.TargetAnswerSeconds)))
        {
            yield return Bad("--target-seconds", "不能为负数。", "must not be negative.");
        }

        if (!(r.ServiceLevelTarget > 0 && r.ServiceLevelTarget < 1))
        {
            yield return Bad("--service-level", "应在 0 与 1 之间，例如 0.8 表示 80%。", "must be between 0 and 1, e.g. 0.8 for 80 %.");
        }

        if (!(r.Shrinkage >= 0 && r.Shrinkage < 1))
        {
            yield return Bad("--shrinkage", "应不小于 0 且小于 1。", "must be at least 0 and below 1.");
        }

        if (r.MaxOccupancy is { } cap && !(cap > 0 && cap <= 1))
        {
            yield return Bad("--max-occupancy", "应大于 0 且不超过 1。", "must be above 0 and at most 1.");
        }

        if (r.ConcurrentChats is < 1 or > 5)
        {
            yield return Bad("--concurrency", "应为 1 到 5。", "must be 1 to 5.");
        }

        if (r.Contacts > 0 && r.AverageHandleSeconds > 0 && r.IntervalSeconds > 0 && r.ConcurrentChats is >= 1 and <= 5 &&
            ErlangC.Traffic(r.Contacts, r.IntervalSeconds, r.AverageHandleSeconds / ErlangC.ConcurrencyFactor(r.ConcurrentChats)) > 1_000_000)
        {
            yield return Bad("--contacts", "对应的负荷超过 1,000,000 爱尔兰。", "gives a load over 1,000,000 erlangs.");
        }
    }

    private static Command PlaybooksCommand(IAnsiConsole console)
    {
        var lang = LangOption();
        var playbooks = PlaybooksOption();
        var list = new Command("list", "List the playbooks. / 列出营销模式。") { lang, playbooks };
        list.SetAction(parse =>
        {
            var language = LanguageOf(parse, lang);
            var library = Inputs.Library(console, parse.GetValue(playbooks), language);
            if (library is null)
            {
                return ExitCodes.InvalidInput;
            }

            BlueprintTable.RenderPlaybooks(console, library, language);
            return ExitCodes.Ok;
        });

        var id = new Argument<string>("ID") { Description = "Playbook id, e.g. search." };
        var showLang = LangOption();
        var showPlaybooks = PlaybooksOption();
        var show = new Command("show", "Show a playbook's activities. / 查看营销模式的活动。") { id, showLang, showPlaybooks };
        show.SetAction(parse =>
        {
            var language = LanguageOf(parse, showLang);
            var library = Inputs.Library(console, parse.GetValue(showPlaybooks), language);
            if (library is null)
            {
                return ExitCodes.InvalidInput;
            }

            var wanted = parse.GetValue(id)!;
            if (!library.Playbooks.TryGetValue(wanted, out var playbook))
            {
                var known = string.Join(", ", library.Playbooks.Keys);
                Inputs.Problem(console, language, new($"未知的营销模式 \"{wanted}\"；可用：{known}", $"Unknown playbook \"{wanted}\"; known: {known}"));
                return ExitCodes.InvalidInput;
            }

            BlueprintTable.RenderPlaybook(console, playbook, library, language);
            return ExitCodes.Ok;
        });
        return new Command("playbooks", "Marketing-model playbooks. / 营销模式。") { list, show };
    }
}
