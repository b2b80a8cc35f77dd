using Formation.Domain.Reporting;
using Formation.Domain.Text;
using Formation.Domain.WorkPlans;

namespace Formation.Application.Reports;

/// <summary>
/// The weekly report as an A4 PDF in one language, with the same content as
/// <see cref="WeeklyReportMarkdown"/> (both render a <see cref="WeeklyReportView"/>), set in the CJK font of
/// <see cref="PdfSetup"/> so Chinese renders in any reader.
/// </summary>
public static class WeeklyReportPdf
{
    /// <summary>Renders one scope of the report.</summary>
    /// <exception cref="InvalidOperationException">No font for Chinese text is installed; the message says what to install.</exception>
    public static byte[] Render(WeeklyReport report, ReportScope scope, Language language, string organization, bool includeCapacity) =>
        Render(WeeklyReportView.Of(report, scope, language, organization, includeCapacity), language);

    /// <summary>Renders a worded report.</summary>
    public static byte[] Render(WeeklyReportView view, Language language)
    {
        ArgumentNullException.ThrowIfNull(view);
        PdfSetup.EnsureConfigured();
        var zh = language == Language.Zh;
        var colon = zh ? "：" : ": ";

        using var pdf = new PdfLayout(view.Title);
        pdf.Heading(view.Title, 1);
        pdf.Field((zh ? "周次" : "Week") + colon, view.Period);
        pdf.Field((zh ? "范围" : "Scope") + colon, view.Scope);
        if (view.Capacity is { } capacity)
        {
            Table(capacity);
        }

        foreach (var list in view.Lists)
        {
            pdf.Heading(list.Items.Count > 0 ? $"{list.Heading} ({list.Items.Count})" : list.Heading, 2);
            if (list.Items.Count == 0)
            {
                pdf.Paragraph(list.Empty, muted: true);
            }

            foreach (var item in list.Items)
            {
                pdf.Paragraph(item, indent: 8, marker: "•");
            }
        }

        foreach (var table in view.Summaries)
        {
            Table(table);
        }

        return pdf.Finish((page, pages) => zh
            ? $"{view.Title} · 第 {page} 页，共 {pages} 页"
            : $"{view.Title} · Page {page} of {pages}");

        void Table(WeeklyReportTable table)
        {
            pdf.Heading(table.Heading, 2);
            if (table.Rows.Count == 0)
            {
                pdf.Paragraph(zh ? "无。" : "None.", muted: true);
                return;
            }

            pdf.Table(
                table.Headers.Select((h, i) => new PdfColumn(h, i == 0 ? 3 : i == 1 && !table.AlignRight[1] ? 2.4 : 1.3, table.AlignRight[i])).ToList(),
                table.Rows);
        }
    }
}
