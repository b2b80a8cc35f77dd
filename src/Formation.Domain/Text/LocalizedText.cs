namespace Formation.Domain.Text;

/// <summary>The two languages every screen, report and message exists in.</summary>
public enum Language
{
    /// <summary>Simplified Chinese (zh-CN).</summary>
    Zh,

    /// <summary>English.</summary>
    En,
}

/// <summary>A text shown to a user, carried in both product languages so the caller picks at the edge.</summary>
public sealed record LocalizedText(string Zh, string En)
{
    /// <summary>The text in <paramref name="language"/>.</summary>
    public string Get(Language language) => language == Language.Zh ? Zh : En;

    /// <inheritdoc />
    public override string ToString() => En;
}

/// <summary>Parsing and naming of <see cref="Language"/>.</summary>
public static class Languages
{
    /// <summary>Reads "zh", "zh-CN", "en", "en-GB"… case-insensitively.</summary>
    public static bool TryParse(string? value, out Language language)
    {
        language = Language.En;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var v = value.Trim().ToUpperInvariant();
        if (v == "ZH" || v.StartsWith("ZH-", StringComparison.Ordinal) || v.StartsWith("ZH_", StringComparison.Ordinal))
        {
            language = Language.Zh;
            return true;
        }

        if (v == "EN" || v.StartsWith("EN-", StringComparison.Ordinal) || v.StartsWith("EN_", StringComparison.Ordinal))
        {
            language = Language.En;
            return true;
        }

        return false;
    }

    /// <summary>Chinese when the culture is Chinese, English otherwise.</summary>
    public static Language FromCulture(System.Globalization.CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == "zh" ? Language.Zh : Language.En;
    }

    /// <summary>The id used in files and on the command line.</summary>
    public static string ToId(this Language language) => language == Language.Zh ? "zh" : "en";
}
