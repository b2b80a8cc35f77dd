using Formation.Domain.DataImport;
using static Formation.Domain.Tests.DataImport.ImportFixtures;

namespace Formation.Domain.Tests.DataImport;

public class FixtureImportTests
{
    [Fact]
    public void Baidu_gbk_report_is_decoded_its_header_found_after_the_preamble_and_the_total_row_skipped()
    {
        var (records, reader) = Import("baidu-campaign-gbk.csv", Shipped("baidu-search-campaign"));

        reader.Problems.ShouldBeEmpty();
        reader.HeaderLine.ShouldBe(4);
        reader.Header.ShouldBe(["日期", "账户", "推广计划", "展现", "点击", "消费", "点击率", "平均点击价格"]);
        records.ShouldBe([
            Row(5, "2024-05-01", "百度搜索", "品牌词-上海", impressions: 12_345, clicks: 678, costE4: 12_345_600),
            Row(6, "2024-05-01", "百度搜索", "竞品词", impressions: 8_000, clicks: 120, costE4: 3_600_000),
            Row(7, "2024-05-02", "百度搜索", "品牌词-上海", impressions: 11_000, clicks: 650, costE4: 11_804_000),
            Row(8, "2024-05-02", "百度搜索", "通用词·北京"),
        ]);
        reader.SummaryRows.ShouldBe(1);
        reader.AcceptedRows.ShouldBe(4);
        reader.RejectedRows.ShouldBe(0);
    }

    [Fact]
    public void Baidu_file_is_detected_as_gb18030_without_the_mapping_saying_so()
    {
        using var stream = Open("baidu-campaign-gbk.csv");
        using var source = CsvSource.Open(stream);

        source.Encoding.CodePage.ShouldBe(54936);
        source.Delimiter.ShouldBe(',');
        source.Read().ShouldBeTrue();
        source.Text(0).ToString().ShouldBe("推广计划报告");
    }

    [Fact]
    public void Utf8_file_with_a_byte_order_mark_does_not_carry_it_into_the_first_header()
    {
        var (records, reader) = Import("standard-utf8-bom.csv", ShippedMappings.Standard);

        reader.Problems.ShouldBeEmpty();
        reader.HeaderLine.ShouldBe(1);
        reader.Header[0].ShouldBe("date");
        records.ShouldBe([
            Row(2, "2024-06-01", "微信公众号", "618 预热", "推文A", 5_200, 310, 0, 12, 8, 3, 8_970_000),
            Row(3, "2024-06-01", "抖音", "618 预热", "", 15_000, 420, 8_005_000, 20, 5, 9, 26_901_000),
            Row(4, "2024-06-02", "微信公众号", "618 预热", "推文A", 4_800, 290, 0, 10, 6, 2, 5_980_000),
        ]);
    }

    [Fact]
    public void Google_ads_utf16_tab_file_is_read_after_its_title_and_date_range_lines()
    {
        var (records, reader) = Import("google-ads-utf16.csv", Shipped("google-ads-campaign"), currency: "USD");

        reader.Problems.ShouldBeEmpty();
        reader.HeaderLine.ShouldBe(3);
        reader.Header[0].ShouldBe("Day");
        records.ShouldBe([
            Row(4, "2024-05-01", "Google Ads", "Brand - US", impressions: 1_204, clicks: 87, costE4: 453_000, conversions: 3, revenueE4: 2_400_000),
            Row(5, "2024-05-01", "Google Ads", "Generic - UK", impressions: 530, clicks: 12, costE4: 187_500),
            Row(6, "2024-05-02", "Google Ads", "Brand - US", impressions: 1_311, clicks: 90, costE4: 471_200, conversions: 4, revenueE4: 3_105_000),
        ]);
        reader.SummaryRows.ShouldBe(1);
    }

    [Fact]
    public void Google_ads_file_detects_utf16_and_tab_on_its_own()
    {
        using var stream = Open("google-ads-utf16.csv");
        using var source = CsvSource.Open(stream);

        source.Encoding.CodePage.ShouldBe(1200);
        source.Delimiter.ShouldBe('\t');
    }

    [Fact]
    public void Rows_in_another_currency_than_the_organisations_are_each_rejected()
    {
        var (records, reader) = Import("google-ads-utf16.csv", Shipped("google-ads-campaign"), currency: "CNY");

        records.ShouldBeEmpty();
        reader.Problems.Select(p => p.Describe()).ShouldBe([
            "line 4, column Currency code: The row is in USD; the organisation's currency is CNY.",
            "line 5, column Currency code: The row is in USD; the organisation's currency is CNY.",
            "line 6, column Currency code: The row is in USD; the organisation's currency is CNY.",
        ]);
    }

    [Fact]
    public void Semicolon_file_with_thousands_separators_and_currency_symbols()
    {
        using (var stream = Open("semicolon-yen.csv"))
        using (var source = CsvSource.Open(stream))
        {
            source.Delimiter.ShouldBe(';');
        }

        var (records, reader) = Import("semicolon-yen.csv", ShippedMappings.Standard);

        reader.Problems.ShouldBeEmpty();
        records.ShouldBe([
            Row(2, "2024-07-01", "小红书", "新品种草", "笔记A", 12_000, 640, 12_345_000, 15, 9, 4, 56_000_000),
            Row(3, "2024-07-01", "小红书", "新品种草", "笔记B", 3_500, 98, 3_100_000, 2, 1, 0, 0),
            Row(4, "2024-07-02", "知乎", "专栏推广", "", 0, 0, 888_000, 0, 0, 0, 0),
        ]);
    }

    [Fact]
    public void Ocean_engine_project_report()
    {
        var (records, reader) = Import("oceanengine-project.csv", Shipped("oceanengine-project-report"));

        reader.Problems.ShouldBeEmpty();
        records.ShouldBe([
            Row(2, "2024-09-01", "巨量引擎", "春季招商-表单", impressions: 80_210, clicks: 1_630, costE4: 15_203_000, conversions: 42),
            Row(3, "2024-09-01", "巨量引擎", "春季招商-电话", impressions: 10_020, clicks: 205, costE4: 3_000_000, conversions: 5),
        ]);
    }

    [Fact]
    public void Bad_file_names_every_rejected_value_by_line_and_column_and_skips_blank_and_repeated_rows()
    {
        var (records, reader) = Import("bad.csv", ShippedMappings.Standard);

        records.ShouldBe([
            Row(2, "2024-08-01", "百度搜索", "品牌词", "", 1_000, 50, 1_000_000, 2, 1, 0, 0),
            Row(11, "2024-08-03", "百度搜索", "品牌词", "", 1_100, 55, 1_100_000, 3, 2, 0, 0),
        ]);
        reader.Problems.Select(p => p.Describe()).ShouldBe([
            "line 5, column campaign: Same channel, campaign, segment and day as line 2, with different numbers.",
            "line 6, column date: Not a date in the form yyyy-MM-dd.",
            "line 7, column cost: Must not be negative.",
            "line 8, column impressions: Not a number.",
            "line 9, column clicks: A percentage where a number is expected.",
            "line 12, column campaign: Must not be empty.",
            "line 12, column impressions: Must not be negative.",
            "line 12, column clicks: Not a whole number.",
            "line 12, column cost: Not a number.",
        ]);
        reader.Problems.Select(p => p.Value).ShouldBe(["品牌词", "2024/08/02", "-15.00", "abc", "3.5%", "", "-5", "1.5", "abc"]);
        reader.Problems.Select(p => p.Field).ShouldBe([
            MetricField.Campaign, MetricField.Date, MetricField.Cost, MetricField.Impressions, MetricField.Clicks,
            MetricField.Campaign, MetricField.Impressions, MetricField.Clicks, MetricField.Cost,
        ]);
        reader.BlankRows.ShouldBe(2);
        reader.DuplicateRows.ShouldBe(1);
        reader.RejectedRows.ShouldBe(6);
        reader.AcceptedRows.ShouldBe(2);
        reader.ProblemCount.ShouldBe(9);
        reader.Readable.ShouldBeTrue();
    }

    [Fact]
    public void Shop_workbook_reads_typed_dates_numbers_and_a_sparse_row()
    {
        var (records, reader) = Import("shop-daily.xlsx", Shipped("jd-shop-daily"));

        reader.HeaderLine.ShouldBe(3);
        records.ShouldBe([
            Row(4, "2024-06-01", "京东店铺", "店铺整体", orders: 95, revenueE4: 123_456_700),
            Row(5, "2024-06-02", "京东店铺", "店铺整体", orders: 80, revenueE4: 98_765_000),
            Row(6, "2024-06-03", "京东店铺", "店铺整体", orders: 41, revenueE4: 10_000_000),
        ]);
        reader.Problems.Select(p => p.Describe()).ShouldBe(["line 7, column 成交单量: Not a whole number."]);
        reader.Problems[0].Value.ShouldBe("12.5");
        reader.SummaryRows.ShouldBe(1);
    }

    [Fact]
    public void A_file_without_the_mapped_header_is_unreadable_and_says_which_columns_are_missing()
    {
        var (records, reader) = Import("standard-utf8-bom.csv", Shipped("baidu-search-campaign") with { Encoding = null });

        records.ShouldBeEmpty();
        reader.Readable.ShouldBeFalse();
        reader.Problems.Single().Describe().ShouldBe(
            "line 0, column : No header row in the first 50 lines: missing column(s) \"日期\", \"推广计划\", \"展现\", \"点击\", \"消费\".");
    }
}
