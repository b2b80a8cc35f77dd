using System.Globalization;
using Formation.Domain.Metrics;
using Formation.Domain.Playbooks;
using Formation.Domain.Text;

namespace Formation.Domain.Tests.Metrics;

public class KpiTests
{
    // CTR 2.35%, CPC 2, CPM 47, CVR 5%, CPA 40, cost per lead 100, AOV 162.5, ROAS 3.25, ROI 225%.
    private static readonly MetricTotals s_month = new(
        Impressions: 200_000, Clicks: 4_700, Cost: 9_400m, Conversions: 235, Leads: 94, Orders: 188, Revenue: 30_550m);

    private static readonly string[] s_ids =
    [
        "impressions", "clicks", "ctr", "cost", "cpc", "cpm", "conversions", "cvr",
        "cpa", "leads", "cost-per-lead", "orders", "revenue", "aov", "roas", "roi",
    ];

    [Fact]
    public void All_AreTheSixteenOfTheVocabularyWithItsNames()
    {
        Kpis.All.Select(k => k.Id).ShouldBe(s_ids);
        foreach (var kpi in Kpis.All)
        {
            PlaybookLibrary.Shipped.Kpis[kpi.Id].Name.ShouldBe(kpi.Name, kpi.Id);
        }
    }

    [Fact]
    public void All_CountsAndMoneyAreAdditive_CostsPerUnitAreLowerIsBetter()
    {
        Kpis.All.Where(k => k.Additive).Select(k => k.Id).ShouldBe(["impressions", "clicks", "cost", "conversions", "leads", "orders", "revenue"]);
        Kpis.All.Where(k => k.LowerIsBetter).Select(k => k.Id).ShouldBe(["cpc", "cpm", "cpa", "cost-per-lead"]);
        Kpis.Get("roas").Kind.ShouldBe(KpiKind.Multiple);
        Kpis.All.Where(k => k.Kind == KpiKind.Ratio).Select(k => k.Id).ShouldBe(["ctr", "cvr", "roi"]);
        Kpis.All.Where(k => k.Kind == KpiKind.MoneyRatio).Select(k => k.Id).ShouldBe(["cpc", "cpm", "cpa", "cost-per-lead", "aov"]);
    }

    [Theory]
    [InlineData("impressions", "200000")]
    [InlineData("clicks", "4700")]
    [InlineData("ctr", "0.0235")]
    [InlineData("cost", "9400")]
    [InlineData("cpc", "2")]
    [InlineData("cpm", "47")]
    [InlineData("conversions", "235")]
    [InlineData("cvr", "0.05")]
    [InlineData("cpa", "40")]
    [InlineData("leads", "94")]
    [InlineData("cost-per-lead", "100")]
    [InlineData("orders", "188")]
    [InlineData("revenue", "30550")]
    [InlineData("aov", "162.5")]
    [InlineData("roas", "3.25")]
    [InlineData("roi", "2.25")]
    public void Value_OfAMonth_IsTheHandComputedFigure(string kpi, string expected) =>
        Kpis.Value(kpi, s_month).ShouldBe(decimal.Parse(expected, CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("impressions", "200,000")]
    [InlineData("clicks", "4,700")]
    [InlineData("ctr", "2.35%")]
    [InlineData("cost", "¥9,400.00")]
    [InlineData("cpc", "¥2.00")]
    [InlineData("cpm", "¥47.00")]
    [InlineData("conversions", "235")]
    [InlineData("cvr", "5.00%")]
    [InlineData("cpa", "¥40.00")]
    [InlineData("leads", "94")]
    [InlineData("cost-per-lead", "¥100.00")]
    [InlineData("orders", "188")]
    [InlineData("revenue", "¥30,550.00")]
    [InlineData("aov", "¥162.50")]
    [InlineData("roas", "3.25")]
    [InlineData("roi", "225.00%")]
    public void Format_OfAMonth_ReadsTheSameInBothLanguages(string kpi, string expected)
    {
        var value = Kpis.Value(kpi, s_month);

        Kpis.Format(kpi, value, "CNY", Language.En).ShouldBe(expected);
        Kpis.Format(kpi, value, "CNY", Language.Zh).ShouldBe(expected);
    }

    [Fact]
    public void Roi_WhenRevenueDoesNotCoverCost_IsNegative()
    {
        var roi = Kpis.Value("roi", s_month with { Revenue = 8_225m });

        roi.ShouldBe(-0.125m);
        Kpis.Format("roi", roi, "CNY", Language.En).ShouldBe("-12.50%");
    }

    [Theory]
    [InlineData("ctr")]
    [InlineData("cpc")]
    [InlineData("cpm")]
    [InlineData("cvr")]
    [InlineData("cpa")]
    [InlineData("cost-per-lead")]
    [InlineData("aov")]
    [InlineData("roas")]
    [InlineData("roi")]
    public void Ratio_WithAZeroDenominator_IsUndefinedAndShownAsADash(string kpi)
    {
        var totals = kpi switch
        {
            "ctr" or "cpm" => s_month with { Impressions = 0 },
            "cpc" or "cvr" => s_month with { Clicks = 0 },
            "cpa" => s_month with { Conversions = 0 },
            "cost-per-lead" => s_month with { Leads = 0 },
            "aov" => s_month with { Orders = 0 },
            _ => s_month with { Cost = 0m },
        };

        var value = Kpis.Value(kpi, totals);

        value.ShouldBeNull();
        Kpis.Format(kpi, value, "CNY", Language.Zh).ShouldBe("—");
        Kpis.Format(kpi, value, "CNY", Language.En).ShouldBe("—");
    }

    [Fact]
    public void AllZeroTotals_GiveZeroSumsAndNoRatios()
    {
        foreach (var kpi in Kpis.All)
        {
            var value = Kpis.Value(kpi.Id, MetricTotals.Zero);
            if (kpi.Additive)
            {
                value.ShouldBe(0m, kpi.Id);
            }
            else
            {
                value.ShouldBeNull(kpi.Id);
            }
        }

        Kpis.Format("clicks", 0m, "CNY", Language.En).ShouldBe("0");
        Kpis.Format("cost", 0m, "CNY", Language.En).ShouldBe("¥0.00");
    }

    [Fact]
    public void LargeTotals_DoNotOverflow()
    {
        var year = MetricTotals.FromStored(
            impressions: 200_000_000_000_000, clicks: 500_000_000_000, costE4: 10_000_000_000_000_000,
            conversions: 25_000_000_000, leads: 10_000_000_000, orders: 20_000_000_000, revenueE4: 32_500_000_000_000_000);

        year.Cost.ShouldBe(1_000_000_000_000m);
        Kpis.Value("cpc", year).ShouldBe(2m);
        Kpis.Value("cpm", year).ShouldBe(5m);
        Kpis.Value("cpa", year).ShouldBe(40m);
        Kpis.Value("cost-per-lead", year).ShouldBe(100m);
        Kpis.Value("aov", year).ShouldBe(162.5m);
        Kpis.Value("roas", year).ShouldBe(3.25m);
        Kpis.Value("roi", year).ShouldBe(2.25m);
        Kpis.Format("cost", year.Cost, "CNY", Language.En).ShouldBe("¥1,000,000,000,000.00");
        Kpis.Format("impressions", year.Impressions, "CNY", Language.En).ShouldBe("200,000,000,000,000");
        (year + year).Cost.ShouldBe(2_000_000_000_000m);
    }

    [Fact]
    public void Sum_PastTheRangeOfACount_ThrowsRatherThanWrapping() =>
        Should.Throw<OverflowException>(() => new MetricTotals(long.MaxValue, 0, 0m, 0, 0, 0, 0m) + new MetricTotals(1, 0, 0m, 0, 0, 0, 0m));

    [Fact]
    public void Totals_AddAndSubtractFieldByField()
    {
        var week = new MetricTotals(1_000, 30, 60.5m, 3, 2, 1, 100.25m);

        (s_month + week).ShouldBe(new MetricTotals(201_000, 4_730, 9_460.5m, 238, 96, 189, 30_650.25m));
        (s_month + week - week).ShouldBe(s_month);
        (s_month - s_month).ShouldBe(MetricTotals.Zero);
        (MetricTotals.Zero + s_month).ShouldBe(s_month);
    }

    [Fact]
    public void Ratios_AreComputedFromSumsNotAveragedAcrossDays()
    {
        var monday = new MetricTotals(1_000, 10, 10m, 0, 0, 0, 0m);
        var tuesday = new MetricTotals(9_000, 10, 10m, 0, 0, 0, 0m);

        Kpis.Value("ctr", monday + tuesday).ShouldBe(0.002m);
    }

    [Fact]
    public void FromStored_ReadsTenThousandthsAndRoundTrips()
    {
        var totals = MetricTotals.FromStored(1, 2, 12_345_678, 3, 4, 5, 98_765_432);

        totals.Cost.ShouldBe(1_234.5678m);
        totals.Revenue.ShouldBe(9_876.5432m);
        totals.CostE4.ShouldBe(12_345_678);
        totals.RevenueE4.ShouldBe(98_765_432);
        (totals.Impressions, totals.Clicks, totals.Conversions, totals.Leads, totals.Orders).ShouldBe((1L, 2L, 3L, 4L, 5L));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(-5L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void E4_RoundTripsExactlyAtTheEdges(long e4)
    {
        var totals = MetricTotals.FromStored(0, 0, e4, 0, 0, 0, e4);

        totals.CostE4.ShouldBe(e4);
        totals.RevenueE4.ShouldBe(e4);
    }

    [Fact]
    public void E4_OfAFinerAmount_RoundsHalfAwayFromZero()
    {
        (MetricTotals.Zero with { Cost = 0.00005m }).CostE4.ShouldBe(1);
        (MetricTotals.Zero with { Revenue = -0.00005m }).RevenueE4.ShouldBe(-1);
    }

    [Theory]
    [InlineData("0.005", "CNY", "0.01")]
    [InlineData("-0.005", "CNY", "-0.01")]
    [InlineData("2.345", "CNY", "2.35")]
    [InlineData("2.3449", "USD", "2.34")]
    [InlineData("1234.5", "JPY", "1235")]
    [InlineData("1234.4999", "JPY", "1234")]
    [InlineData("0.5", "KRW", "1")]
    [InlineData("0.125", "XYZ", "0.13")]
    public void RoundMoney_RoundsToTheMinorUnitHalfAwayFromZero(string amount, string currency, string expected) =>
        Kpis.RoundMoney(decimal.Parse(amount, CultureInfo.InvariantCulture), currency)
            .ShouldBe(decimal.Parse(expected, CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("1234.565", "CNY", "¥1,234.57")]
    [InlineData("1234.5", "JPY", "¥1,235")]
    [InlineData("1234.5", "USD", "$1,234.50")]
    [InlineData("99.999", "HKD", "HK$100.00")]
    [InlineData("0.5", "EUR", "€0.50")]
    [InlineData("7", "GBP", "£7.00")]
    [InlineData("12.5", "CHF", "CHF 12.50")]
    [InlineData("-5", "USD", "-$5.00")]
    [InlineData("-0.001", "CNY", "¥0.00")]
    public void FormatMoney_UsesTheSymbolAndMinorUnits(string amount, string currency, string expected) =>
        Kpis.FormatMoney(decimal.Parse(amount, CultureInfo.InvariantCulture), currency).ShouldBe(expected);

    [Fact]
    public void Format_CountsRoundToWholeNumbers() =>
        Kpis.Format("impressions", 1_234_566.5m, "CNY", Language.En).ShouldBe("1,234,567");

    [Fact]
    public void Format_IgnoresTheCurrentCulture()
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Kpis.Format("impressions", 1_234_567m, "EUR", Language.En).ShouldBe("1,234,567");
            Kpis.Format("cost", 1_234.5m, "EUR", Language.En).ShouldBe("€1,234.50");
            Kpis.Format("ctr", 0.0235m, "EUR", Language.Zh).ShouldBe("2.35%");
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void UnknownKpi_IsRefused()
    {
        Kpis.IsKnown("organic-traffic").ShouldBeFalse();
        Kpis.IsKnown("CTR").ShouldBeFalse();
        Kpis.TryGet("organic-traffic", out _).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => Kpis.Value("organic-traffic", s_month));
        Should.Throw<ArgumentException>(() => Kpis.Format("organic-traffic", 1m, "CNY", Language.En));
        Should.Throw<ArgumentException>(() => Kpis.Get("organic-traffic"));
    }

    [Theory]
    [InlineData("110", "100", "0.1")]
    [InlineData("96", "100", "-0.04")]
    [InlineData("-50", "-100", "0.5")]
    [InlineData("0", "100", "-1")]
    public void Change_IsRelativeToThePreviousMagnitude(string current, string previous, string expected) =>
        Kpis.Change(decimal.Parse(current, CultureInfo.InvariantCulture), decimal.Parse(previous, CultureInfo.InvariantCulture))
            .ShouldBe(decimal.Parse(expected, CultureInfo.InvariantCulture));

    [Fact]
    public void Change_FromZeroOrMissing_IsUndefined()
    {
        Kpis.Change(5m, 0m).ShouldBeNull();
        Kpis.Change(0m, 0m).ShouldBeNull();
        Kpis.Change(null, 5m).ShouldBeNull();
        Kpis.Change(5m, null).ShouldBeNull();
        Kpis.FormatChange(Kpis.Change(5m, 0m)).ShouldBe("—");
    }

    [Theory]
    [InlineData("0.123", "+12.3%")]
    [InlineData("-0.04", "-4.0%")]
    [InlineData("0.12345", "+12.3%")]
    [InlineData("0.00049", "0.0%")]
    [InlineData("-0.0004", "0.0%")]
    [InlineData("0", "0.0%")]
    [InlineData("15", "+1,500.0%")]
    public void FormatChange_ShowsTheSignAndOneDecimal(string change, string expected) =>
        Kpis.FormatChange(decimal.Parse(change, CultureInfo.InvariantCulture)).ShouldBe(expected);
}
