using System.Globalization;
using Formation.Domain.DataImport;
using Formation.Domain.Metrics;
using static Formation.Web.Infrastructure.Ui;

namespace Formation.Web.Features.Data;

/// <summary>Words the data pages share.</summary>
public static class DataText
{
    /// <summary>What a metric field is called on the pages.</summary>
    public static string FieldName(MetricField field) => field switch
    {
        MetricField.Date => L("日期", "Date"),
        MetricField.Channel => L("渠道", "Channel"),
        MetricField.Campaign => L("活动（推广计划）", "Campaign"),
        MetricField.Segment => L("细分（广告组、关键词、商品）", "Segment (ad group, keyword, product)"),
        MetricField.Impressions => L("展现量", "Impressions"),
        MetricField.Clicks => L("点击量", "Clicks"),
        MetricField.Cost => L("花费", "Cost"),
        MetricField.Conversions => L("转化数", "Conversions"),
        MetricField.Leads => L("线索数", "Leads"),
        MetricField.Orders => L("订单数", "Orders"),
        MetricField.Revenue => L("销售额", "Revenue"),
        MetricField.Currency => L("币种", "Currency"),
        _ => MetricFields.Id(field),
    };

    /// <summary>Money held in ten-thousandths, in the organisation's currency.</summary>
    public static string Money(long amountE4, string currency) => Kpis.FormatMoney(amountE4 / 10_000m, currency);

    /// <summary>A count with group separators.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>A day as yyyy-MM-dd (what both languages read in tables).</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A size in bytes as KB or MB.</summary>
    public static string Size(long bytes) => bytes >= 1024 * 1024
        ? (bytes / 1024d / 1024d).ToString("0.#", CultureInfo.CurrentCulture) + " MB"
        : Math.Ceiling(bytes / 1024d).ToString("0", CultureInfo.CurrentCulture) + " KB";
}
