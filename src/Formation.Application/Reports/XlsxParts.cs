using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Formation.Application.Reports;

/// <summary>Pieces every XLSX export writes the same way.</summary>
internal static class XlsxCells
{
    /// <summary>A, B, … Z, AA, AB …</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}

/// <summary>The shared string table, each distinct text stored once.</summary>
internal sealed class SharedStrings
{
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);

    public SharedStringTable Table { get; } = new();

    public int IndexOf(string text)
    {
        if (!_indexes.TryGetValue(text, out var index))
        {
            index = _indexes.Count;
            _indexes.Add(text, index);
            Table.Append(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        }

        return index;
    }
}

/// <summary>A cell before it is written: a text (kept once in the shared strings) or a number kept as invariant text so decimals stay exact, with the index of its cell format.</summary>
internal readonly record struct XlsxCell(string? Text, string? Number, uint Style)
{
    /// <summary>No value: the cell is left out.</summary>
    public static XlsxCell Empty => default;

    /// <summary>Roughly how many character widths the longest line needs; Chinese characters count double.</summary>
    public double DisplayWidth(int numberPadding) =>
        Number is { } n ? n.Length + numberPadding : (Text ?? "").Split('\n').Max(line => line.Sum(ch => ch > '\u2E80' ? 2.0 : 1.1));

    /// <summary>A text in the stylesheet's first (plain) format.</summary>
    public static implicit operator XlsxCell(string text) => new(text, null, 0);
}

/// <summary>A sheet before it is written: a header row, then rows of cells.</summary>
internal sealed class XlsxSheet
{
    public XlsxSheet(string name, IReadOnlyList<string> header)
    {
        Name = name;
        HeaderRow(header);
    }

    public string Name { get; }

    public List<(IReadOnlyList<XlsxCell> Cells, bool IsHeader)> Rows { get; } = [];

    /// <summary>A row in the header style, such as a second table's titles further down.</summary>
    public void HeaderRow(IReadOnlyList<string> titles) => Rows.Add((titles.Select(t => (XlsxCell)t).ToList(), true));

    public void Row(params XlsxCell[] cells) => Rows.Add((cells, false));
}

/// <summary>
/// Writes sheets into a workbook: every text once in the shared strings, numbers as numeric cells, columns as wide as
/// their longest value (8 to 60 characters), and the first row frozen as a header on every sheet.
/// </summary>
internal static class XlsxWorkbook
{
    /// <param name="sheets">The sheets, in order.</param>
    /// <param name="stylesheet">The cell formats the cells' <see cref="XlsxCell.Style"/> index (<see cref="XlsxStyles"/>).</param>
    /// <param name="numberPadding">Characters added to a number's width for its format (currency signs, separators).</param>
    public static byte[] Write(IReadOnlyList<XlsxSheet> sheets, Stylesheet stylesheet, int numberPadding)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = stylesheet;
            var strings = new SharedStrings();
            var sheetList = workbookPart.Workbook.AppendChild(new Sheets());
            uint sheetId = 1;
            foreach (var sheet in sheets)
            {
                var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
                worksheetPart.Worksheet = Worksheet(sheet, strings, numberPadding);
                sheetList.Append(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = sheetId++, Name = sheet.Name });
            }

            workbookPart.AddNewPart<SharedStringTablePart>().SharedStringTable = strings.Table;
        }

        return stream.ToArray();
    }

    private static Worksheet Worksheet(XlsxSheet sheet, SharedStrings strings, int numberPadding)
    {
        var data = new SheetData();
        var widths = new double[sheet.Rows.Max(r => r.Cells.Count)];
        for (var r = 0; r < sheet.Rows.Count; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            var cells = sheet.Rows[r].Cells;
            for (var c = 0; c < cells.Count; c++)
            {
                var value = cells[c];
                if (value.Text is null && value.Number is null)
                {
                    continue;
                }

                var style = sheet.Rows[r].IsHeader ? XlsxStyles.Header : value.Style;
                var cell = new Cell { CellReference = XlsxCells.ColumnName(c) + (r + 1).ToString(CultureInfo.InvariantCulture), StyleIndex = style };
                if (value.Number is { } number)
                {
                    cell.DataType = CellValues.Number;
                    cell.CellValue = new CellValue(number);
                }
                else
                {
                    cell.DataType = CellValues.SharedString;
                    cell.CellValue = new CellValue(strings.IndexOf(value.Text!).ToString(CultureInfo.InvariantCulture));
                }

                row.Append(cell);
                widths[c] = Math.Max(widths[c], value.DisplayWidth(numberPadding));
            }

            data.Append(row);
        }

        var columns = new Columns();
        for (var c = 0; c < widths.Length; c++)
        {
            columns.Append(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = Math.Round(Math.Clamp(widths[c] + 2, 8, 60), 1), CustomWidth = true });
        }

        var frozenHeader = new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        {
            WorkbookViewId = 0,
        };
        return new Worksheet(new SheetViews(frozenHeader), columns, data);
    }
}

/// <summary>
/// The stylesheet of every export: the default font and a bold one, a light fill for headers, no borders, everything
/// top-aligned. Cell format <see cref="Plain"/> is plain, <see cref="Header"/> bold on the fill and wrapped,
/// <see cref="Wrapped"/> wrapped text; an export's number formats follow from index 3 on, in the order given.
/// </summary>
internal static class XlsxStyles
{
    public const uint Plain = 0;
    public const uint Header = 1;
    public const uint Wrapped = 2;

    /// <summary>A cell format showing numbers in the built-in or custom number format <paramref name="numberFormatId"/>.</summary>
    public static CellFormat Number(uint numberFormatId) => new()
    {
        FormatId = 0, NumberFormatId = numberFormatId, FontId = 0, FillId = 0, BorderId = 0, ApplyNumberFormat = true,
        Alignment = new Alignment { Vertical = VerticalAlignmentValues.Top }, ApplyAlignment = true,
    };

    /// <param name="customFormats">Number formats of the export's own, with their ids (164 and up).</param>
    /// <param name="numberCells">The export's number cell formats, indexes 3, 4, … in order.</param>
    public static Stylesheet Create(IReadOnlyList<(uint Id, string Code)> customFormats, params CellFormat[] numberCells)
    {
        CellFormat[] formats =
        [
            new CellFormat { FormatId = 0, FontId = 0, FillId = 0, BorderId = 0, Alignment = new Alignment { Vertical = VerticalAlignmentValues.Top }, ApplyAlignment = true },
            new CellFormat { FormatId = 0, FontId = 1, FillId = 2, BorderId = 0, ApplyFont = true, ApplyFill = true, Alignment = new Alignment { Vertical = VerticalAlignmentValues.Top, WrapText = true }, ApplyAlignment = true },
            new CellFormat { FormatId = 0, FontId = 0, FillId = 0, BorderId = 0, Alignment = new Alignment { Vertical = VerticalAlignmentValues.Top, WrapText = true }, ApplyAlignment = true },
            .. numberCells,
        ];
        return new Stylesheet(
            new NumberingFormats(customFormats.Select(f => new NumberingFormat { NumberFormatId = f.Id, FormatCode = f.Code })) { Count = (uint)customFormats.Count },
            new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE8EDF5" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }))
            { Count = 3 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(formats) { Count = (uint)formats.Length },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }
}
