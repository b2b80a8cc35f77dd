using System.Globalization;

namespace Formation.Domain.Text;

/// <summary>Number formats shared by every message and report, always culture-invariant.</summary>
public static class Format
{
    /// <summary>A quantity with up to two decimals: 0.5, 12, 28.57.</summary>
    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A head count or other decimal quantity with up to one decimal: 0.5, 3.</summary>
    public static string Count(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage with up to one decimal: 80%, 88.8%.</summary>
    public static string Percent(double share) => share.ToString("0.#%", CultureInfo.InvariantCulture);

    /// <summary>Money with thousands separators and the currency code: CNY 1,500,000.</summary>
    public static string Money(decimal amount, string currency) =>
        string.Create(CultureInfo.InvariantCulture, $"{currency} {amount:#,0}");
}
