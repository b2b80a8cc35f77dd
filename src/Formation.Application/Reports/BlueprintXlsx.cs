using System.Globalization;
using DocumentFormat.OpenXml.Spreadsheet;
using Formation.Domain.Planning;
using Formation.Domain.Profiles;
using Formation.Domain.Text;

namespace Formation.Application.Reports;

/// <summary>
/// The blueprint as an Excel workbook in one language (PRODUCT §3 M2): one sheet per part of the plan,
/// figures as numeric cells an owner can sum and chart, a bold frozen header row on every sheet.
/// </summary>
public static class BlueprintXlsx
{
    // Cell formats of the stylesheet (see Stylesheet()), by index. Plain numbers use the General format: 0.5, 3, 2.86.
    private const uint PlainStyle = XlsxStyles.Plain;
    private const uint WrappedStyle = XlsxStyles.Wrapped;
    private const uint MoneyStyle = 3;
    private const uint PercentStyle = 4;

    /// <summary>Renders the whole blueprint.</summary>
    public static byte[] Render(Blueprint blueprint, Language language)
    {
        ArgumentNullException.ThrowIfNull(blueprint);
        var zh = language == Language.Zh;
        string T(LocalizedText t) => t.Get(language);
        string L(string zhText, string enText) => zh ? zhText : enText;
        string Names(IEnumerable<string> ids) => string.Join(zh ? "、" : ", ", ids.Select(id => T(blueprint.NameOf(id))));
        var colon = zh ? "：" : ": ";
        var sheets = new List<XlsxSheet>();

        var summary = new XlsxSheet(L("概要", "Summary"), [L("项目", "Item"), L("数值", "Value")]);
        summary.Row(L("企业", "Enterprise"), blueprint.EnterpriseName);
        summary.Row(L("企业类型", "Kind"), blueprint.Kind == EnterpriseKind.Traditional ? L("传统企业", "traditional") : L("网络型企业", "network-oriented"));
        summary.Row(L("营销模式", "Models"), Names(blueprint.Models));
        summary.Row(L("编制合计", "Head count"), XCell.Of(blueprint.Headcount.Total));
        foreach (var (function, count) in blueprint.Headcount.ByFunction)
        {
            summary.Row($"{L("编制", "Head count")}{colon}{T(function.DisplayName())}", XCell.Of(count));
        }

        summary.Row(L("币种", "Currency"), blueprint.Currency);
        summary.Row(L("人员年成本", "In-house cost per year"), XCell.Money(blueprint.Cost.InHouseAnnual));
        summary.Row(L("外包年成本", "Outsourcing per year"), XCell.Money(blueprint.Cost.OutsourcingAnnual));
        summary.Row(L("年度总成本", "Total cost per year"), XCell.Money(blueprint.Cost.TotalAnnual));
        summary.Row(L("年度预算", "Annual budget"), blueprint.Cost.Budget is { } budget ? XCell.Money(budget) : XCell.Empty);
        summary.Row(L("每人年成本", "Loaded cost per person-year"), XCell.Money(blueprint.Assumptions.LoadedCostPerPersonYear));
        summary.Row(L("每周工时", "Work hours per week"), XCell.Of(blueprint.Assumptions.WorkHoursPerWeek));
        summary.Row(L("损耗率", "Shrinkage"), XCell.Percent(blueprint.Assumptions.Shrinkage));
        summary.Row(L("每人每周有效工时", "Productive hours per person-week"), XCell.Of(blueprint.Assumptions.ProductiveHoursPerPersonWeek));
        foreach (var severity in Enum.GetValues<Severity>())
        {
            summary.Row($"{L("检查结果", "Findings")}{colon}{BlueprintPdf.SeverityName(severity, zh)}", XCell.Of(blueprint.Findings.Count(f => f.Severity == severity)));
        }

        sheets.Add(summary);

        var phases = Enum.GetValues<Phase>();
        var posts = new XlsxSheet(L("岗位", "Posts"),
        [
            L("岗位", "Post"), L("编号", "Id"), L("职能", "Function"), L("人数", "Head count"), L("汇报对象", "Reports to"),
            "FTE", L("小时/周", "Hours/week"), L("一次性准备小时", "Set-up hours"), L("技能", "Skills"),
            .. phases.Select(p => $"{L("职责", "Duties")}{colon}{T(p.DisplayName())}"),
            L("现有人员", "Held by"),
        ]);
        foreach (var p in blueprint.Posts)
        {
            posts.Row(
            [
                T(p.Title), p.Id, T(p.Function.DisplayName()), XCell.Of(p.Headcount), T(PostCatalog.TitleOf(p.ReportsTo)),
                XCell.Of(p.WorkloadFte), XCell.Of(p.WorkloadHoursPerWeek), XCell.Of(p.SetupHours), Names(p.Skills),
                .. phases.Select(phase => XCell.Wrapped(string.Join("\n", p.Duties.Where(d => d.Phase == phase).Select(d => T(d.Text))))),
                string.Join(zh ? "、" : ", ", p.People),
            ]);
        }

        sheets.Add(posts);

        if (blueprint.Consulting is { } c)
        {
            var consulting = new XlsxSheet(L("在线咨询", "Consulting"), [L("指标", "Measure"), L("数值", "Value")]);
            consulting.Row(L("高峰小时咨询量", "Peak-hour inquiries"), XCell.Of(c.PeakContactsPerHour));
            consulting.Row(L("话务量（爱尔兰）", "Traffic (erlangs)"), XCell.Of(c.Peak.TrafficErlangs));
            consulting.Row(L("有效处理时长（秒）", "Effective handle time (s)"), XCell.Of(c.Peak.EffectiveHandleSeconds));
            consulting.Row(L("高峰在线人数", "Agents on duty at peak"), XCell.Of(c.Peak.Agents));
            consulting.Row(L("服务水平", "Service level"), XCell.Percent(c.Peak.ServiceLevel));
            consulting.Row(L("平均应答时间（秒）", "Average speed of answer (s)"), XCell.Of(c.Peak.AsaSeconds));
            consulting.Row(L("需等待概率", "Probability of waiting"), XCell.Percent(c.Peak.ProbabilityOfWait));
            consulting.Row(L("占用率", "Occupancy"), XCell.Percent(c.Peak.Occupancy));
            consulting.Row(L("非高峰在线人数", "Agents on duty off-peak"), XCell.Of(c.OffPeakAgents));
            consulting.Row(L("每周座席小时", "Seat-hours per week"), XCell.Of(c.SeatHoursPerWeek));
            consulting.Row(L("每周处理小时", "Handling hours per week"), XCell.Of(c.HandleHoursPerWeek));
            consulting.Row(L("客服台占用率", "Desk occupancy"), XCell.Percent(c.DeskOccupancy));
            consulting.Row(L("客服台", "Desk"), c.DedicatedDesk ? L("专职值守", "staffed through opening hours") : L("兼顾其他工作", "answered between other work"));
            consulting.Row(L("客服编制", "Consultants"), XCell.Of(c.Positions));
            sheets.Add(consulting);
        }

        var cost = new XlsxSheet(L("成本", "Cost"), [L("职能", "Function"), L("内部年成本", "In-house per year")]);
        foreach (var (function, amount) in blueprint.Cost.ByFunction)
        {
            cost.Row(T(function.DisplayName()), XCell.Money(amount));
        }

        cost.Row(L("人员合计", "In-house total"), XCell.Money(blueprint.Cost.InHouseAnnual));
        if (blueprint.MakeOrBuy.Count > 0)
        {
            cost.Row();
            cost.HeaderRow(
            [
                L("职能", "Function"), L("内部编制", "In-house head count"), L("内部年成本", "In-house per year"),
                L("外包报价", "Outsourcing quote"), L("节省", "Saving"), L("建议", "Recommendation"),
            ]);
            foreach (var m in blueprint.MakeOrBuy)
            {
                cost.Row(
                [
                    T(m.Function.DisplayName()), XCell.Of(m.InHouseHeadcount), XCell.Money(m.InHouseAnnual),
                    XCell.Money(m.OutsourceAnnual), XCell.Money(m.Saving), BlueprintPdf.Recommendation(m, zh),
                ]);
            }
        }

        sheets.Add(cost);

        var findings = new XlsxSheet(L("检查结果", "Findings"), [L("级别", "Severity"), L("规则", "Rule"), L("对象", "Subject"), L("说明", "Message")]);
        foreach (var f in blueprint.Findings)
        {
            findings.Row([BlueprintPdf.SeverityName(f.Severity, zh), f.Rule, f.Subject ?? "", XCell.Wrapped(T(f.Message))]);
        }

        sheets.Add(findings);

        var roadmap = new XlsxSheet(L("路线图", "Roadmap"), [L("阶段", "Stage"), L("名称", "Name"), L("完成标准", "Gate"), L("到岗", "Hires"), L("到岗人数", "Head count hired")]);
        foreach (var s in blueprint.Roadmap)
        {
            roadmap.Row(
            [
                XCell.Of(s.Stage), T(s.Name), XCell.Wrapped(T(s.Gate)),
                XCell.Wrapped(string.Join("\n", s.Hires.Select(h => $"{T(PostCatalog.TitleOf(h.Post))} ×{Formation.Domain.Text.Format.Count(h.Headcount)}"))),
                XCell.Of(s.Hires.Sum(h => h.Headcount)),
            ]);
        }

        sheets.Add(roadmap);

        var activities = new XlsxSheet(L("活动", "Activities"),
        [
            L("活动", "Activity"), L("编号", "Id"), L("打法", "Playbook"), L("模块", "Module"), L("职能", "Function"), L("阶段", "Phase"),
            L("执行方", "Owner"), L("岗位", "Post"), L("小时/周", "Hours/week"), L("一次性准备小时", "Set-up hours"), L("频率", "Cadence"),
            L("技能", "Skills"), L("指标", "KPIs"), L("检查依据", "Evidence"), L("检查人", "Checked by"),
        ]);
        foreach (var a in blueprint.Activities)
        {
            var activity = a.Activity;
            activities.Row(
            [
                T(activity.Name), activity.Id, T(blueprint.NameOf(activity.Playbook)), activity.Module, T(activity.Function.DisplayName()),
                T(activity.Phase.DisplayName()), OwnerName(a.Owner, zh), a.Post is { } post ? T(PostCatalog.TitleOf(post)) : "",
                XCell.Of(a.HoursPerWeek), XCell.Of(activity.Effort.SetupHours), CadenceName(activity.Cadence, zh),
                Names(activity.Skills), Names(activity.Kpis), T(activity.Checkpoint.Evidence), T(PostCatalog.TitleOf(a.CheckedBy)),
            ]);
        }

        sheets.Add(activities);
        return XlsxWorkbook.Write(sheets, Stylesheet(), numberPadding: 3);
    }

    private static string OwnerName(ActivityOwner owner, bool zh) => owner switch
    {
        ActivityOwner.InHouse => zh ? "部门内部" : "in-house",
        ActivityOwner.Outsourced => zh ? "外包" : "outsourced",
        ActivityOwner.Sales => zh ? "销售部" : "sales department",
        ActivityOwner.OtherDepartment => zh ? "其他部门" : "another department",
        _ => zh ? "无人负责" : "nobody",
    };

    private static string CadenceName(Cadence cadence, bool zh) => cadence switch
    {
        Cadence.Once => zh ? "一次性" : "once",
        Cadence.Daily => zh ? "每日" : "daily",
        Cadence.Weekly => zh ? "每周" : "weekly",
        Cadence.Biweekly => zh ? "每两周" : "every two weeks",
        Cadence.Monthly => zh ? "每月" : "monthly",
        _ => zh ? "每季度" : "quarterly",
    };

    private static Stylesheet Stylesheet() =>
        XlsxStyles.Create([(164, "0.0%")], XlsxStyles.Number(3), XlsxStyles.Number(164));

    /// <summary>The cells of this workbook, in its cell formats.</summary>
    private static class XCell
    {
        public static XlsxCell Empty => default;

        public static XlsxCell Of(string text) => new(text, null, PlainStyle);

        public static XlsxCell Wrapped(string text) => new(text, null, WrappedStyle);

        public static XlsxCell Of(decimal value) => new(null, value.ToString(CultureInfo.InvariantCulture), PlainStyle);

        public static XlsxCell Of(int value) => new(null, value.ToString(CultureInfo.InvariantCulture), PlainStyle);

        // Hours and FTE carry the engine's full double precision; two decimals is what a reader can use.
        public static XlsxCell Of(double value) => new(null, Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture), PlainStyle);

        public static XlsxCell Money(decimal value) => new(null, value.ToString(CultureInfo.InvariantCulture), MoneyStyle);

        public static XlsxCell Percent(double share) => new(null, Math.Round(share, 4, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture), PercentStyle);
    }
}
