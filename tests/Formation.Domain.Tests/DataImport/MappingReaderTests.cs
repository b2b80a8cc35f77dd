using Formation.Domain.DataImport;
using Formation.Domain.Text;

namespace Formation.Domain.Tests.DataImport;

public class MappingReaderTests
{
    private const string Valid = """
        name: my-shop
        title: { zh: 我的店铺, en: My shop }
        encoding: GBK
        delimiter: "\t"
        headerRow: 3
        dateFormats: [yyyy-MM-dd, yyyyMMdd]
        numbers: { thousands: ".", decimal: "," }
        skipRowsStartingWith: [合计]
        fields:
          date: 日期
          channel: { fixed: 天猫 }
          campaign: { column: " 推广计划 " }
          currency: { fixed: CNY }
          cost: { column: 花费 }
        """;

    private static string Errors(string yaml)
    {
        var result = MappingReader.Read(yaml, "m.yaml");
        result.Value.ShouldBeNull();
        return string.Join("\n", result.Errors.Select(e => e.Format(Language.En)));
    }

    [Fact]
    public void Reads_every_key()
    {
        var result = MappingReader.Read(Valid, "m.yaml");

        result.Errors.ShouldBeEmpty();
        result.Value.ShouldBe(new ImportMapping(
            "my-shop", new LocalizedText("我的店铺", "My shop"), '\t', "GBK", 3, ["yyyy-MM-dd", "yyyyMMdd"], new NumberFormat('.', ','),
            new Dictionary<MetricField, FieldSource>
            {
                [MetricField.Date] = FieldSource.FromColumn("日期"),
                [MetricField.Channel] = FieldSource.FixedValue("天猫"),
                [MetricField.Campaign] = FieldSource.FromColumn("推广计划"),
                [MetricField.Currency] = FieldSource.FixedValue("CNY"),
                [MetricField.Cost] = FieldSource.FromColumn("花费"),
            },
            ["合计"]));
    }

    [Fact]
    public void Defaults_when_optional_keys_are_absent()
    {
        var mapping = MappingReader.Read("""
            name: x
            title: X
            fields: { date: d, channel: c, campaign: p, clicks: k }
            """, "m.yaml").Value!;

        mapping.Delimiter.ShouldBeNull();
        mapping.Encoding.ShouldBeNull();
        mapping.HeaderRow.ShouldBe(0);
        mapping.DateFormats.ShouldBeEmpty();
        mapping.Numbers.ShouldBe(NumberFormat.Standard);
        mapping.SkipRowsStartingWith.ShouldBeEmpty();
        mapping.Source.ShouldBeNull();
    }

    [Fact]
    public void An_unknown_field_id_names_its_line_and_key()
    {
        Errors(Valid.Replace("  cost: { column: 花费 }", "  cost: { column: 花费 }\n  spend: { column: 消费 }", StringComparison.Ordinal))
            .ShouldBe("m.yaml:15:3: fields.spend: Unknown field \"spend\"; valid: date, channel, campaign, segment, impressions, clicks, cost, conversions, leads, orders, revenue, currency.");
    }

    [Theory]
    [InlineData("  date: 日期\n", "date")]
    [InlineData("  channel: { fixed: 天猫 }\n", "channel")]
    [InlineData("  campaign: { column: \" 推广计划 \" }\n", "campaign")]
    public void A_missing_required_field_is_named(string line, string id)
    {
        Errors(Valid.Replace(line, "", StringComparison.Ordinal)).ShouldBe(
            $"m.yaml:10:3: fields: The required field \"{id}\" is missing: give its source column (column) or a fixed value (fixed).");
    }

    [Fact]
    public void A_mapping_without_a_measure_is_an_error()
    {
        Errors(Valid.Replace("  cost: { column: 花费 }", "", StringComparison.Ordinal))
            .ShouldEndWith("fields: Map at least one measure (impressions, clicks, cost, conversions, leads, orders, revenue).");
    }

    [Theory]
    [InlineData("\"ab\"", "m.yaml:4:12: delimiter: The delimiter must be \",\", \"\\t\" (tab), \";\" or \"|\" (is \"ab\").")]
    [InlineData("x", "m.yaml:4:12: delimiter: The delimiter must be \",\", \"\\t\" (tab), \";\" or \"|\" (is \"x\").")]
    [InlineData("'\"'", "m.yaml:4:12: delimiter: The delimiter must be \",\", \"\\t\" (tab), \";\" or \"|\" (is \"\"\").")]
    public void A_bad_delimiter_names_its_line_and_key(string value, string error) =>
        Errors(Valid.Replace("delimiter: \"\\t\"", "delimiter: " + value, StringComparison.Ordinal)).ShouldBe(error);

    [Theory]
    [InlineData("'\\t'", '\t')]
    [InlineData("tab", '\t')]
    [InlineData("\";\"", ';')]
    [InlineData("\"|\"", '|')]
    [InlineData("\",\"", ',')]
    public void Delimiter_spellings(string value, char expected) =>
        MappingReader.Read(Valid.Replace("delimiter: \"\\t\"", "delimiter: " + value, StringComparison.Ordinal), "m.yaml").Value!.Delimiter.ShouldBe(expected);

    [Theory]
    [InlineData("encoding: GBK", "encoding: latin1", "m.yaml:3:11: encoding: Unknown encoding \"latin1\"; valid: utf-8, gb18030, gbk, gb2312, utf-16, utf-16be.")]
    [InlineData("headerRow: 3", "headerRow: -1", "m.yaml:5:12: headerRow: Must not be negative (is -1).")]
    [InlineData("dateFormats: [yyyy-MM-dd, yyyyMMdd]", "dateFormats: [yyyy-MM]", "m.yaml:6:15: dateFormats[0]: \"yyyy-MM\" is not a full date format: it needs year, month and day, e.g. yyyy-MM-dd, yyyy/M/d, yyyyMMdd.")]
    [InlineData("numbers: { thousands: \".\", decimal: \",\" }", "numbers: { thousands: \",\", decimal: \",\" }", "m.yaml:7:10: numbers: The thousands separator and the decimal separator must differ.")]
    [InlineData("numbers: { thousands: \".\", decimal: \",\" }", "numbers: { thousands: \".\", decimal: \"·\" }", "m.yaml:7:37: numbers.decimal: Unknown decimal separator \"·\"; valid: \".\", \",\".")]
    [InlineData("skipRowsStartingWith: [合计]", "skipRowsStartingWith: [\" \"]", "m.yaml:8:24: skipRowsStartingWith[0]: Must not be empty: an empty prefix would skip every row.")]
    [InlineData("currency: { fixed: CNY }", "currency: { fixed: rmb }", "m.yaml:13:13: fields.currency: Expected a three-letter ISO 4217 code such as CNY (is \"rmb\").")]
    [InlineData("cost: { column: 花费 }", "cost: { column: 花费, fixed: \"0\" }", "m.yaml:14:9: fields.cost: Give either column or fixed, not both.")]
    [InlineData("cost: { column: 花费 }", "cost: { colum: 花费 }", "m.yaml:14:11: fields.cost.colum: Unknown key \"colum\"; valid here: column, fixed.")]
    [InlineData("name: my-shop", "nam: my-shop", "m.yaml:1:1: name: The required key \"name\" is missing.")]
    public void Bad_values_name_their_line_and_key(string line, string replacement, string error) =>
        Errors(Valid.Replace(line, replacement, StringComparison.Ordinal)).ShouldContain(error);

    [Fact]
    public void An_empty_thousands_separator_means_none()
    {
        var mapping = MappingReader.Read(Valid.Replace("thousands: \".\"", "thousands: \"\"", StringComparison.Ordinal), "m.yaml").Value!;
        mapping.Numbers.ShouldBe(new NumberFormat('\0', ','));
    }

    [Fact]
    public void Broken_yaml_is_an_error_with_a_line()
    {
        Errors("name: [x\ntitle: y").ShouldStartWith("m.yaml:1:7: YAML syntax error");
        Errors("").ShouldBe("m.yaml: The file is empty.");
    }

    [Fact]
    public void Every_shipped_mapping_round_trips_through_the_writer()
    {
        ShippedMappings.All.Count.ShouldBeGreaterThanOrEqualTo(5);
        foreach (var mapping in ShippedMappings.All)
        {
            var text = MappingWriter.Write(mapping);
            var back = MappingReader.Read(text, mapping.Name + ".yaml");
            back.Errors.ShouldBeEmpty(text);
            back.Value.ShouldBe(mapping, text);
        }
    }

    [Fact]
    public void Awkward_values_round_trip_through_the_writer()
    {
        var mapping = new ImportMapping(
            "用户的映射 #1", new LocalizedText("引号\"与\\反斜杠", "true"), '|', "UTF-16LE", 2, ["yyyy.MM.dd", "dd/MM/yyyy"], new NumberFormat('\0', ','),
            new Dictionary<MetricField, FieldSource>
            {
                [MetricField.Date] = FieldSource.FromColumn("Day: start"),
                [MetricField.Channel] = FieldSource.FixedValue("- 抖音"),
                [MetricField.Campaign] = FieldSource.FromColumn("[计划]"),
                [MetricField.Segment] = FieldSource.FromColumn("123"),
                [MetricField.Leads] = FieldSource.FromColumn("线索 # 数"),
            },
            ["null", "Total:"], "https://example.com/a?b=c#d");

        var text = MappingWriter.Write(mapping);
        var back = MappingReader.Read(text, "m.yaml");

        back.Errors.ShouldBeEmpty(text);
        back.Value.ShouldBe(mapping, text);
    }

    [Fact]
    public void Shipped_mappings_are_found_by_name()
    {
        ShippedMappings.Find("BAIDU-search-campaign")!.Encoding.ShouldBe("gb18030");
        ShippedMappings.Find("nope").ShouldBeNull();
        ShippedMappings.Standard.Fields.Keys.Select(MetricFields.Id).ShouldBe(
            ["date", "channel", "campaign", "segment", "impressions", "clicks", "cost", "conversions", "leads", "orders", "revenue"], ignoreOrder: true);
        ShippedMappings.FileText("google-ads-campaign")!.ShouldContain("Conv. value");
    }
}
