using Formation.Domain.DataImport;

namespace Formation.Domain.Tests.DataImport;

public class ValueParserTests
{
    private static readonly NumberFormat s_european = new('.', ',');

    [Theory]
    [InlineData("1234", 1234)]
    [InlineData("1,234", 1234)]
    [InlineData(" 12,345,678 ", 12_345_678)]
    [InlineData("", 0)]
    [InlineData("-", 0)]
    [InlineData("--", 0)]
    [InlineData("\u3000", 0)]
    [InlineData("=\"123\"", 123)]
    [InlineData("'0042", 42)]
    [InlineData("12.00", 12)]
    [InlineData("+7", 7)]
    [InlineData("0", 0)]
    [InlineData("007", 7)]
    [InlineData("12.", 12)]
    [InlineData("99999999999999", 99_999_999_999_999)]
    public void Counts(string cell, long expected)
    {
        ValueParser.TryCount(cell, NumberFormat.Standard, out var value, out var reason).ShouldBeTrue(reason?.En);
        value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("12.5", "Not a whole number.")]
    [InlineData("-3", "Must not be negative.")]
    [InlineData("(12.00)", "Must not be negative.")]
    [InlineData("3.5%", "A percentage where a number is expected.")]
    [InlineData("abc", "Not a number.")]
    [InlineData("1 2", "Not a number.")]
    [InlineData("1234567890123456", "The number is too large.")]
    [InlineData("100000000000000", "The number is too large.")]
    [InlineData(".", "Not a number.")]
    [InlineData("1.2.3", "Not a number.")]
    public void Rejected_counts(string cell, string reason)
    {
        ValueParser.TryCount(cell, NumberFormat.Standard, out _, out var why).ShouldBeFalse();
        why!.En.ShouldBe(reason);
    }

    [Theory]
    [InlineData("¥1,234.50", 12_345_000)]
    [InlineData("￥1,234.5", 12_345_000)]
    [InlineData("RMB 88.8", 888_000)]
    [InlineData("$0.01", 100)]
    [InlineData("12元", 120_000)]
    [InlineData("0.00005", 1)]
    [InlineData("0.00004999", 0)]
    [InlineData("1.23455", 12_346)]
    [InlineData("1.23454", 12_345)]
    [InlineData("2.99995", 30_000)]
    [InlineData("-", 0)]
    [InlineData("-0.00", 0)]
    [InlineData("99999999999999.9999", 999_999_999_999_999_999)]
    [InlineData(".5", 5_000)]
    [InlineData("12.", 120_000)]
    [InlineData("1.2345", 12_345)]
    [InlineData("0", 0)]
    public void Money(string cell, long expectedE4)
    {
        ValueParser.TryMoney(cell, NumberFormat.Standard, out var value, out var reason).ShouldBeTrue(reason?.En);
        value.ShouldBe(expectedE4);
    }

    [Theory]
    [InlineData("1.234,50", 12_345_000)]
    [InlineData("€ 1.234.567,8", 12_345_678_000)]
    [InlineData("0,5", 5_000)]
    public void European_money(string cell, long expectedE4)
    {
        ValueParser.TryMoney(cell, s_european, out var value, out var reason).ShouldBeTrue(reason?.En);
        value.ShouldBe(expectedE4);
    }

    [Fact]
    public void A_point_is_not_a_decimal_in_european_numbers()
    {
        ValueParser.TryMoney("1,234.50", s_european, out _, out var reason).ShouldBeFalse();
        reason!.En.ShouldBe("Not a number.");
    }

    [Theory]
    [InlineData("(12.00)", "Must not be negative.")]
    [InlineData("-¥5", "Must not be negative.")]
    [InlineData("¥-5", "Must not be negative.")]
    [InlineData("1234567890123456", "The number is too large.")]
    [InlineData("999999999999999", "The number is too large.")]
    [InlineData("¥", "Not a number.")]
    [InlineData("1.2.3", "Not a number.")]
    public void Rejected_money(string cell, string reason)
    {
        ValueParser.TryMoney(cell, NumberFormat.Standard, out _, out var why).ShouldBeFalse();
        why!.En.ShouldBe(reason);
    }

    [Fact]
    public void Typed_spreadsheet_numbers()
    {
        ValueParser.TryMoney(1.23455m, out var money, out _).ShouldBeTrue();
        money.ShouldBe(12_346);
        ValueParser.TryCount(12.5m, out _, out var reason).ShouldBeFalse();
        reason!.En.ShouldBe("Not a whole number.");
        ValueParser.TryMoney(-0.01m, out _, out reason).ShouldBeFalse();
        reason!.En.ShouldBe("Must not be negative.");
        ValueParser.TryMoney(999_999_999_999_999m, out _, out reason).ShouldBeFalse();
        reason!.En.ShouldBe("The number is too large.");
    }

    [Theory]
    [InlineData("2024-05-01", "2024-05-01")]
    [InlineData("2024/5/1", "2024-05-01")]
    [InlineData(" 20240501 ", "2024-05-01")]
    [InlineData("=\"2024-05-01\"", "2024-05-01")]
    public void Days(string cell, string expected)
    {
        ValueParser.TryDay(cell, ["yyyy-MM-dd", "yyyy/M/d", "yyyyMMdd"], out var day, out var reason).ShouldBeTrue(reason?.En);
        day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).ShouldBe(expected);
    }

    [Theory]
    [InlineData("05/01/2024", "Not a date in the form yyyy-MM-dd.")]
    [InlineData("2024-02-30", "Not a date in the form yyyy-MM-dd.")]
    [InlineData("1999-12-31", "The date must be in the years 2000–2199.")]
    [InlineData("2200-01-01", "The date must be in the years 2000–2199.")]
    [InlineData("", "The date is empty.")]
    public void Rejected_days(string cell, string reason)
    {
        ValueParser.TryDay(cell, ["yyyy-MM-dd"], out _, out var why).ShouldBeFalse();
        why!.En.ShouldBe(reason);
    }

    [Fact]
    public void Excel_serial_days()
    {
        ValueParser.TryExcelSerial(45444m, out var day, out _).ShouldBeTrue();
        day.ShouldBe(new DateOnly(2024, 6, 1));
        ValueParser.TryExcelSerial(45444.5m, out _, out var reason).ShouldBeFalse();
        reason!.En.ShouldBe("Not a date.");
        ValueParser.TryExcelSerial(100m, out _, out reason).ShouldBeFalse();
        reason!.En.ShouldBe("The date must be in the years 2000–2199.");
    }
}
