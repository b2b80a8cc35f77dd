namespace Formation.Domain.Metrics;

/// <summary>
/// What the product knows about a currency to show an amount of it: how many minor-unit digits it has
/// (ISO 4217) and the symbol written before it. Codes are matched case-insensitively; a code not listed
/// here is shown with two decimals and its code, which is right for most of the world's currencies.
/// </summary>
public static class Currencies
{
    /// <summary>Minor-unit digits assumed for a code not in the table.</summary>
    public const int DefaultMinorDigits = 2;

    private static readonly Dictionary<string, int> s_minorDigits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CNY"] = 2,
        ["USD"] = 2,
        ["EUR"] = 2,
        ["GBP"] = 2,
        ["HKD"] = 2,
        ["MOP"] = 2,
        ["TWD"] = 2,
        ["SGD"] = 2,
        ["MYR"] = 2,
        ["THB"] = 2,
        ["AUD"] = 2,
        ["NZD"] = 2,
        ["CAD"] = 2,
        ["CHF"] = 2,
        ["JPY"] = 0,
        ["KRW"] = 0,
        ["VND"] = 0,
        ["IDR"] = 2,
        ["KWD"] = 3,
        ["BHD"] = 3,
    };

    private static readonly Dictionary<string, string> s_symbols = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CNY"] = "¥",
        ["JPY"] = "¥",
        ["USD"] = "$",
        ["HKD"] = "HK$",
        ["EUR"] = "€",
        ["GBP"] = "£",
    };

    /// <summary>Digits after the decimal point of the currency's minor unit: 2 for CNY, 0 for JPY; <see cref="DefaultMinorDigits"/> when unknown.</summary>
    /// <exception cref="ArgumentException">The code is null or blank.</exception>
    public static int MinorDigits(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return s_minorDigits.TryGetValue(code.Trim(), out var digits) ? digits : DefaultMinorDigits;
    }

    /// <summary>The symbol of the currency ("¥", "$", "HK$", "€", "£"), or its upper-case code when it has none here.</summary>
    /// <exception cref="ArgumentException">The code is null or blank.</exception>
    public static string Symbol(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return s_symbols.TryGetValue(code.Trim(), out var symbol) ? symbol : code.Trim().ToUpperInvariant();
    }

    /// <summary>What is written before an amount: the symbol ("¥1,200.00") or the code and a space ("CHF 1,200.00").</summary>
    /// <exception cref="ArgumentException">The code is null or blank.</exception>
    public static string Prefix(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return s_symbols.TryGetValue(code.Trim(), out var symbol) ? symbol : code.Trim().ToUpperInvariant() + " ";
    }
}
