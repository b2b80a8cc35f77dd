using Formation.Domain.Metrics;

namespace Formation.Domain.Tests.Metrics;

public class CurrenciesTests
{
    [Theory]
    [InlineData("CNY", 2)]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("GBP", 2)]
    [InlineData("HKD", 2)]
    [InlineData("TWD", 2)]
    [InlineData("SGD", 2)]
    [InlineData("AUD", 2)]
    [InlineData("CAD", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("VND", 0)]
    public void MinorDigits_FollowIso4217(string code, int digits) =>
        Currencies.MinorDigits(code).ShouldBe(digits);

    [Fact]
    public void MinorDigits_UnknownCode_DefaultsToTwo() =>
        Currencies.MinorDigits("XYZ").ShouldBe(Currencies.DefaultMinorDigits);

    [Fact]
    public void MinorDigits_IgnoresCaseAndSurroundingSpace() =>
        Currencies.MinorDigits(" jpy ").ShouldBe(0);

    [Theory]
    [InlineData("CNY", "¥")]
    [InlineData("JPY", "¥")]
    [InlineData("USD", "$")]
    [InlineData("HKD", "HK$")]
    [InlineData("EUR", "€")]
    [InlineData("GBP", "£")]
    [InlineData("usd", "$")]
    [InlineData("chf", "CHF")]
    public void Symbol_IsTheSignOrTheCode(string code, string symbol) =>
        Currencies.Symbol(code).ShouldBe(symbol);

    [Fact]
    public void Prefix_SeparatesACodeFromTheAmount()
    {
        Currencies.Prefix("CNY").ShouldBe("¥");
        Currencies.Prefix("chf").ShouldBe("CHF ");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void BlankCode_IsRefused(string code)
    {
        Should.Throw<ArgumentException>(() => Currencies.MinorDigits(code));
        Should.Throw<ArgumentException>(() => Currencies.Symbol(code));
    }
}
