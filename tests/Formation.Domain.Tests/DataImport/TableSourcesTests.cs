using Formation.Domain.DataImport;
using static Formation.Domain.Tests.DataImport.ImportFixtures;

namespace Formation.Domain.Tests.DataImport;

public class TableSourcesTests
{
    [Theory]
    [InlineData("report.csv")]
    [InlineData("REPORT.TXT")]
    [InlineData("export.tsv")]
    public void Text_extensions_open_as_csv(string name)
    {
        using var stream = Open("google-ads-utf16.csv");
        var opened = TableSources.Open(name, stream, ShippedMappings.Standard with { Encoding = null });

        opened.Problem.ShouldBeNull();
        using var source = opened.Source.ShouldBeOfType<CsvSource>();
        source.Delimiter.ShouldBe('\t');
    }

    [Fact]
    public void The_mappings_delimiter_and_encoding_are_used()
    {
        using var stream = Open("baidu-campaign-gbk.csv");
        var opened = TableSources.Open("a.csv", stream, Shipped("baidu-search-campaign") with { Delimiter = ';' });
        using var source = opened.Source.ShouldBeOfType<CsvSource>();

        source.Delimiter.ShouldBe(';');
        source.Encoding.CodePage.ShouldBe(54936);
    }

    [Fact]
    public void Xlsx_opens_the_first_worksheet()
    {
        using var stream = Open("shop-daily.xlsx");
        var opened = TableSources.Open("店铺.xlsx", stream, Shipped("jd-shop-daily"));

        using var source = opened.Source.ShouldBeOfType<XlsxSource>();
        source.SheetName.ShouldBe("经营概况");
    }

    [Fact]
    public void A_damaged_xlsx_is_a_problem()
    {
        using var stream = Open("bad.csv");
        var opened = TableSources.Open("bad.xlsx", stream, ShippedMappings.Standard);

        opened.Source.ShouldBeNull();
        opened.Problem!.Zh.ShouldContain(".xlsx");
    }

    [Fact]
    public void Old_excel_files_are_asked_to_be_saved_as_xlsx_or_csv()
    {
        using var stream = new MemoryStream([0xD0, 0xCF, 0x11, 0xE0]);
        var opened = TableSources.Open("report.XLS", stream, ShippedMappings.Standard);

        opened.Source.ShouldBeNull();
        opened.Problem!.En.ShouldContain("save the file as .xlsx or .csv");
        opened.Problem.Zh.ShouldContain("另存为");
    }

    [Theory]
    [InlineData("report.pdf", "Cannot import a .pdf file: upload a .csv, .txt, .tsv or .xlsx file.")]
    [InlineData("report", "Cannot import a (no extension) file: upload a .csv, .txt, .tsv or .xlsx file.")]
    public void Other_extensions_are_a_problem(string name, string message)
    {
        using var stream = new MemoryStream();
        TableSources.Open(name, stream, ShippedMappings.Standard).Problem!.En.ShouldBe(message);
    }

    [Fact]
    public void An_unknown_encoding_in_a_mapping_is_a_problem_not_an_exception()
    {
        using var stream = Open("bad.csv");
        var opened = TableSources.Open("bad.csv", stream, ShippedMappings.Standard with { Encoding = "latin-9" });

        opened.Source.ShouldBeNull();
        opened.Problem!.En.ShouldBe("The mapping's encoding \"latin-9\" is not known; use utf-8, gb18030 or utf-16.");
    }
}

public class CsvSourceTests
{
    [Theory]
    [InlineData("a,b\n1,2\n3,4\n", new[] { 1, 2, 3 })]
    [InlineData("a,b\r\n\r\n1,2\r\n", new[] { 1, 2, 3 })]
    [InlineData("\"a\nstill a\",b\n1,2\n\"x\",\"y\nz\"\n5,6\n", new[] { 1, 3, 4, 6 })]
    public void Line_numbers_are_where_each_record_starts(string text, int[] lines)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        using var source = CsvSource.Open(stream, ',', "utf-8");
        var seen = new List<int>();
        while (source.Read())
        {
            seen.Add(source.LineNumber);
        }

        seen.ShouldBe(lines);
    }

    [Fact]
    public void A_quoted_cell_keeps_its_delimiters_and_line_break()
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("\"a,\nb\",c\n"));
        using var source = CsvSource.Open(stream);
        source.Read().ShouldBeTrue();
        source.Text(0).ToString().ShouldBe("a,\nb");
        source.Text(1).ToString().ShouldBe("c");
    }
}
