using System.Globalization;
using Formation.Domain.Planning;
using Formation.Domain.Playbooks;
using Formation.Domain.Staffing;
using Formation.Domain.Text;
using Spectre.Console;

namespace Formation.Cli.Rendering;

/// <summary>Terminal tables for the blueprint, findings, Erlang C and playbooks.</summary>
internal static class BlueprintTable
{
    public static void Render(IAnsiConsole console, Blueprint blueprint, Language language)
    {
        var zh = language == Language.Zh;
        string L(string zhText, string enText) => zh ? zhText : enText;
        string T(LocalizedText t) => Markup.Escape(t.Get(language));
        string Money(decimal amount) => string.Create(CultureInfo.InvariantCulture, $"{blueprint.Currency} {amount:#,0}");
        string Num(decimal n) => n.ToString("0.#", CultureInfo.InvariantCulture);

        console.Write(new Rule($"[bold]{Markup.Escape(blueprint.EnterpriseName)}[/] · {L("网络营销部门蓝图", "network marketing department blueprint")}").LeftJustified());
        var summary = new Grid().AddColumn().AddColumn();
        summary.AddRow(L("营销模式", "Models"), Markup.Escape(string.Join(zh ? "、" : ", ", blueprint.Models.Select(m => blueprint.NameOf(m).Get(language)))));
        summary.AddRow(L("编制合计", "Head count"), $"[bold]{Num(blueprint.Headcount.Total)}[/]");
        summary.AddRow(L("年度成本", "Annual cost"), $"{Money(blueprint.Cost.TotalAnnual)}{(blueprint.Cost.Budget is { } b ? $" / {L("预算", "budget")} {Money(b)}" : "")}");
        console.Write(summary);
        console.WriteLine();

        var tree = new Tree(L("老板", "Owner"));
        void Grow(IHasTreeNodes node, string parent)
        {
            foreach (var post in blueprint.Posts.Where(p => p.ReportsTo == parent))
            {
                Grow(node.AddNode($"{T(post.Title)} [grey]×{Num(post.Headcount)}[/]"), post.Id);
            }
        }

        Grow(tree, BlueprintEngine.Owner);
        console.Write(tree);
        console.WriteLine();

        var posts = new Table().Title(L("岗位", "Posts")).Border(TableBorder.Rounded);
        posts.AddColumn(L("岗位", "Post"));
        posts.AddColumn(L("职能", "Function"));
        posts.AddColumn(new TableColumn(L("人数", "Head count")).RightAligned());
        posts.AddColumn(new TableColumn("FTE").RightAligned());
        posts.AddColumn(L("汇报对象", "Reports to"));
        posts.AddColumn(L("阶段", "Phases"));
        foreach (var p in blueprint.Posts)
        {
            posts.AddRow(
                $"{T(p.Title)}\n[grey]{p.Id}[/]",
                T(p.Function.DisplayName()),
                Num(p.Headcount),
                p.WorkloadFte.ToString("0.##", CultureInfo.InvariantCulture),
                T(PostCatalog.TitleOf(p.ReportsTo)),
                string.Join(", ", p.Phases.Select(ph => T(ph.DisplayName()))));
        }

        console.Write(posts);

        if (blueprint.Consulting is { } c)
        {
            var consulting = new Table().Title(L("在线咨询（Erlang C，高峰小时）", "Consulting (Erlang C, peak hour)")).Border(TableBorder.Rounded);
            consulting.AddColumn(L("高峰咨询/小时", "Peak inquiries/h")).AddColumn(L("话务量", "Erlangs")).AddColumn(L("在线人数", "Agents"))
                .AddColumn(L("服务水平", "Service level")).AddColumn("ASA (s)").AddColumn(L("等待概率", "P(wait)")).AddColumn(L("占用率", "Occupancy")).AddColumn(L("客服编制", "Consultants"));
            consulting.AddRow(
                c.PeakContactsPerHour.ToString("0.#", CultureInfo.InvariantCulture), c.Peak.TrafficErlangs.ToString("0.###", CultureInfo.InvariantCulture),
                c.Peak.Agents.ToString(CultureInfo.InvariantCulture), Pct(c.Peak.ServiceLevel), c.Peak.AsaSeconds.ToString("0.##", CultureInfo.InvariantCulture),
                Pct(c.Peak.ProbabilityOfWait), Pct(c.Peak.Occupancy), Num(c.Positions));
            console.Write(consulting);
        }

        var cost = new Table().Title(L("成本与外包比较", "Cost and make-or-buy")).Border(TableBorder.Rounded);
        cost.AddColumn(L("职能", "Function")).AddColumn(new TableColumn(L("内部年成本", "In-house / year")).RightAligned())
            .AddColumn(new TableColumn(L("外包报价", "Quote")).RightAligned()).AddColumn(new TableColumn(L("节省", "Saving")).RightAligned()).AddColumn(L("建议", "Recommendation"));
        foreach (var (function, amount) in blueprint.Cost.ByFunction)
        {
            var m = blueprint.MakeOrBuy.FirstOrDefault(x => x.Function == function);
            cost.AddRow(T(function.DisplayName()), Money(amount), m is null ? "" : Money(m.OutsourceAnnual), m is null ? "" : Money(m.Saving), m is null ? "" : Recommendation(m, zh));
        }

        // An outsourced function costs its contract; what it would cost in-house is the comparison, shown grey.
        foreach (var m in blueprint.MakeOrBuy.Where(m => !blueprint.Cost.ByFunction.ContainsKey(m.Function)))
        {
            cost.AddRow(T(m.Function.DisplayName()), $"[grey]({Money(m.InHouseAnnual)})[/]", Money(m.OutsourceAnnual), Money(m.Saving), Recommendation(m, zh));
        }

        cost.AddRow($"[bold]{L("合计", "Total")}[/]", $"[bold]{Money(blueprint.Cost.InHouseAnnual)}[/]", $"[bold]{Money(blueprint.Cost.OutsourcingAnnual)}[/]", "", $"[bold]{Money(blueprint.Cost.TotalAnnual)}[/]");
        console.Write(cost);

        RenderFindings(console, blueprint, language);

        var roadmap = new Table().Title(L("从 0 到 1 路线图", "Zero-to-one roadmap")).Border(TableBorder.Rounded);
        roadmap.AddColumn("#").AddColumn(L("阶段", "Stage")).AddColumn(L("通过标准", "Gate")).AddColumn(L("到岗", "Hires"));
        foreach (var s in blueprint.Roadmap)
        {
            roadmap.AddRow(s.Stage.ToString(CultureInfo.InvariantCulture), T(s.Name), T(s.Gate), Markup.Escape(string.Join(", ", s.Hires.Select(h => $"{PostCatalog.TitleOf(h.Post).Get(language)} ×{Num(h.Headcount)}"))));
        }

        console.Write(roadmap);
    }

    public static string RenderPlainText(Blueprint blueprint, Language language)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 160;
        Render(console, blueprint, language);
        return writer.ToString();
    }

    public static void RenderFindings(IAnsiConsole console, Blueprint blueprint, Language language)
    {
        var zh = language == Language.Zh;
        if (blueprint.Findings.Count == 0)
        {
            console.MarkupLine($"[green]✓[/] {(zh ? "一致性检查没有发现问题。" : "The consistency check found nothing.")}");
            return;
        }

        var table = new Table().Title(zh ? "检查结果" : "Findings").Border(TableBorder.Rounded);
        table.AddColumn(zh ? "级别" : "Severity").AddColumn(zh ? "规则" : "Rule").AddColumn(zh ? "说明" : "Explanation");
        foreach (var f in blueprint.Findings)
        {
            var severity = f.Severity switch
            {
                Severity.Error => $"[red]{(zh ? "错误" : "error")}[/]",
                Severity.Warning => $"[yellow]{(zh ? "警告" : "warning")}[/]",
                _ => $"[blue]{(zh ? "提示" : "info")}[/]",
            };
            table.AddRow(severity, f.Rule, Markup.Escape(f.Message.Get(language)));
        }

        console.Write(table);
        var errors = blueprint.Findings.Count(f => f.Severity == Severity.Error);
        var warnings = blueprint.Findings.Count(f => f.Severity == Severity.Warning);
        console.MarkupLine(zh ? $"{errors} 个错误，{warnings} 个警告。" : $"{errors} error(s), {warnings} warning(s).");
    }

    public static void RenderErlang(IAnsiConsole console, ErlangCResult r, Language language)
    {
        var zh = language == Language.Zh;
        var table = new Table().Title("Erlang C").Border(TableBorder.Rounded);
        table.AddColumn(zh ? "指标" : "Measure").AddColumn(new TableColumn(zh ? "数值" : "Value").RightAligned());
        table.AddRow(zh ? "话务量（爱尔兰）" : "Traffic (erlangs)", r.TrafficErlangs.ToString("0.###", CultureInfo.InvariantCulture));
        table.AddRow(zh ? "有效处理时长（秒）" : "Effective handle time (s)", r.EffectiveHandleSeconds.ToString("0.##", CultureInfo.InvariantCulture));
        table.AddRow(zh ? "在线人数" : "Agents", $"[bold]{r.Agents}[/]");
        table.AddRow(zh ? "排班人数（含损耗）" : "Positions (after shrinkage)", $"[bold]{r.Positions}[/]");
        table.AddRow(zh ? "服务水平" : "Service level", r.ServiceLevel.ToString("0.000", CultureInfo.InvariantCulture));
        table.AddRow(zh ? "平均应答时间（秒）" : "Average speed of answer (s)", r.AsaSeconds.ToString("0.00", CultureInfo.InvariantCulture));
        table.AddRow(zh ? "需等待概率" : "Probability of waiting", r.ProbabilityOfWait.ToString("0.000", CultureInfo.InvariantCulture));
        table.AddRow(zh ? "占用率" : "Occupancy", r.Occupancy.ToString("0.000", CultureInfo.InvariantCulture));
        console.Write(table);
    }

    public static void RenderPlaybooks(IAnsiConsole console, PlaybookLibrary library, Language language)
    {
        var zh = language == Language.Zh;
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("id").AddColumn(zh ? "名称" : "Name").AddColumn(new TableColumn(zh ? "活动" : "Activities").RightAligned()).AddColumn(zh ? "说明" : "Summary");
        foreach (var p in library.Playbooks.Values)
        {
            table.AddRow(p.Id, Markup.Escape(p.Name.Get(language)), p.Activities.Count.ToString(CultureInfo.InvariantCulture), Markup.Escape(p.Summary.Get(language)));
        }

        console.Write(table);
    }

    public static void RenderPlaybook(IAnsiConsole console, Playbook playbook, PlaybookLibrary library, Language language)
    {
        var zh = language == Language.Zh;
        console.Write(new Rule($"[bold]{Markup.Escape(playbook.Name.Get(language))}[/] ({playbook.Id})").LeftJustified());
        console.MarkupLine(Markup.Escape(playbook.Summary.Get(language)));
        foreach (var module in playbook.Modules)
        {
            var table = new Table().Title($"[bold]{Markup.Escape(module.Name.Get(language))}[/]").Border(TableBorder.Rounded).Expand();
            table.AddColumn(zh ? "活动" : "Activity");
            table.AddColumn(zh ? "岗位" : "Post");
            table.AddColumn(zh ? "工作量" : "Effort");
            foreach (var a in playbook.Activities.Where(a => a.Module == module.Id))
            {
                var kpis = string.Join(", ", a.Kpis.Select(k => library.Kpis[k].Name.Get(language)));
                var check = a.Checkpoint;
                var cell = $"[bold]{Markup.Escape(a.Name.Get(language))}[/] [grey]{a.Id}[/]\n" +
                           $"[grey]{Markup.Escape(a.Phase.DisplayName().Get(language))} · {a.Cadence.ToId()} · KPI: {Markup.Escape(kpis)}[/]\n" +
                           $"[grey]✓ {Markup.Escape(check.Evidence.Get(language))} ({check.Frequency.ToId()}, {check.CheckedBy})[/]";
                table.AddRow(new Markup(cell), new Markup(Markup.Escape(PostCatalog.Get(a.Post).Title.Get(language)) + $"\n[grey]{a.Post}[/]"), new Markup(Markup.Escape(Effort(a.Effort, zh))));
            }

            console.Write(table);
        }
    }

    private static string Effort(Effort e, bool zh)
    {
        var parts = new List<string>();
        if (e.ErlangC)
        {
            parts.Add("Erlang C");
        }

        if (e.HoursPerWeek > 0)
        {
            var hours = e.HoursPerWeek.ToString("0.##", CultureInfo.InvariantCulture);
            parts.Add(zh ? $"{hours} 小时/周" : $"{hours} h/week");
        }

        if (e.PerUnit is { } u)
        {
            var unitHours = u.Hours.ToString("0.##", CultureInfo.InvariantCulture);
            parts.Add(zh ? $"{unitHours} 小时 {u.Driver.DisplayName().Zh}" : $"{unitHours} h {u.Driver.DisplayName().En}");
        }

        if (e.SetupHours > 0)
        {
            var setup = e.SetupHours.ToString("0", CultureInfo.InvariantCulture);
            parts.Add(zh ? $"搭建 {setup} 小时" : $"set-up {setup} h");
        }

        return string.Join(" + ", parts);
    }

    private static string Pct(double share) => share.ToString("0.0%", CultureInfo.InvariantCulture);

    private static string Recommendation(MakeOrBuyDecision m, bool zh) =>
        m.Recommendation == MakeOrBuyRecommendation.Outsource ? (zh ? "[green]外包[/]" : "[green]outsource[/]") : (zh ? "内部" : "in-house");
}
