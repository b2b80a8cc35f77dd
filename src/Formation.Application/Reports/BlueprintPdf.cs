using System.Globalization;
using Formation.Domain.Planning;
using Formation.Domain.Text;

namespace Formation.Application.Reports;

/// <summary>
/// The blueprint as an A4 PDF in one language (PRODUCT §3 M2), with the same sections as
/// <see cref="Formation.Domain.Reporting.BlueprintMarkdown"/>. Text is set in one CJK font that also
/// covers Latin text (<see cref="PdfSetup"/>), embedded as a subset, so Chinese renders in any reader.
/// </summary>
public static class BlueprintPdf
{
    /// <summary>Renders the whole blueprint.</summary>
    /// <exception cref="InvalidOperationException">No font for Chinese text is installed; the message says what to install.</exception>
    public static byte[] Render(Blueprint blueprint, Language language)
    {
        ArgumentNullException.ThrowIfNull(blueprint);
        PdfSetup.EnsureConfigured();

        var zh = language == Language.Zh;
        string T(LocalizedText t) => t.Get(language);
        string L(string zhText, string enText) => zh ? zhText : enText;
        string Money(decimal amount) => Format.Money(amount, blueprint.Currency);
        string Num(decimal n) => Format.Count(n);
        var colon = zh ? "：" : ": ";
        string Names(IEnumerable<string> ids) => string.Join(zh ? "、" : ", ", ids.Select(id => T(blueprint.NameOf(id))));

        var title = $"{L("网络营销部门蓝图", "Network marketing department blueprint")}{colon}{blueprint.EnterpriseName}";
        using var pdf = new PdfLayout(title);
        pdf.Heading(title, 1);

        pdf.Field(L("营销模式", "Models") + colon, Names(blueprint.Models));
        pdf.Field(L("编制合计", "Head count") + colon, Num(blueprint.Headcount.Total));
        pdf.Field(L("年度成本", "Annual cost") + colon,
            $"{Money(blueprint.Cost.TotalAnnual)}{L("（", " (")}{L("人员", "people")} {Money(blueprint.Cost.InHouseAnnual)} + {L("外包", "outsourcing")} {Money(blueprint.Cost.OutsourcingAnnual)}{L("）", ")")}");
        if (blueprint.Cost.Budget is { } budget)
        {
            pdf.Field(L("年度预算", "Annual budget") + colon, Money(budget));
        }

        pdf.Field(L("每人每周有效工时", "Productive hours per person-week") + colon, Format.Number(blueprint.Assumptions.ProductiveHoursPerPersonWeek));
        pdf.Field(L("检查结果", "Findings") + colon, FindingCounts(blueprint, zh));

        pdf.Heading(L("组织架构", "Org chart"), 2);
        pdf.Paragraph(L("老板", "Owner"), pdf.Bold);
        void Tree(string parent, List<bool> continues)
        {
            var children = blueprint.Posts.Where(p => p.ReportsTo == parent).ToList();
            for (var i = 0; i < children.Count; i++)
            {
                var last = i == children.Count - 1;
                pdf.TreeNode(continues, last, $"{T(children[i].Title)} ×{Num(children[i].Headcount)}");
                Tree(children[i].Id, [.. continues, !last]);
            }
        }

        Tree(BlueprintEngine.Owner, []);

        pdf.Heading(L("岗位", "Posts"), 2);
        pdf.Table(
            [
                new(L("岗位", "Post"), 3.2), new(L("职能", "Function"), 2.2), new(L("人数", "Head count"), 1.1, true),
                new(L("汇报对象", "Reports to"), 2.4), new("FTE", 0.9, true), new(L("小时/周", "Hours/week"), 1.2, true),
            ],
            blueprint.Posts.Select(p => (IReadOnlyList<string>)
            [
                $"{T(p.Title)} ({p.Id})", T(p.Function.DisplayName()), Num(p.Headcount),
                T(PostCatalog.TitleOf(p.ReportsTo)), Format.Number(p.WorkloadFte), Format.Number(p.WorkloadHoursPerWeek),
            ]));

        foreach (var p in blueprint.Posts)
        {
            pdf.Heading($"{T(p.Title)} ×{Num(p.Headcount)}", 3);
            foreach (var phase in p.Phases)
            {
                pdf.Paragraph(T(phase.DisplayName()), pdf.Bold);
                foreach (var d in p.Duties.Where(d => d.Phase == phase))
                {
                    pdf.Paragraph(T(d.Text), indent: 8, marker: "•");
                }
            }

            if (p.Skills.Count > 0)
            {
                pdf.Paragraph($"{L("技能", "Skills")}{colon}{Names(p.Skills)}");
            }

            if (p.People.Count > 0)
            {
                pdf.Paragraph($"{L("现有人员", "Held by")}{colon}{string.Join(zh ? "、" : ", ", p.People)}");
            }

            foreach (var j in p.Justification)
            {
                pdf.Paragraph(T(j), pdf.Small, indent: 8, marker: "–", muted: true);
            }
        }

        if (blueprint.Consulting is { } c)
        {
            pdf.Heading(L("在线咨询（Erlang C）", "Consulting (Erlang C)"), 2);
            pdf.Table(
                [new(L("指标", "Measure"), 3), new(L("数值", "Value"), 2, true)],
                new List<IReadOnlyList<string>>
                {
                    new[] { L("高峰小时咨询量", "Peak-hour inquiries"), Format.Number(c.PeakContactsPerHour) },
                    new[] { L("话务量（爱尔兰）", "Traffic (erlangs)"), Format.Number(c.Peak.TrafficErlangs) },
                    new[] { L("高峰在线人数", "Agents on duty at peak"), c.Peak.Agents.ToString(CultureInfo.InvariantCulture) },
                    new[] { L("服务水平", "Service level"), Format.Percent(c.Peak.ServiceLevel) },
                    new[] { L("平均应答时间（秒）", "Average speed of answer (s)"), Format.Number(c.Peak.AsaSeconds) },
                    new[] { L("需等待概率", "Probability of waiting"), Format.Percent(c.Peak.ProbabilityOfWait) },
                    new[] { L("占用率", "Occupancy"), Format.Percent(c.Peak.Occupancy) },
                    new[] { L("非高峰在线人数", "Agents on duty off-peak"), c.OffPeakAgents.ToString(CultureInfo.InvariantCulture) },
                    new[] { L("每周座席小时", "Seat-hours per week"), Format.Number(c.SeatHoursPerWeek) },
                    new[] { L("每周处理小时", "Handling hours per week"), Format.Number(c.HandleHoursPerWeek) },
                    new[] { L("客服台", "Desk"), c.DedicatedDesk ? L("专职值守", "staffed through opening hours") : L("兼顾其他工作", "answered between other work") },
                    new[] { L("客服编制", "Consultants"), Num(c.Positions) },
                });
        }

        pdf.Heading(L("成本与外包比较", "Cost and make-or-buy"), 2);
        pdf.Table(
            [new(L("职能", "Function"), 3), new(L("内部年成本", "In-house per year"), 2, true)],
            blueprint.Cost.ByFunction.Select(f => (IReadOnlyList<string>)[T(f.Key.DisplayName()), Money(f.Value)]));
        if (blueprint.MakeOrBuy.Count > 0)
        {
            pdf.Table(
                [
                    new(L("职能", "Function"), 2.4), new(L("内部", "In-house"), 1.8, true), new(L("外包报价", "Quote"), 1.8, true),
                    new(L("节省", "Saving"), 1.8, true), new(L("建议", "Recommendation"), 1.6),
                ],
                blueprint.MakeOrBuy.Select(m => (IReadOnlyList<string>)
                [
                    T(m.Function.DisplayName()), Money(m.InHouseAnnual), Money(m.OutsourceAnnual), Money(m.Saving),
                    Recommendation(m, zh),
                ]));
        }

        pdf.Heading(L("检查结果", "Findings"), 2);
        if (blueprint.Findings.Count == 0)
        {
            pdf.Paragraph(L("没有发现问题。", "Nothing found."));
        }
        else
        {
            pdf.Table(
                [new(L("级别", "Severity"), 1), new(L("规则", "Rule"), 2.2), new(L("说明", "Message"), 6)],
                blueprint.Findings.Select(f => (IReadOnlyList<string>)[SeverityName(f.Severity, zh), f.Rule, T(f.Message)]));
        }

        pdf.Heading(L("从 0 到 1 路线图", "Zero-to-one roadmap"), 2);
        foreach (var s in blueprint.Roadmap)
        {
            pdf.Paragraph($"{s.Stage}. {T(s.Name)}", pdf.Bold);
            pdf.Paragraph(T(s.Gate), indent: 14);
            if (s.Hires.Count > 0)
            {
                var hires = string.Join(zh ? "、" : ", ", s.Hires.Select(h => $"{T(PostCatalog.TitleOf(h.Post))} ×{Num(h.Headcount)}"));
                pdf.Paragraph($"{L("到岗", "Hire")}{colon}{hires}", indent: 14);
            }

            pdf.Space(3);
        }

        return pdf.Finish((page, pages) => zh
            ? $"{blueprint.EnterpriseName} · 第 {page} 页，共 {pages} 页"
            : $"{blueprint.EnterpriseName} · Page {page} of {pages}");
    }

    internal static string SeverityName(Severity severity, bool zh) => severity switch
    {
        Severity.Error => zh ? "错误" : "error",
        Severity.Warning => zh ? "警告" : "warning",
        _ => zh ? "提示" : "info",
    };

    internal static string Recommendation(MakeOrBuyDecision decision, bool zh) =>
        decision.Recommendation == MakeOrBuyRecommendation.Outsource
            ? zh ? "外包" : "outsource"
            : decision.KeptInHouse ? zh ? "内部（保留）" : "in-house (kept)" : zh ? "内部" : "in-house";

    private static string FindingCounts(Blueprint blueprint, bool zh)
    {
        int Count(Severity s) => blueprint.Findings.Count(f => f.Severity == s);
        return zh
            ? $"错误 {Count(Severity.Error)}，警告 {Count(Severity.Warning)}，提示 {Count(Severity.Info)}"
            : $"{Count(Severity.Error)} errors, {Count(Severity.Warning)} warnings, {Count(Severity.Info)} info";
    }
}
