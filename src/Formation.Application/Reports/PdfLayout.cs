using System.Text;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Formation.Application.Reports;

/// <summary>A column of a <see cref="PdfLayout.Table"/>: its header, share of the width and alignment.</summary>
internal sealed record PdfColumn(string Header, double Weight, bool AlignRight = false);

/// <summary>
/// Flowing layout on A4 pages for PDFsharp, which only draws at coordinates: headings, wrapped
/// paragraphs, bullets and tables that continue on a new page (repeating their header) when the page
/// is full, and page numbers once the page count is known. Wrapping breaks between words and between
/// any two Chinese characters, keeping closing punctuation on the line it closes.
/// </summary>
internal sealed class PdfLayout : IDisposable
{
    private const double Margin = 50;
    private const double FooterHeight = 24;
    private const double CellPadding = 3;

    private static readonly XColor s_rule = XColor.FromArgb(0xBF, 0xBF, 0xBF);
    private static readonly XColor s_headerFill = XColor.FromArgb(0xE8, 0xED, 0xF5);
    private static readonly XColor s_muted = XColor.FromArgb(0x59, 0x59, 0x59);

    private readonly PdfDocument _document = new();
    private XGraphics? _graphics;
    private double _y;

    public PdfLayout(string title)
    {
        _document.Info.Title = title;
        _document.Info.Creator = "Formation";
        Body = Font(10);
        Bold = Font(10, bold: true);
        Small = Font(8.5);
        SmallBold = Font(8.5, bold: true);
        NewPage();
    }

    public XFont Body { get; }

    public XFont Bold { get; }

    public XFont Small { get; }

    public XFont SmallBold { get; }

    private XGraphics Graphics => _graphics ?? throw new ObjectDisposedException(nameof(PdfLayout));

    private double PageWidth => _document.Pages[^1].Width.Point;

    private double Bottom => _document.Pages[^1].Height.Point - Margin - FooterHeight;

    private double ContentWidth => PageWidth - (2 * Margin);

    /// <summary>A heading: level 1 is the document title, 2 a section, 3 a subsection. Keeps a few lines of room below it.</summary>
    public void Heading(string text, int level)
    {
        var font = Font(level switch { 1 => 17, 2 => 13, _ => 11 }, bold: true);
        var lines = Wrap(text, font, ContentWidth);
        var lineHeight = Leading(font);
        Space(level == 1 ? 0 : level == 2 ? 10 : 6);
        EnsureRoom((lines.Count * lineHeight) + (3 * Leading(Body)));
        foreach (var line in lines)
        {
            Graphics.DrawString(line, font, XBrushes.Black, Margin, _y + HalfGap(font), XStringFormats.TopLeft);
            _y += lineHeight;
        }

        if (level <= 2)
        {
            _y += 2;
            Graphics.DrawLine(new XPen(level == 1 ? XColors.Black : s_rule, level == 1 ? 1 : 0.5), Margin, _y, Margin + ContentWidth, _y);
        }

        _y += level == 1 ? 8 : 4;
    }

    /// <summary>Wrapped text, optionally indented and led by a bullet or marker that hangs in the indent.</summary>
    public void Paragraph(string text, XFont? font = null, double indent = 0, string? marker = null, bool muted = false)
    {
        font ??= Body;
        var markerWidth = marker is null ? 0 : Graphics.MeasureString(marker + " ", font).Width;
        var x = Margin + indent + markerWidth;
        var lineHeight = Leading(font);
        var brush = muted ? new XSolidBrush(s_muted) : XBrushes.Black;
        var first = true;
        foreach (var line in Wrap(text, font, ContentWidth - indent - markerWidth))
        {
            EnsureRoom(lineHeight);
            if (first && marker is not null)
            {
                Graphics.DrawString(marker, font, brush, Margin + indent, _y + HalfGap(font), XStringFormats.TopLeft);
            }

            Graphics.DrawString(line, font, brush, x, _y + HalfGap(font), XStringFormats.TopLeft);
            _y += lineHeight;
            first = false;
        }
    }

    /// <summary>Label and value on one line, the label in bold.</summary>
    public void Field(string label, string value)
    {
        var labelWidth = Graphics.MeasureString(label + " ", Bold).Width;
        var lineHeight = Leading(Body);
        var lines = Wrap(value, Body, ContentWidth - labelWidth);
        EnsureRoom(lineHeight);
        Graphics.DrawString(label, Bold, XBrushes.Black, Margin, _y + HalfGap(Bold), XStringFormats.TopLeft);
        foreach (var line in lines)
        {
            EnsureRoom(lineHeight);
            Graphics.DrawString(line, Body, XBrushes.Black, Margin + labelWidth, _y + HalfGap(Body), XStringFormats.TopLeft);
            _y += lineHeight;
        }
    }

    /// <summary>
    /// A line of an org chart under a root drawn just above it: connectors are drawn as lines, not
    /// box-drawing characters, so they join up and need no glyphs from the font.
    /// </summary>
    /// <param name="continues">For each ancestor level, whether a later sibling follows (its vertical line goes on).</param>
    /// <param name="last">True when this node is the last child of its parent.</param>
    public void TreeNode(IReadOnlyList<bool> continues, bool last, string text)
    {
        const double Step = 14;
        var lineHeight = Leading(Body);
        EnsureRoom(lineHeight);
        var pen = new XPen(s_muted, 0.6);
        var g = Graphics;
        for (var d = 0; d < continues.Count; d++)
        {
            if (continues[d])
            {
                var lineX = Margin + 4 + (d * Step);
                g.DrawLine(pen, lineX, _y, lineX, _y + lineHeight);
            }
        }

        var x = Margin + 4 + (continues.Count * Step);
        var middle = _y + (lineHeight / 2);
        g.DrawLine(pen, x, _y, x, last ? middle : _y + lineHeight);
        g.DrawLine(pen, x, middle, x + 8, middle);
        foreach (var line in Wrap(text, Body, Margin + ContentWidth - x - 11))
        {
            g.DrawString(line, Body, XBrushes.Black, x + 11, _y + HalfGap(Body), XStringFormats.TopLeft);
            _y += lineHeight;
        }
    }

    /// <summary>Vertical space, dropped at the top of a page.</summary>
    public void Space(double points)
    {
        if (_y > Margin)
        {
            _y = Math.Min(_y + points, Bottom);
        }
    }

    /// <summary>A table with a shaded header row that is drawn again at the top of each page it continues on.</summary>
    public void Table(IReadOnlyList<PdfColumn> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        var totalWeight = columns.Sum(c => c.Weight);
        var widths = columns.Select(c => ContentWidth * c.Weight / totalWeight).ToArray();
        var header = columns.Select(c => c.Header).ToList();
        var lineHeight = Leading(Small);

        Space(4);
        DrawRow(header, SmallBold, isHeader: true, keepWithNext: lineHeight + (2 * CellPadding));
        foreach (var row in rows)
        {
            var wrapped = WrapRow(row, Small);
            var height = RowHeight(wrapped, lineHeight);
            if (_y + height > Bottom)
            {
                NewPage();
                DrawRow(header, SmallBold, isHeader: true, keepWithNext: 0);
            }

            DrawWrappedRow(wrapped, Small, isHeader: false, height);
        }

        Space(6);

        void DrawRow(IReadOnlyList<string> cells, XFont font, bool isHeader, double keepWithNext)
        {
            var wrapped = WrapRow(cells, font);
            var height = RowHeight(wrapped, lineHeight);
            EnsureRoom(height + keepWithNext);
            DrawWrappedRow(wrapped, font, isHeader, height);
        }

        static double RowHeight(List<IReadOnlyList<string>> cells, double lineHeight) =>
            (cells.Max(c => c.Count) * lineHeight) + (2 * CellPadding);

        List<IReadOnlyList<string>> WrapRow(IReadOnlyList<string> cells, XFont font) =>
            cells.Select((text, i) => (IReadOnlyList<string>)Wrap(text, font, widths[i] - (2 * CellPadding))).ToList();

        void DrawWrappedRow(List<IReadOnlyList<string>> cells, XFont font, bool isHeader, double height)
        {
            var g = Graphics;
            if (isHeader)
            {
                g.DrawRectangle(new XSolidBrush(s_headerFill), Margin, _y, ContentWidth, height);
            }

            var x = Margin;
            for (var i = 0; i < cells.Count && i < widths.Length; i++)
            {
                var y = _y + CellPadding;
                foreach (var line in cells[i])
                {
                    var left = columns[i].AlignRight && !isHeader
                        ? x + widths[i] - CellPadding - g.MeasureString(line, font).Width
                        : x + CellPadding;
                    g.DrawString(line, font, XBrushes.Black, left, y + HalfGap(font), XStringFormats.TopLeft);
                    y += lineHeight;
                }

                x += widths[i];
            }

            _y += height;
            g.DrawLine(new XPen(s_rule, 0.5), Margin, _y, Margin + ContentWidth, _y);
        }
    }

    // The CJK fonts' own line spacing (1.17 em for WenQuanYi) sets Chinese too tight to read comfortably.
    private static double Leading(XFont font) => font.Size * 1.35;

    /// <summary>Half the extra leading, above the text, so it sits in the middle of its line.</summary>
    private static double HalfGap(XFont font) => Math.Max(0, (Leading(font) - font.GetHeight()) / 2);

    // Always Unicode (CID) encoding: otherwise PDFsharp embeds the font twice, once more as WinAnsi for
    // strings that happen to be all Latin.
    private static XFont Font(double size, bool bold = false) =>
        new(PdfSetup.FontFamily, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));

    /// <summary>Numbers the pages and returns the document's bytes.</summary>
    public byte[] Finish(Func<int, int, string> footer)
    {
        _graphics?.Dispose();
        _graphics = null;
        var count = _document.PageCount;
        for (var i = 0; i < count; i++)
        {
            var page = _document.Pages[i];
            using var g = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var text = footer(i + 1, count);
            var width = g.MeasureString(text, Small).Width;
            g.DrawString(text, Small, new XSolidBrush(s_muted), page.Width.Point - Margin - width, page.Height.Point - Margin, XStringFormats.TopLeft);
        }

        using var stream = new MemoryStream();
        _document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    public void Dispose()
    {
        _graphics?.Dispose();
        _document.Dispose();
    }

    /// <summary>Breaks text into lines no wider than <paramref name="width"/>; newlines are kept as breaks.</summary>
    internal List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var unit in BreakUnits(paragraph))
            {
                var candidate = line.ToString() + unit;
                if (line.Length == 0 || Fits(candidate.TrimEnd(), font, width))
                {
                    line.Append(unit);
                    if (line.Length > 0 && !Fits(line.ToString().TrimEnd(), font, width))
                    {
                        // One unit wider than the column (a long id or URL): cut it where it overflows.
                        SplitOverlong(line.ToString(), font, width, lines, out var rest);
                        line.Clear().Append(rest);
                    }

                    continue;
                }

                lines.Add(line.ToString().TrimEnd());
                line.Clear().Append(unit.TrimStart());
                if (!Fits(line.ToString().TrimEnd(), font, width))
                {
                    SplitOverlong(line.ToString(), font, width, lines, out var rest);
                    line.Clear().Append(rest);
                }
            }

            lines.Add(line.ToString().TrimEnd());
        }

        return lines;
    }

    private bool Fits(string text, XFont font, double width) => Graphics.MeasureString(text, font).Width <= width;

    private void SplitOverlong(string text, XFont font, double width, List<string> lines, out string rest)
    {
        var start = 0;
        for (var end = 1; end <= text.Length; end++)
        {
            if (end - start > 1 && !Fits(text[start..end], font, width))
            {
                lines.Add(text[start..(end - 1)]);
                start = end - 1;
            }
        }

        rest = text[start..];
    }

    /// <summary>
    /// Units that stay on one line: a word (or the part of a hyphenated word up to its hyphen) with its
    /// trailing spaces, or a single Chinese character with any closing punctuation after it and opening
    /// punctuation before it.
    /// </summary>
    internal static IEnumerable<string> BreakUnits(string text)
    {
        var unit = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var endsUnit = false;
            if (IsWideClosing(c) || char.IsWhiteSpace(c))
            {
                unit.Append(c);
                endsUnit = i + 1 < text.Length && !IsClosing(text[i + 1]) && !char.IsWhiteSpace(text[i + 1]);
            }
            else if (IsWide(c))
            {
                if (unit.Length > 0 && !EndsWithOpening(unit))
                {
                    yield return unit.ToString();
                    unit.Clear();
                }

                unit.Append(c);
                endsUnit = !IsOpening(c) && i + 1 < text.Length && !IsClosing(text[i + 1]) && !char.IsWhiteSpace(text[i + 1]);
            }
            else
            {
                unit.Append(c);
                var hyphenBreak = c == '-' && i > 0 && char.IsLetter(text[i - 1]) && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]);
                endsUnit = hyphenBreak || (i + 1 < text.Length && IsWide(text[i + 1]) && !IsClosing(text[i + 1]));
            }

            if (endsUnit)
            {
                yield return unit.ToString();
                unit.Clear();
            }
        }

        if (unit.Length > 0)
        {
            yield return unit.ToString();
        }
    }

    private static bool EndsWithOpening(StringBuilder unit) => IsOpening(unit[^1]);

    private static bool IsWide(char c) =>
        c is (>= '\u2E80' and <= '\u9FFF') or (>= '\uAC00' and <= '\uD7AF') or (>= '\uF900' and <= '\uFAFF') or (>= '\uFF00' and <= '\uFFEF');

    private static bool IsWideClosing(char c) => "，。、；：！？）」』】》〉”’…".Contains(c, StringComparison.Ordinal);

    // No line starts with these; ASCII ones only matter after a Chinese character (a word keeps its own).
    private static bool IsClosing(char c) => IsWideClosing(c) || ",.;:!?)%".Contains(c, StringComparison.Ordinal);

    private static bool IsOpening(char c) => "（「『【《〈“‘(".Contains(c, StringComparison.Ordinal);

    private void EnsureRoom(double height)
    {
        if (_y + height > Bottom && _y > Margin)
        {
            NewPage();
        }
    }

    private void NewPage()
    {
        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Size = PageSize.A4;
        _graphics = XGraphics.FromPdfPage(page);
        _y = Margin;
    }
}
