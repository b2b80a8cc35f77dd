using System.Globalization;
using Formation.Domain.Text;

namespace Formation.Web.Infrastructure;

/// <summary>Helpers every page uses to speak the reader's language.</summary>
public static class Ui
{
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The product language of the current request.</summary>
    public static Language Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh" ? Language.Zh : Language.En;

    /// <summary>The text in the current request's language.</summary>
    public static string L(string zh, string en) => Language == Language.Zh ? zh : en;

    /// <summary>A localized text in the current request's language.</summary>
    public static string T(LocalizedText text) => (text ?? throw new ArgumentNullException(nameof(text))).Get(Language);

    /// <summary>Money in the organisation's currency, formatted for the reader's culture.</summary>
    public static string Money(decimal amount, string currency)
    {
        var culture = (CultureInfo)CultureInfo.CurrentCulture.Clone();
        culture.NumberFormat.CurrencySymbol = currency switch
        {
            "CNY" => "¥",
            "USD" => "$",
            "EUR" => "€",
            "GBP" => "£",
            _ => currency + " ",
        };
        return amount.ToString("C0", culture);
    }

    /// <summary>A count with up to one decimal, for the reader's culture.</summary>
    public static string Count(decimal value) => value.ToString("0.#", CultureInfo.CurrentCulture);

    /// <summary>A number with up to two decimals, for the reader's culture.</summary>
    public static string Number(double value) => value.ToString("0.##", CultureInfo.CurrentCulture);

    /// <summary>A share as a percentage, for the reader's culture.</summary>
    public static string Percent(double share) => share.ToString("P1", CultureInfo.CurrentCulture);

    /// <summary>A UTC time in the reader's culture.</summary>
    public static string Date(DateTime utc) => utc.ToString("g", CultureInfo.CurrentCulture) + " UTC";

    /// <summary>
    /// A UTC time as the clock read in the organisation's zone, in the reader's culture, with the zone's offset then
    /// (2026/12/1 21:05 UTC+8), so that times and the organisation's days agree.
    /// </summary>
    public static string Date(DateTime utc, string? timeZone)
    {
        var zone = Formation.Domain.Text.TimeZones.Resolve(timeZone);
        var instant = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        var offset = zone.GetUtcOffset(instant);
        var local = TimeZoneInfo.ConvertTimeFromUtc(instant, zone);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var hours = (int)Math.Abs(offset.TotalHours);
        var label = offset == TimeSpan.Zero ? "UTC"
            : offset.Minutes == 0 ? string.Create(CultureInfo.InvariantCulture, $"UTC{sign}{hours}")
            : string.Create(CultureInfo.InvariantCulture, $"UTC{sign}{hours}:{Math.Abs(offset.Minutes):00}");
        return local.ToString("g", CultureInfo.CurrentCulture) + " " + label;
    }
}
