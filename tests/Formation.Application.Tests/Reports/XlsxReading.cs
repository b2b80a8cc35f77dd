using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Formation.Application.Tests.Reports;

/// <summary>Reads back what an XLSX export wrote: sheets, rows, and a cell's text, number or number format.</summary>
internal static class XlsxReading
{
    /// <summary>Writes the workbook to a temporary file named <paramref name="fileName"/> and opens it read-only.</summary>
    public static SpreadsheetDocument Open(byte[] bytes, string fileName) => SpreadsheetDocument.Open(ReportExamples.WriteTemp(bytes, fileName), false);

    public static List<string> SheetNames(SpreadsheetDocument workbook) =>
        workbook.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();

    public static List<Row> Rows(SpreadsheetDocument workbook, string sheetName)
    {
        var sheet = workbook.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        var part = (WorksheetPart)workbook.WorkbookPart.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<Row>().ToList();
    }

    public static Cell? CellAt(Row row, string column) =>
        row.Elements<Cell>().SingleOrDefault(c => c.CellReference == column + row.RowIndex!.Value.ToString(CultureInfo.InvariantCulture));

    /// <summary>The cell's text from the shared strings; empty when there is no cell; fails when the cell holds a number.</summary>
    public static string Text(SpreadsheetDocument workbook, Row row, string column)
    {
        var cell = CellAt(row, column);
        if (cell is null)
        {
            return "";
        }

        cell.DataType!.Value.ShouldBe(CellValues.SharedString, $"{cell.CellReference} should hold text");
        var index = int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture);
        return workbook.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ElementAt(index).InnerText;
    }

    /// <summary>The cell's number; fails when there is no cell or it holds text.</summary>
    public static decimal Number(Row row, string column)
    {
        var cell = CellAt(row, column).ShouldNotBeNull();
        (cell.DataType is null || cell.DataType.Value == CellValues.Number).ShouldBeTrue($"{cell.CellReference} should hold a number");
        return decimal.Parse(cell.CellValue!.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
