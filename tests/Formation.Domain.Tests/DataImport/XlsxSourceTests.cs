using System.IO.Compression;
using Formation.Domain.DataImport;
using static Formation.Domain.Tests.DataImport.ImportFixtures;

namespace Formation.Domain.Tests.DataImport;

public class XlsxSourceTests
{
    private static XlsxSource OpenShop(string? sheet = null)
    {
        var stream = Open("shop-daily.xlsx");
        XlsxSource.TryOpen(stream, sheet, out var source, out var problem).ShouldBeTrue(problem?.En);
        return source!;
    }

    [Fact]
    public void Rows_keep_the_sheets_numbers_and_a_missing_row_reads_as_blank()
    {
        using var source = OpenShop();
        var lines = new List<(int Line, int Cells)>();
        while (source.Read())
        {
            lines.Add((source.LineNumber, source.FieldCount));
        }

        lines.ShouldBe([(1, 1), (2, 0), (3, 6), (4, 6), (5, 6), (6, 5), (7, 6), (8, 4)]);
        source.SheetName.ShouldBe("经营概况");
        source.Progress.ShouldBe(1);
    }

    [Fact]
    public void Cells_are_typed_and_sparse_cells_land_in_their_columns()
    {
        using var source = OpenShop();
        ReadTo(source, 1);
        source.Kind(0).ShouldBe(CellKind.Text);
        source.Text(0).ToString().ShouldBe("京东商智 经营概况");
        source.Progress.ShouldBe(1.0 / 8);

        ReadTo(source, 3);
        source.Text(0).ToString().ShouldBe("日期"); // the phonetic guide is not part of the text

        ReadTo(source, 4);
        source.Kind(0).ShouldBe(CellKind.Date);
        source.DateValue(0).ShouldBe(new DateOnly(2024, 6, 1));
        source.Text(0).ToString().ShouldBe("2024-06-01");
        source.Kind(1).ShouldBe(CellKind.Number);
        source.NumberValue(1).ShouldBe(1520m);
        source.NumberValue(4).ShouldBe(12345.67m);
        source.Text(4).ToString().ShouldBe("12345.67");
        source.Text(5).ToString().ShouldBe("TRUE");

        ReadTo(source, 5);
        source.DateValue(0).ShouldBe(new DateOnly(2024, 6, 2)); // custom yyyy"年"m"月"d"日"
        source.Kind(2).ShouldBe(CellKind.Empty);
        source.Text(2).ToString().ShouldBe("");
        source.NumberValue(3).ShouldBe(80m);
        source.Text(5).ToString().ShouldBe("#N/A");
        source.Kind(5).ShouldBe(CellKind.Text);

        ReadTo(source, 6);
        source.Kind(0).ShouldBe(CellKind.Text);
        source.Text(0).ToString().ShouldBe("2024-06-03");
        source.Kind(2).ShouldBe(CellKind.Empty);
        source.Text(4).ToString().ShouldBe("¥1,000.00");

        ReadTo(source, 7);
        source.DateValue(0).ShouldBe(new DateOnly(2024, 6, 4)); // date and time: the day
        source.NumberValue(1).ShouldBe(1200m);
        source.Kind(2).ShouldBe(CellKind.Empty);
        source.NumberValue(3).ShouldBe(12.5m);
        source.Text(5).ToString().ShouldBe("x");
        source.Kind(9).ShouldBe(CellKind.Empty);
        source.Text(-1).ToString().ShouldBe("");
    }

    [Fact]
    public void A_named_sheet_can_be_read()
    {
        using var source = OpenShop("备注");
        source.Read().ShouldBeTrue();
        source.Text(0).ToString().ShouldBe("说明");
        source.Progress.ShouldBe(0); // no dimension element
        source.Read().ShouldBeTrue();
        source.Read().ShouldBeFalse();
    }

    [Fact]
    public void A_missing_sheet_name_is_a_problem()
    {
        using var stream = Open("shop-daily.xlsx");
        XlsxSource.TryOpen(stream, "Sheet9", out var source, out var problem).ShouldBeFalse();
        source.ShouldBeNull();
        problem!.En.ShouldBe("The workbook has no worksheet named \"Sheet9\".");
    }

    [Fact]
    public void A_file_that_is_not_a_workbook_is_a_problem_not_an_exception()
    {
        using var text = Open("bad.csv");
        XlsxSource.TryOpen(text, out var source, out var problem).ShouldBeFalse();
        source.ShouldBeNull();
        problem!.En.ShouldStartWith("The file cannot be read: it is not a valid .xlsx workbook");

        using var empty = new MemoryStream();
        XlsxSource.TryOpen(empty, out _, out problem).ShouldBeFalse();
        problem.ShouldNotBeNull();

        var truncated = File.ReadAllBytes(ImportFixtures.Path("shop-daily.xlsx"))[..1000];
        XlsxSource.TryOpen(new MemoryStream(truncated), out _, out problem).ShouldBeFalse();
        problem.ShouldNotBeNull();
    }

    [Fact]
    public void A_damaged_sheet_ends_the_import_with_a_file_problem()
    {
        var bytes = File.ReadAllBytes(ImportFixtures.Path("shop-daily.xlsx"));
        using var copy = new MemoryStream();
        copy.Write(bytes);
        using (var zip = new ZipArchive(copy, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = reader.ReadToEnd();
            }

            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            writer.Write(xml[..xml.IndexOf("<row r=\"6\"", StringComparison.Ordinal)] + "<row r=\"6\"><c r=\"A6\"><v>1</v></row>");
        }

        copy.Position = 0;
        XlsxSource.TryOpen(copy, out var source, out _).ShouldBeTrue();
        using (source)
        {
            var reader = new MetricRowReader(source!, Shipped("jd-shop-daily"), "CNY");
            var count = 0;
            while (reader.Next(out _))
            {
                count++;
            }

            count.ShouldBe(2);
            reader.Readable.ShouldBeFalse();
            reader.Problems.Single().Reason.En.ShouldStartWith("The worksheet is damaged near row 6");
        }
    }

    [Theory]
    [InlineData("A1", 0)]
    [InlineData("C5", 2)]
    [InlineData("Z9", 25)]
    [InlineData("AA10", 26)]
    [InlineData("XFD1048576", 16383)]
    [InlineData("$B$2", -1)]
    [InlineData("12", -1)]
    public void Column_index_from_a_cell_reference(string reference, int index) => XlsxSource.ColumnIndex(reference).ShouldBe(index);

    [Theory]
    [InlineData("yyyy-mm-dd", true)]
    [InlineData("yyyy\"年\"m\"月\"d\"日\"", true)]
    [InlineData("[$-804]yyyy/m/d;@", true)]
    [InlineData("m/d/yy h:mm", true)]
    [InlineData("mmm-yy", true)]
    [InlineData("h:mm:ss", false)]
    [InlineData("[h]:mm", false)]
    [InlineData("mm:ss.0", false)]
    [InlineData("#,##0.00", false)]
    [InlineData("#,##0 \"day\"", false)]
    [InlineData("[Red]0.00", false)]
    [InlineData("General", false)]
    [InlineData("0.00E+00", false)]
    [InlineData("@", false)]
    public void Date_format_codes(string code, bool isDate) => XlsxSource.IsDateFormatCode(code).ShouldBe(isDate);

    private static void ReadTo(XlsxSource source, int line)
    {
        while (source.LineNumber < line)
        {
            source.Read().ShouldBeTrue();
        }

        source.LineNumber.ShouldBe(line);
    }
}
