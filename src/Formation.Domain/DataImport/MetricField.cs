using Formation.Domain.Text;

namespace Formation.Domain.DataImport;

/// <summary>What a column of an export can mean to Formation. One imported row is one day of one campaign (and segment).</summary>
public enum MetricField
{
    /// <summary>The day the numbers are for (part of the row's natural key).</summary>
    Date,

    /// <summary>The channel, e.g. 百度搜索 or 抖音 (usually a fixed value of the mapping).</summary>
    Channel,

    /// <summary>The campaign (推广计划 / 广告计划); part of the natural key.</summary>
    Campaign,

    /// <summary>An optional finer key inside the campaign: ad group, keyword, product. Empty when not mapped.</summary>
    Segment,

    /// <summary>Impressions (展现量), a count.</summary>
    Impressions,

    /// <summary>Clicks (点击量), a count.</summary>
    Clicks,

    /// <summary>Cost (花费/消费/消耗), money in the organisation's currency.</summary>
    Cost,

    /// <summary>Conversions (转化数), a count.</summary>
    Conversions,

    /// <summary>Leads (线索数), a count.</summary>
    Leads,

    /// <summary>Orders (订单数), a count.</summary>
    Orders,

    /// <summary>Revenue (销售额/成交金额), money in the organisation's currency.</summary>
    Revenue,

    /// <summary>The ISO 4217 code the money columns are in; a row in another currency than the organisation's is rejected.</summary>
    Currency,
}

/// <summary>Facts about <see cref="MetricField"/> values.</summary>
public static class MetricFields
{
    /// <summary>The fields that hold a count (whole, not negative).</summary>
    public static bool IsCount(MetricField field) => field is MetricField.Impressions or MetricField.Clicks or MetricField.Conversions
        or MetricField.Leads or MetricField.Orders;

    /// <summary>The fields that hold money (not negative, up to four decimals).</summary>
    public static bool IsMoney(MetricField field) => field is MetricField.Cost or MetricField.Revenue;

    /// <summary>The field's id in mapping files and forms: "date", "campaign", "cost"…</summary>
    public static string Id(MetricField field) => field.ToString().ToLowerInvariant();

    /// <summary>Reads an id written by <see cref="Id"/> (case-insensitive).</summary>
    public static bool TryParse(string? id, out MetricField field) =>
        EnumNames.TryParse(id, out field);
}
