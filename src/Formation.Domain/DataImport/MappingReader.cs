using System.Globalization;
using Formation.Domain.Text;
using Formation.Domain.Yaml;
using YamlDotNet.RepresentationModel;

namespace Formation.Domain.DataImport;

/// <summary>
/// Reads a column mapping from YAML (docs/imports.md), the one format of the shipped mappings and of those users save,
/// reporting every unknown key, unknown field id, missing required field and bad value with its file, line and key.
/// </summary>
public static class MappingReader
{
    /// <summary>The longest name, title, column or fixed value a mapping may hold.</summary>
    public const int MaxTextLength = 200;

    /// <summary>The delimiters a mapping may name.</summary>
    public static IReadOnlyList<char> Delimiters { get; } = [',', '\t', ';', '|'];

    private static readonly Dictionary<string, char> s_thousands = new(StringComparer.Ordinal)
    {
        [","] = ',', ["."] = '.', [" "] = ' ', ["'"] = '\'', [""] = '\0', ["none"] = '\0',
    };

    private static readonly Dictionary<string, char> s_decimals = new(StringComparer.Ordinal) { ["."] = '.', [","] = ',' };

    private static readonly MetricField[] s_required = [MetricField.Date, MetricField.Channel, MetricField.Campaign];

    private static readonly DateOnly s_probe = new(2031, 12, 25);

    /// <summary>Reads and validates a mapping's text.</summary>
    /// <param name="text">The YAML text.</param>
    /// <param name="source">The file name to report errors against.</param>
    public static LoadResult<ImportMapping> Read(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        return InvariantCulture.Run(() => ReadInvariant(text, source));
    }

    private static LoadResult<ImportMapping> ReadInvariant(string text, string source)
    {
        var reader = new YamlReader(source);
        var root = reader.Map(reader.Parse(text), "");
        if (root is null)
        {
            return new LoadResult<ImportMapping>(null, reader.Errors);
        }

        var name = root.Required("name", (n, k) => Name(reader, n, k));
        var title = root.Required("title", reader.Localized);
        var documented = root.Optional("source", (n, k) => Text(reader, n, k));
        var encoding = root.Optional("encoding", (n, k) => Encoding(reader, n, k));
        var delimiter = root.OptionalValue("delimiter", (n, k) => Delimiter(reader, n, k));
        var headerRow = root.OptionalValue("headerRow", (n, k) => reader.Int(n, k, 0, 1000)) ?? 0;
        var dateFormats = root.Optional("dateFormats", (n, k) => DateFormats(reader, n, k)) ?? [];
        var numbers = root.Optional("numbers", (n, k) => Numbers(reader, n, k)) ?? NumberFormat.Standard;
        var skip = root.Optional("skipRowsStartingWith", (n, k) => SkipPrefixes(reader, n, k)) ?? [];
        var fields = root.Required("fields", (n, k) => Fields(reader, n, k));
        root.Finish();

        if (reader.Errors.Count > 0 || name is null || title is null || fields is null)
        {
            return new LoadResult<ImportMapping>(null, reader.Errors);
        }

        var mapping = new ImportMapping(name, title, delimiter, encoding, headerRow, dateFormats, numbers, fields, skip, documented);
        return new LoadResult<ImportMapping>(mapping, []);
    }

    private static string? Name(YamlReader reader, YamlNode node, string key)
    {
        var name = Text(reader, node, key);
        if (name is not null && name.Trim().Length == 0)
        {
            reader.Error(node, key, new("名称不能为空。", "The name must not be empty."));
            return null;
        }

        return name?.Trim();
    }

    private static string? Text(YamlReader reader, YamlNode node, string key)
    {
        var text = reader.String(node, key);
        if (text is null)
        {
            return null;
        }

        if (text.Length > MaxTextLength)
        {
            reader.Error(node, key, new($"超过 {MaxTextLength} 个字符。", $"Longer than {MaxTextLength} characters."));
            return null;
        }

        if (text.Any(c => char.IsControl(c) && c != '\t'))
        {
            reader.Error(node, key, new("不能包含换行或控制字符。", "Must not hold line breaks or control characters."));
            return null;
        }

        return text;
    }

    private static string? Encoding(YamlReader reader, YamlNode node, string key)
    {
        var name = reader.String(node, key);
        if (name is null)
        {
            return null;
        }

        if (!TableSources.TryEncoding(name, out _))
        {
            reader.Error(node, key, YamlReader.Unknown(name, new("编码", "encoding"), ["utf-8", "gb18030", "gbk", "gb2312", "utf-16", "utf-16be"]));
            return null;
        }

        // Kept as written (names are compared ignoring case) so a saved mapping reads back equal.
        return name.Trim();
    }

    private static char? Delimiter(YamlReader reader, YamlNode node, string key)
    {
        var text = reader.String(node, key);
        var value = text switch
        {
            null => (char?)null,
            "\\t" or "tab" or "TAB" => '\t',
            { Length: 1 } when Delimiters.Contains(text[0]) => text[0],
            _ => null,
        };
        if (text is not null && value is null)
        {
            var shown = text.Replace("\t", "\\t", StringComparison.Ordinal);
            reader.Error(node, key, new(
                $"分隔符应为 \",\"、\"\\t\"（制表符）、\";\" 或 \"|\"（当前为 \"{shown}\"）。",
                $"The delimiter must be \",\", \"\\t\" (tab), \";\" or \"|\" (is \"{shown}\")."));
        }

        return value;
    }

    private static List<string>? DateFormats(YamlReader reader, YamlNode node, string key)
    {
        var items = reader.Sequence(node, key);
        if (items is null)
        {
            return null;
        }

        var formats = new List<string>();
        foreach (var (child, childKey) in items)
        {
            if (reader.String(child, childKey) is not { } format)
            {
                continue;
            }

            if (!IsDayFormat(format))
            {
                reader.Error(child, childKey, new(
                    $"“{format}”不是完整的日期格式：需要年、月、日，例如 yyyy-MM-dd、yyyy/M/d、yyyyMMdd。",
                    $"\"{format}\" is not a full date format: it needs year, month and day, e.g. yyyy-MM-dd, yyyy/M/d, yyyyMMdd."));
            }
            else
            {
                formats.Add(format);
            }
        }

        if (items.Count == 0)
        {
            reader.Error(node, key, new("至少列出一种日期格式，或删除此项以使用 yyyy-MM-dd。", "List at least one date format, or remove the key to use yyyy-MM-dd."));
        }

        return formats;
    }

    /// <summary>Whether a .NET custom format writes and reads back a whole day (year, month and day all present).</summary>
    internal static bool IsDayFormat(string format)
    {
        try
        {
            var written = s_probe.ToString(format, CultureInfo.InvariantCulture);
            return format.Length <= 40 &&
                DateOnly.TryParseExact(written, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var back) && back == s_probe &&
                DateOnly.TryParseExact(new DateOnly(2032, 1, 2).ToString(format, CultureInfo.InvariantCulture), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var second) &&
                second == new DateOnly(2032, 1, 2);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static NumberFormat? Numbers(YamlReader reader, YamlNode node, string key)
    {
        var map = reader.Map(node, key);
        if (map is null)
        {
            return null;
        }

        var thousands = map.OptionalValue("thousands", (n, k) => Separator(reader, n, k, s_thousands, new("千位分隔符", "thousands separator"))) ?? ',';
        var point = map.OptionalValue("decimal", (n, k) => Separator(reader, n, k, s_decimals, new("小数点", "decimal separator"))) ?? '.';
        map.Finish();
        if (thousands == point)
        {
            reader.Error(node, key, new("千位分隔符与小数点不能相同。", "The thousands separator and the decimal separator must differ."));
            return null;
        }

        return new NumberFormat(thousands, point);
    }

    private static char? Separator(YamlReader reader, YamlNode node, string key, Dictionary<string, char> allowed, LocalizedText what)
    {
        // An empty quoted string ("") means "none" for the thousands separator; String() would call it empty.
        var text = node is YamlScalarNode { Value: "" } ? "" : reader.String(node, key);
        if (text is null)
        {
            return null;
        }

        if (allowed.TryGetValue(text, out var c))
        {
            return c;
        }

        reader.Error(node, key, YamlReader.Unknown(text, what, allowed.Keys.Select(k => $"\"{k}\"")));
        return null;
    }

    private static List<string>? SkipPrefixes(YamlReader reader, YamlNode node, string key)
    {
        var items = reader.Sequence(node, key);
        if (items is null)
        {
            return null;
        }

        var prefixes = new List<string>();
        foreach (var (child, childKey) in items)
        {
            if (Text(reader, child, childKey) is { } prefix)
            {
                if (prefix.Trim().Length == 0)
                {
                    reader.Error(child, childKey, new("不能为空：空前缀会跳过所有行。", "Must not be empty: an empty prefix would skip every row."));
                }
                else
                {
                    prefixes.Add(prefix.Trim());
                }
            }
        }

        return prefixes;
    }

    private static Dictionary<MetricField, FieldSource>? Fields(YamlReader reader, YamlNode node, string key)
    {
        var map = reader.Map(node, key);
        if (map is null)
        {
            return null;
        }

        var fields = new Dictionary<MetricField, FieldSource>();
        var valid = Enum.GetValues<MetricField>().Select(MetricFields.Id).ToList();
        foreach (var (name, keyNode, value) in map.Entries())
        {
            var fieldKey = map.KeyOf(name);
            if (!MetricFields.TryParse(name, out var field) || MetricFields.Id(field) != name)
            {
                reader.Error(keyNode, fieldKey, YamlReader.Unknown(name, new("字段", "field"), valid));
                continue;
            }

            if (FieldSourceOf(reader, value, fieldKey, field) is { } source)
            {
                fields[field] = source;
            }
        }

        var ok = true;
        foreach (var required in s_required.Where(r => !fields.ContainsKey(r) && !map.Node.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == MetricFields.Id(r))))
        {
            ok = false;
            reader.Error(node, key, new(
                $"缺少必需字段“{MetricFields.Id(required)}”：请用 column 指定来源列，或用 fixed 指定固定值。",
                $"The required field \"{MetricFields.Id(required)}\" is missing: give its source column (column) or a fixed value (fixed)."));
        }

        if (!fields.Keys.Any(f => MetricFields.IsCount(f) || MetricFields.IsMoney(f)) &&
            !map.Node.Children.Keys.OfType<YamlScalarNode>().Any(k => MetricFields.TryParse(k.Value, out var f) && (MetricFields.IsCount(f) || MetricFields.IsMoney(f))))
        {
            ok = false;
            reader.Error(node, key, new(
                "至少映射一个指标（impressions、clicks、cost、conversions、leads、orders、revenue）。",
                "Map at least one measure (impressions, clicks, cost, conversions, leads, orders, revenue)."));
        }

        return ok ? fields : null;
    }

    private static FieldSource? FieldSourceOf(YamlReader reader, YamlNode node, string key, MetricField field)
    {
        // Shorthand: "campaign: 推广计划" is the column.
        if (node is YamlScalarNode)
        {
            return Text(reader, node, key) is { } shorthand ? Checked(FieldSource.FromColumn(shorthand.Trim())) : null;
        }

        var map = reader.Map(node, key);
        if (map is null)
        {
            return null;
        }

        var column = map.Optional("column", (n, k) => Text(reader, n, k));
        var fixedValue = map.Optional("fixed", (n, k) => Text(reader, n, k));
        map.Finish();
        if (column is not null && fixedValue is not null)
        {
            reader.Error(node, key, new("column 与 fixed 只能二选一。", "Give either column or fixed, not both."));
            return null;
        }

        if (column is null && fixedValue is null)
        {
            if (!map.Has("column") && !map.Has("fixed"))
            {
                reader.Error(node, key, new("请用 column 指定来源列，或用 fixed 指定固定值。", "Give the source column (column) or a fixed value (fixed)."));
            }

            return null;
        }

        return Checked(column is not null ? FieldSource.FromColumn(column.Trim()) : FieldSource.FixedValue(fixedValue!.Trim()));

        FieldSource? Checked(FieldSource source)
        {
            var value = source.Column ?? source.Fixed!;
            if (value.Length == 0)
            {
                reader.Error(node, key, new("不能为空。", "Must not be empty."));
                return null;
            }

            if (field == MetricField.Currency && source.Fixed is { } code && (code.Length != 3 || !code.All(char.IsAsciiLetterUpper)))
            {
                reader.Error(node, key, new(
                    $"货币应为三位大写 ISO 4217 代码，如 CNY（当前为 \"{code}\"）。",
                    $"Expected a three-letter ISO 4217 code such as CNY (is \"{code}\")."));
                return null;
            }

            return source;
        }
    }
}
