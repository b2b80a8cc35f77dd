using System.Text;
using Formation.Domain.Text;
using Formation.Domain.WorkPlans;

namespace Formation.Domain.Reporting;

/// <summary>The weekly report as Markdown, in Chinese or English, for one scope (<see cref="WeeklyReportView"/>).</summary>
public static class WeeklyReportMarkdown
{
    /// <summary>Renders one scope of the report.</summary>
    /// <param name="includeCapacity">Adds the capacity table (for owners, managers and supervisors).</param>
    public static string Render(WeeklyReport report, ReportScope scope, Language language, string organization, bool includeCapacity) =>
        Render(WeeklyReportView.Of(report, scope, language, organization, includeCapacity), language);

    /// <summary>Renders a worded report.</summary>
    public static string Render(WeeklyReportView view, Language language)
    {
        ArgumentNullException.ThrowIfNull(view);
        var zh = language == Language.Zh;
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');

        Line($"# {Escape(view.Title)}");
        Line();
        Line($"- {(zh ? "周次" : "Week")}{(zh ? "：" : ": ")}{view.Period}");
        Line($"- {(zh ? "范围" : "Scope")}{(zh ? "：" : ": ")}{Escape(view.Scope)}");
        Line();
        if (view.Capacity is { } capacity)
        {
            Table(capacity);
        }

        foreach (var list in view.Lists)
        {
            Line($"## {list.Heading}{(list.Items.Count > 0 ? $" ({list.Items.Count})" : "")}");
            Line();
            if (list.Items.Count == 0)
            {
                Line(list.Empty);
            }

            foreach (var item in list.Items)
            {
                Line($"- {Escape(item)}");
            }

            Line();
        }

        foreach (var table in view.Summaries)
        {
            Table(table);
        }

        return md.ToString();

        void Table(WeeklyReportTable table)
        {
            Line($"## {table.Heading}");
            Line();
            if (table.Rows.Count == 0)
            {
                Line(zh ? "无。" : "None.");
                Line();
                return;
            }

            Line($"| {string.Join(" | ", table.Headers.Select(Cell))} |");
            Line($"|{string.Join("|", table.AlignRight.Select(r => r ? "---:" : "---"))}|");
            for (var i = 0; i < table.Rows.Count; i++)
            {
                var cells = table.Rows[i].Select(Cell).ToList();
                if (table.States is { } flags && flags[i] is CapacityState.Overloaded or CapacityState.Vacant)
                {
                    cells[^1] = $"**{cells[^1]}**";
                }

                Line($"| {string.Join(" | ", cells)} |");
            }

            Line();
        }
    }

    private static string Cell(string text) => Escape(text).Replace("|", "\\|", StringComparison.Ordinal);

    // Task titles are typed by people: keep them from opening HTML or breaking lines.
    private static string Escape(string text) =>
        text.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
