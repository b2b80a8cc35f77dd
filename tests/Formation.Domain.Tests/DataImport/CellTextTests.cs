using Formation.Domain.DataImport;

namespace Formation.Domain.Tests.DataImport;

public class CellTextTests
{
    private static readonly string[] s_cells =
    [
        "", " ", "0", "7", "007", "1234", "12.", ".5", "12.5", "12.34", "1.2345", "1.23456", "0.00005", "1.99995", "12.0",
        "99999999999999", "999999999999999", "1,234", "1.234,5", "12,5", " 12", "12 ", "\u3000" + "12", "12\u00A0", "'42", "=\"17\"",
        "-3", "+9", "(4)", "¥12.5", "12元", "1e3", "12%", "abc", "1.2.3", "１２", "12\u2003", "\u2003" + "12", "天猫", " 天猫 ",
        "618品牌词-宠物粮-4087", "组A", "\u3000组A\u3000", "'abc", "=x", "a'", "\t12", "12\t", "\uD83D\uDE00",
    ];

    public static TheoryData<string> Cells() => [.. s_cells];

    [Theory]
    [MemberData(nameof(Cells))]
    public void CleansLikeValueParser(string cell) =>
        CellText.Clean(cell).ToString().ShouldBe(ValueParser.Clean(cell).ToString());

    [Theory]
    [MemberData(nameof(Cells))]
    public void ReadsCountsLikeValueParser(string cell)
    {
        if (CellText.TryDigits(cell, out var value))
        {
            ValueParser.TryCount(cell, NumberFormat.Standard, out var expected, out _).ShouldBeTrue();
            value.ShouldBe(expected);
        }
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void ReadsMoneyLikeValueParser(string cell)
    {
        foreach (var format in new[] { NumberFormat.Standard, new NumberFormat('.', ',') })
        {
            if (CellText.TryMoney(cell, format.DecimalSeparator, out var value))
            {
                ValueParser.TryMoney(cell, format, out var expected, out _).ShouldBeTrue();
                value.ShouldBe(expected);
            }
        }
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("12", 120_000)]
    [InlineData("12.", 120_000)]
    [InlineData("12.5", 125_000)]
    [InlineData("2013.01", 20_130_100)]
    [InlineData("0.0001", 1)]
    [InlineData("99999999999999.9999", 999_999_999_999_999_999)]
    public void TakesPlainMoney(string cell, long expected)
    {
        CellText.TryMoney(cell, '.', out var value).ShouldBeTrue();
        value.ShouldBe(expected);
    }

    [Theory]
    [InlineData(".5")]
    [InlineData("1.23456")]
    [InlineData("1,234.5")]
    [InlineData("999999999999999")]
    [InlineData(" 1")]
    public void DeclinesOtherMoney(string cell) => CellText.TryMoney(cell, '.', out _).ShouldBeFalse();
}
