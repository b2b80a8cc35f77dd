using System.Text;
using Formation.Domain.DataImport;
using static Formation.Domain.Tests.DataImport.ImportFixtures;

namespace Formation.Domain.Tests.DataImport;

public class MetricRowReaderTests
{
    private static (List<MetricRecord> Records, MetricRowReader Reader) ReadText(string text, ImportMapping mapping, ImportFixes? fixes = null)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        using var source = CsvSource.Open(stream);
        var reader = new MetricRowReader(source, mapping, "CNY", fixes);
        var records = new List<MetricRecord>();
        while (reader.Next(out var record))
        {
            records.Add(record);
        }

        return (records, reader);
    }

    private const string Header = "date,channel,campaign,segment,impressions,clicks,cost,conversions,leads,orders,revenue\n";

    [Fact]
    public void The_warm_up_reads_its_row_through_every_check_of_the_standard_mapping()
    {
        // Rejected or skipped, the row would leave the per-row code it is there to compile unrun.
        MetricRowReader.WarmUp().ShouldBe(1);
    }

    [Fact]
    public void An_empty_date_is_rejected_not_read_as_year_one()
    {
        var (records, reader) = ReadText(Header + ",百度搜索,品牌词,,1,1,1,0,0,0,0\n", ShippedMappings.Standard);

        records.ShouldBeEmpty();
        reader.Problems.Select(p => p.Describe()).ShouldBe(["line 2, column date: The date is empty."]);
    }

    [Fact]
    public void A_users_fixes_replace_cells_and_leave_rows_out()
    {
        var fixes = new ImportFixes().Set(2, MetricField.Date, "2024-08-02").Skip(3);
        var (records, reader) = ReadText(Header + "2024/08/02,百度搜索,品牌词,,1,1,1,0,0,0,0\n2024-08-02,百度搜索,品牌词,,x,1,1,0,0,0,0\n", ShippedMappings.Standard, fixes);

        records.ShouldBe([Row(2, "2024-08-02", "百度搜索", "品牌词", "", 1, 1, 10_000)]);
        reader.LeftOutRows.ShouldBe(1);
        reader.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void A_gbk_export_re_saved_as_utf8_with_a_mark_still_reads_with_the_gbk_mapping()
    {
        var text = CsvSource.Gb18030.GetString(File.ReadAllBytes(ImportFixtures.Path("baidu-campaign-gbk.csv")));
        using var stream = new MemoryStream([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);
        var mapping = Shipped("baidu-search-campaign");
        using var source = TableSources.Open("baidu.csv", stream, mapping).Source!;
        var reader = new MetricRowReader(source, mapping, "CNY");

        reader.Next(out var first).ShouldBeTrue();
        first.Campaign.ShouldBe("品牌词-上海");
        ((CsvSource)source).Encoding.CodePage.ShouldBe(65001);
    }

    [Fact]
    public void A_fixed_header_row_is_used_as_given()
    {
        var mapping = Shipped("baidu-search-campaign") with { HeaderRow = 4 };
        var (records, reader) = Import("baidu-campaign-gbk.csv", mapping);
        reader.HeaderLine.ShouldBe(4);
        records.Count.ShouldBe(4);

        (records, reader) = Import("baidu-campaign-gbk.csv", mapping with { HeaderRow = 2 });
        records.ShouldBeEmpty();
        reader.Problems.Single().Reason.En.ShouldStartWith("No header row in line 2: missing column(s) \"日期\"");
    }
}
