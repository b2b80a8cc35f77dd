using System.Runtime.CompilerServices;
namespace Formation.Domain.DataImport;

/// <summary>
/// Shortcuts for the usual cell of a machine-written export: nothing to clean off, a plain number. Each gives exactly
/// what <see cref="ValueParser"/> gives for the cells it takes and declines the rest, which go the general way.
/// </summary>
internal static class CellText
{
    /// <summary>
    /// <see cref="ValueParser.Clean"/>, without its trimming when the cell visibly needs none: its ends are printable
    /// ASCII or above U+3000 (no character there counts as white space) and it does not start with an apostrophe or
    /// Excel's <c>="…"</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ReadOnlySpan<char> Clean(ReadOnlySpan<char> cell) =>
        cell.Length > 0 && IsSolid(cell[0]) && cell[0] is not ('\'' or '=') && IsSolid(cell[^1]) ? cell : ValueParser.Clean(cell);

    /// <summary>A cell of 1–14 ASCII digits as a count; false for anything else (left to <see cref="ValueParser.TryCount(ReadOnlySpan{char}, NumberFormat, out long, out Formation.Domain.Text.LocalizedText?)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryDigits(ReadOnlySpan<char> cell, out long value)
    {
        value = 0;
        if (cell.Length is 0 or > 14)
        {
            return false;
        }

        long result = 0;
        foreach (var c in cell)
        {
            var digit = unchecked((uint)(c - '0'));
            if (digit > 9)
            {
                return false;
            }

            result = unchecked((result * 10) + digit);
        }

        value = result;
        return true;
    }

    /// <summary>
    /// A cell of 1–14 ASCII digits, optionally followed by <paramref name="decimalSeparator"/> and at most four digits,
    /// as ten-thousandths; false for anything else (left to <see cref="ValueParser.TryMoney(ReadOnlySpan{char}, NumberFormat, out long, out Formation.Domain.Text.LocalizedText?)"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryMoney(ReadOnlySpan<char> cell, char decimalSeparator, out long valueE4)
    {
        valueE4 = 0;
        long units = 0;
        var i = 0;
        for (; i < cell.Length; i++)
        {
            var digit = unchecked((uint)(cell[i] - '0'));
            if (digit > 9)
            {
                break;
            }

            units = unchecked((units * 10) + digit);
        }

        if (i is 0 or > 14)
        {
            return false;
        }

        long fraction = 0;
        var scale = ValueParser.MoneyScale;
        if (i < cell.Length)
        {
            if (cell[i] != decimalSeparator)
            {
                return false;
            }

            var decimals = cell[(i + 1)..];
            if (decimals.Length > 4)
            {
                return false;
            }

            foreach (var c in decimals)
            {
                var digit = unchecked((uint)(c - '0'));
                if (digit > 9)
                {
                    return false;
                }

                fraction = unchecked((fraction * 10) + digit);
                scale /= 10;
            }
        }

        valueE4 = unchecked((units * ValueParser.MoneyScale) + (fraction * scale));
        return true;
    }

    private static bool IsSolid(char c) => unchecked((uint)(c - '!')) <= '~' - '!' || c > '\u3000';
}
