using System.Globalization;
using System.Text;
using Formation.Domain.Planning;
using Formation.Domain.Text;

namespace Formation.Domain.Reporting;

/// <summary>The blueprint as a Markdown document an owner can read, print or paste into a wiki.</summary>
public static class BlueprintMarkdown
{
    /// <summary>Renders the whole blueprint.</summary>
    public static string Render(Blueprint blueprint, Language language)
    {
        ArgumentNullException.ThrowIfNull(blueprint);
        return InvariantCulture.Run(() => RenderInvariant(blueprint, language));
    }

    private static string RenderInvariant(Blueprint blueprint, Language language)
    {
        var zh = language == Language.Zh;
        string T(LocalizedText t) => t.Get(language);
        string L(string zhText, string enText) => zh ? zhText : enText;
        string Money(decimal amount) => string.Create(CultureInfo.InvariantCulture, $"{blueprint.Currency} {amount:#,0}");
        string Num(decimal n) => n.ToString("0.#", CultureInfo.InvariantCulture);
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');

        var colon = zh ? "：" : ": ";
        string Names(IEnumerable<string> ids) => string.Join(zh ? "、" : ", ", ids.Select(id => T(blueprint.NameOf(id))));
        Line($"# {L("网络营销部门蓝图", "Network marketing department blueprint")}{colon}{Cell(blueprint.EnterpriseName)}");
        Line();
        Line($"- {L("营销模式", "Models")}{colon}{Names(blueprint.Models)}");
        Line($"- {L("编制合计", "Head count")}{colon}**{Num(blueprint.Headcount.Total)}**");
        Line($"- {L("年度成本", "Annual cost")}{colon}{Money(blueprint.Cost.TotalAnnual)}{L("（", " (")}{L("人员", "people")} {Money(blueprint.Cost.InHouseAnnual)} + {L("外包", "outsourcing")} {Money(blueprint.Cost.OutsourcingAnnual)}{L("）", ")")}{(blueprint.Cost.Budget is { } b ? $"{L("；", "; ")}{L("预算", "budget")} {Money(b)}" : "")}");
        Line($"- {L("每人每周有效工时", "Productive hours per person-week")}{colon}{blueprint.Assumptions.ProductiveHoursPerPersonWeek.ToString("0.#", CultureInfo.InvariantCulture)}");
        Line();

        Line($"## {L("组织架构", "Org chart")}");
        Line();
        Line("```");
        Line(L("老板", "Owner"));
        void Tree(string parent, string indent)
        {
            var children = blueprint.Posts.Where(p => p.ReportsTo == parent).ToList();
            for (var i = 0; i < children.Count; i++)
            {
                var last = i == children.Count - 1;
                Line($"{indent}{(last ? "└─ " : "├─ ")}{T(children[i].Title)} ×{Num(children[i].Headcount)}");
                Tree(children[i].Id, indent + (last ? "   " : "│  "));
            }
        }

        Tree(BlueprintEngine.Owner, "");
        Line("```");
        Line();

        Line($"## {L("岗位", "Posts")}");
        Line();
        Line($"| {L("岗位", "Post")} | {L("职能", "Function")} | {L("人数", "Head count")} | {L("汇报对象", "Reports to")} | FTE |");
        Line("|---|---|---:|---|---:|");
        foreach (var p in blueprint.Posts)
        {
            Line($"| {Cell(T(p.Title))} (`{p.Id}`) | {T(p.Function.DisplayName())} | {Num(p.Headcount)} | {Cell(T(PostCatalog.TitleOf(p.ReportsTo)))} | {p.WorkloadFte.ToString("0.##", CultureInfo.InvariantCulture)} |");
        }

        Line();
        foreach (var p in blueprint.Posts)
        {
            Line($"### {T(p.Title)} ×{Num(p.Headcount)}");
            Line();
            foreach (var phase in p.Phases)
            {
                Line($"**{T(phase.DisplayName())}**");
                Line();
                foreach (var d in p.Duties.Where(d => d.Phase == phase))
                {
                    Line($"- {T(d.Text)}");
                }

                Line();
            }

            Line($"{L("技能", "Skills")}{colon}{Names(p.Skills)}");
            Line();
            Line($"{L("依据", "Justification")}{colon.TrimEnd()}");
            Line();
            foreach (var j in p.Justification)
            {
                Line($"- {T(j)}");
            }

            Line();
        }

        if (blueprint.Consulting is { } c)
        {
            Line($"## {L("在线咨询（Erlang C）", "Consulting (Erlang C)")}");
            Line();
            Line($"| {L("指标", "Measure")} | {L("数值", "Value")} |");
            Line("|---|---:|");
            Line($"| {L("高峰小时咨询量", "Peak-hour inquiries")} | {c.PeakContactsPerHour:0.#} |");
            Line($"| {L("话务量（爱尔兰）", "Traffic (erlangs)")} | {c.Peak.TrafficErlangs:0.###} |");
            Line($"| {L("高峰在线人数", "Agents on duty at peak")} | {c.Peak.Agents} |");
            Line($"| {L("服务水平", "Service level")} | {c.Peak.ServiceLevel:0.0%} |");
            Line($"| {L("平均应答时间（秒）", "Average speed of answer (s)")} | {c.Peak.AsaSeconds:0.##} |");
            Line($"| {L("需等待概率", "Probability of waiting")} | {c.Peak.ProbabilityOfWait:0.0%} |");
            Line($"| {L("占用率", "Occupancy")} | {c.Peak.Occupancy:0.0%} |");
            Line($"| {L("每周座席小时", "Seat-hours per week")} | {c.SeatHoursPerWeek:0.#} |");
            Line($"| {L("客服台", "Desk")} | {(c.DedicatedDesk ? L("专职值守", "staffed through opening hours") : L("兼顾其他工作", "answered between other work"))} |");
            Line($"| {L("客服编制", "Consultants")} | {Num(c.Positions)} |");
            Line();
        }

        Line($"## {L("成本与外包比较", "Cost and make-or-buy")}");
        Line();
        Line($"| {L("职能", "Function")} | {L("内部年成本", "In-house per year")} |");
        Line("|---|---:|");
        foreach (var (function, amount) in blueprint.Cost.ByFunction)
        {
            Line($"| {T(function.DisplayName())} | {Money(amount)} |");
        }

        Line();
        if (blueprint.MakeOrBuy.Count > 0)
        {
            Line($"| {L("职能", "Function")} | {L("内部", "In-house")} | {L("外包报价", "Quote")} | {L("节省", "Saving")} | {L("建议", "Recommendation")} |");
            Line("|---|---:|---:|---:|---|");
            foreach (var m in blueprint.MakeOrBuy)
            {
                var rec = m.Recommendation == MakeOrBuyRecommendation.Outsource ? L("外包", "outsource") : L("内部", "in-house");
                Line($"| {T(m.Function.DisplayName())} | {Money(m.InHouseAnnual)} | {Money(m.OutsourceAnnual)} | {Money(m.Saving)} | {rec} |");
            }

            Line();
        }

        Line($"## {L("检查结果", "Findings")}");
        Line();
        if (blueprint.Findings.Count == 0)
        {
            Line(L("没有发现问题。", "Nothing found."));
        }

        foreach (var f in blueprint.Findings)
        {
            var severity = f.Severity switch
            {
                Severity.Error => L("错误", "error"),
                Severity.Warning => L("警告", "warning"),
                _ => L("提示", "info"),
            };
            Line($"- **{severity}** `{f.Rule}`{colon}{T(f.Message)}");
        }

        Line();
        Line($"## {L("从 0 到 1 路线图", "Zero-to-one roadmap")}");
        Line();
        foreach (var s in blueprint.Roadmap)
        {
            Line($"{s.Stage}. **{T(s.Name)}**{colon}{T(s.Gate)}{(s.Hires.Count > 0 ? $"{L("（", " (")}{L("到岗", "hire")}{colon}{string.Join(", ", s.Hires.Select(h => $"{T(PostCatalog.TitleOf(h.Post))} ×{Num(h.Headcount)}"))}{L("）", ")")}" : "")}");
        }

        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
