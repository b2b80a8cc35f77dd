using System.Globalization;
using Formation.Domain.Text;

namespace Formation.Domain.DataImport;

/// <summary>Reads the cells of exports: counts, money and dates in the forms platforms write them, without allocating.</summary>
public static class ValueParser
{
    /// <summary>The scale of stored money: ten-thousandths of the currency unit.</summary>
    public const long MoneyScale = 10_000;

    /// <summary>
    /// The largest whole part accepted: 14 digits, far above any daily figure. Scaled to ten-thousandths it still fits a
    /// 64-bit integer (9.2 × 10^18); a 15-digit amount would not.
    /// </summary>
    private const long MaxWhole = 99_999_999_999_999;

    /// <summary>Strips what exports wrap values in: spaces (also no-break and ideographic), a leading apostrophe or tab, and Excel's <c>="…"</c>.</summary>
    public static ReadOnlySpan<char> Clean(ReadOnlySpan<char> cell)
    {
        cell = cell.Trim().Trim('\u3000').Trim('\u00A0');
        if (cell.Length >= 3 && cell[0] == '=' && cell[1] == '"' && cell[^1] == '"')
        {
            cell = cell[2..^1].Trim();
        }

        if (cell.Length > 0 && cell[0] == '\'')
        {
            cell = cell[1..].Trim();
        }

        return cell;
    }

    /// <summary>Reads a whole, non-negative count. Empty, "-" and "--" mean 0.</summary>
    public static bool TryCount(ReadOnlySpan<char> cell, NumberFormat format, out long value, out LocalizedText? reason)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (!TryScaled(cell, format, 0, out value, out reason, out var hadFraction))
        {
            return false;
        }

        if (hadFraction)
        {
            reason = new("应为整数。", "Not a whole number.");
            return false;
        }

        return true;
    }

    /// <summary>Reads a non-negative amount of money into ten-thousandths (more decimals round half away from zero).</summary>
    public static bool TryMoney(ReadOnlySpan<char> cell, NumberFormat format, out long valueE4, out LocalizedText? reason)
    {
        ArgumentNullException.ThrowIfNull(format);
        return TryScaled(cell, format, 4, out valueE4, out reason, out _);
    }

    /// <summary>A typed spreadsheet number as a count.</summary>
    public static bool TryCount(decimal number, out long value, out LocalizedText? reason)
    {
        value = 0;
        if (number < 0)
        {
            reason = Negative;
            return false;
        }

        if (number > MaxWhole)
        {
            reason = TooLarge;
            return false;
        }

        if (decimal.Truncate(number) != number)
        {
            reason = new("应为整数。", "Not a whole number.");
            return false;
        }

        value = (long)number;
        reason = null;
        return true;
    }

    /// <summary>A typed spreadsheet number as money in ten-thousandths.</summary>
    public static bool TryMoney(decimal number, out long valueE4, out LocalizedText? reason)
    {
        valueE4 = 0;
        if (number < 0)
        {
            reason = Negative;
            return false;
        }

        if (number > MaxWhole)
        {
            reason = TooLarge;
            return false;
        }

        valueE4 = (long)decimal.Round(number * MoneyScale, 0, MidpointRounding.AwayFromZero);
        reason = null;
        return true;
    }

    /// <summary>Reads a day in one of <paramref name="formats"/>; only years 2000–2199 are accepted.</summary>
    public static bool TryDay(ReadOnlySpan<char> cell, string[] formats, out DateOnly day, out LocalizedText? reason)
    {
        ArgumentNullException.ThrowIfNull(formats);
        cell = Clean(cell);
        if (cell.IsEmpty)
        {
            day = default;
            reason = new("日期为空。", "The date is empty.");
            return false;
        }

        if (!DateOnly.TryParseExact(cell, formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out day))
        {
            reason = new($"日期格式不符，应为 {string.Join(" 或 ", formats)}。", $"Not a date in the form {string.Join(" or ", formats)}.");
            return false;
        }

        return InRange(day, out reason);
    }

    /// <summary>Whether <paramref name="day"/> is in the years Formation keeps (2000–2199).</summary>
    public static bool InRange(DateOnly day, out LocalizedText? reason)
    {
        if (day.Year is < 2000 or > 2199)
        {
            reason = new("日期须在 2000–2199 年之间。", "The date must be in the years 2000–2199.");
            return false;
        }

        reason = null;
        return true;
    }

    /// <summary>An Excel serial day number (1900 date system) as a day.</summary>
    public static bool TryExcelSerial(decimal serial, out DateOnly day, out LocalizedText? reason)
    {
        day = default;
        if (serial < 1 || serial > 2_958_465 || decimal.Truncate(serial) != serial)
        {
            reason = new("不是有效的日期。", "Not a date.");
            return false;
        }

        day = DateOnly.FromDateTime(DateTime.FromOADate((double)serial));
        return InRange(day, out reason);
    }

    private static LocalizedText Negative => new("不能为负数。", "Must not be negative.");

    private static LocalizedText TooLarge => new("数值过大。", "The number is too large.");

    private static bool TryScaled(ReadOnlySpan<char> cell, NumberFormat format, int decimals, out long value, out LocalizedText? reason, out bool hadFraction)
    {
        value = 0;
        hadFraction = false;
        reason = null;
        if (TryPlain(cell, format.DecimalSeparator, decimals, out value))
        {
            return true;
        }

        var s = Clean(cell);
        if (s.IsEmpty || s is "-" or "--" or "—")
        {
            return true;
        }

        var negative = false;
        if (s[0] == '(' && s[^1] == ')')
        {
            negative = true;
            s = s[1..^1].Trim();
        }

        if (s.Length > 0 && (s[0] == '-' || s[0] == '−'))
        {
            negative = true;
            s = s[1..].TrimStart();
        }
        else if (s.Length > 0 && s[0] == '+')
        {
            s = s[1..].TrimStart();
        }

        s = StripCurrency(s);
        if (s.Length > 0 && (s[0] == '-' || s[0] == '−'))
        {
            negative = true;
            s = s[1..].TrimStart();
        }

        if (s.IsEmpty)
        {
            reason = NotANumber;
            return false;
        }

        if (s[^1] == '%')
        {
            reason = new("是百分比，应为数值。", "A percentage where a number is expected.");
            return false;
        }

        long whole = 0;
        long fraction = 0;
        var fractionDigits = 0;
        var roundUp = false;
        var seenExtra = false;
        var inFraction = false;
        var digits = 0;
        foreach (var c in s)
        {
            if (c is >= '0' and <= '9')
            {
                digits++;
                if (!inFraction)
                {
                    if (whole > MaxWhole / 10)
                    {
                        reason = TooLarge;
                        return false;
                    }

                    whole = whole * 10 + (c - '0');
                }
                else if (fractionDigits < decimals)
                {
                    fraction = fraction * 10 + (c - '0');
                    fractionDigits++;
                }
                else
                {
                    hadFraction |= c != '0';
                    if (decimals > 0 && !seenExtra)
                    {
                        roundUp = c >= '5';
                    }

                    seenExtra = true;
                }
            }
            else if (c == format.DecimalSeparator && !inFraction)
            {
                inFraction = true;
            }
            else if (c == format.ThousandsSeparator && !inFraction && format.ThousandsSeparator != '\0')
            {
                continue;
            }
            else
            {
                reason = NotANumber;
                return false;
            }
        }

        if (digits == 0)
        {
            reason = NotANumber;
            return false;
        }

        if (whole > MaxWhole)
        {
            reason = TooLarge;
            return false;
        }

        for (var i = fractionDigits; i < decimals; i++)
        {
            fraction *= 10;
        }

        var scale = 1L;
        for (var i = 0; i < decimals; i++)
        {
            scale *= 10;
        }

        value = whole * scale + fraction + (roundUp ? 1 : 0);
        if (negative && value != 0)
        {
            reason = Negative;
            value = 0;
            return false;
        }

        return true;
    }

    /// <summary>
    /// The usual cell, read without the general path's checks: only digits, at most one decimal separator, at most
    /// <paramref name="decimals"/> decimals and 14 whole digits. Anything else (spaces, signs, symbols, separators,
    /// more decimals) returns false for the general path, which gives the same value for these cells.
    /// </summary>
    private static bool TryPlain(ReadOnlySpan<char> cell, char decimalSeparator, int decimals, out long value)
    {
        value = 0;
        long whole = 0;
        long fraction = 0;
        var wholeDigits = 0;
        var fractionDigits = -1; // -1: no separator seen
        foreach (var c in cell)
        {
            if (c is >= '0' and <= '9')
            {
                if (fractionDigits < 0)
                {
                    if (++wholeDigits > 14)
                    {
                        return false;
                    }

                    whole = (whole * 10) + (c - '0');
                }
                else
                {
                    if (++fractionDigits > decimals)
                    {
                        return false;
                    }

                    fraction = (fraction * 10) + (c - '0');
                }
            }
            else if (c == decimalSeparator && fractionDigits < 0)
            {
                fractionDigits = 0;
            }
            else
            {
                return false;
            }
        }

        if (wholeDigits + Math.Max(0, fractionDigits) == 0)
        {
            return false;
        }

        for (var i = Math.Max(0, fractionDigits); i < decimals; i++)
        {
            fraction *= 10;
        }

        var scale = 1L;
        for (var i = 0; i < decimals; i++)
        {
            scale *= 10;
        }

        value = (whole * scale) + fraction;
        return true;
    }

    private static LocalizedText NotANumber => new("不是数字。", "Not a number.");

    private static ReadOnlySpan<char> StripCurrency(ReadOnlySpan<char> s)
    {
        if (s.Length > 0 && s[0] is '¥' or '￥' or '$' or '€' or '£')
        {
            s = s[1..].TrimStart();
        }
        else if (s.StartsWith("RMB", StringComparison.OrdinalIgnoreCase) || s.StartsWith("CNY", StringComparison.OrdinalIgnoreCase) ||
                 s.StartsWith("USD", StringComparison.OrdinalIgnoreCase))
        {
            s = s[3..].TrimStart();
        }
        else if (s.StartsWith("HK$", StringComparison.OrdinalIgnoreCase))
        {
            s = s[3..].TrimStart();
        }

        if (s.Length > 0 && s[^1] == '元')
        {
            s = s[..^1].TrimEnd();
        }

        return s;
    }
}
