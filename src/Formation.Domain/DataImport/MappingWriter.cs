using System.Globalization;
using System.Text;

namespace Formation.Domain.DataImport;

/// <summary>Writes a mapping as the YAML that <see cref="MappingReader"/> reads back equal (so a user's saved mapping is a file like the shipped ones).</summary>
public static class MappingWriter
{
    /// <summary>The mapping as YAML text.</summary>
    public static string Write(ImportMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var text = new StringBuilder();
        Line(text, $"name: {Scalar(mapping.Name)}");
        Line(text, $"title: {{ zh: {Scalar(mapping.Title.Zh)}, en: {Scalar(mapping.Title.En)} }}");
        if (mapping.Source is { } source)
        {
            Line(text, $"source: {Scalar(source)}");
        }

        if (mapping.Encoding is { } encoding)
        {
            Line(text, $"encoding: {Scalar(encoding)}");
        }

        if (mapping.Delimiter is { } delimiter)
        {
            Line(text, $"delimiter: {Quoted(delimiter.ToString())}");
        }

        if (mapping.HeaderRow != 0)
        {
            Line(text, string.Create(CultureInfo.InvariantCulture, $"headerRow: {mapping.HeaderRow}"));
        }

        if (mapping.DateFormats.Count > 0)
        {
            Line(text, $"dateFormats: [{string.Join(", ", mapping.DateFormats.Select(Scalar))}]");
        }

        if (mapping.Numbers != NumberFormat.Standard)
        {
            var thousands = mapping.Numbers.ThousandsSeparator == '\0' ? "\"\"" : Quoted(mapping.Numbers.ThousandsSeparator.ToString());
            Line(text, $"numbers: {{ thousands: {thousands}, decimal: {Quoted(mapping.Numbers.DecimalSeparator.ToString())} }}");
        }

        if (mapping.SkipRowsStartingWith.Count > 0)
        {
            Line(text, $"skipRowsStartingWith: [{string.Join(", ", mapping.SkipRowsStartingWith.Select(Scalar))}]");
        }

        Line(text, "fields:");
        foreach (var field in Enum.GetValues<MetricField>())
        {
            if (mapping.Fields.TryGetValue(field, out var from))
            {
                var entry = from.Column is { } column ? $"column: {Scalar(column)}" : $"fixed: {Scalar(from.Fixed ?? "")}";
                Line(text, $"  {MetricFields.Id(field)}: {{ {entry} }}");
            }
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    /// <summary>Plain when YAML reads it back as the same text, double-quoted otherwise.</summary>
    internal static string Scalar(string value) => IsPlainSafe(value) ? value : Quoted(value);

    private static bool IsPlainSafe(string value)
    {
        if (value.Length == 0 || value != value.Trim() || char.IsAsciiDigit(value[0]) || value[0] is '-' or '+' or '.' or '~')
        {
            return false;
        }

        if (value is "true" or "false" or "yes" or "no" or "on" or "off" or "null" or "y" or "n" ||
            value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase) ||
            value.Equals("null", StringComparison.OrdinalIgnoreCase) || value.Equals("yes", StringComparison.OrdinalIgnoreCase) ||
            value.Equals("no", StringComparison.OrdinalIgnoreCase) || value.Equals("on", StringComparison.OrdinalIgnoreCase) ||
            value.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return value.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ' ' or '(' or ')' or '·' or '—' or '（' or '）' or '、') &&
            !value.Contains(" #", StringComparison.Ordinal);
    }

    private static string Quoted(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }
}
