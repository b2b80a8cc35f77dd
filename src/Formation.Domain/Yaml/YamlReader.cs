using System.Globalization;
using Formation.Domain.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Formation.Domain.Yaml;

/// <summary>
/// Walks a YAML document by hand so every problem is reported with its line and key and reading
/// goes on to find the rest: a user fixing a profile sees all errors at once. Readers return null
/// for a value they could not read, after recording why.
/// </summary>
internal sealed class YamlReader(string source)
{
    private readonly List<ValidationError> _errors = [];

    public string Source { get; } = source;

    public IReadOnlyList<ValidationError> Errors => _errors;

    /// <summary>Parses the text; null (with an error) when it is not well-formed YAML or is empty.</summary>
    public YamlNode? Parse(string text)
    {
        try
        {
            if (!Screen(text))
            {
                return null;
            }

            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
            {
                Error(0, 0, "", new("文件为空。", "The file is empty."));
                return null;
            }

            if (stream.Documents.Count > 1)
            {
                var second = stream.Documents[1].RootNode;
                Error((int)second.Start.Line, (int)second.Start.Column, "", new("文件只能包含一个 YAML 文档。", "The file must hold a single YAML document."));
            }

            return stream.Documents[0].RootNode;
        }
        catch (YamlException ex)
        {
            var reason = ex.InnerException?.Message ?? ex.Message;
            var isDuplicate = reason.Contains("duplicate key", StringComparison.OrdinalIgnoreCase);
            var message = isDuplicate
                ? new LocalizedText("同一个键出现了两次。", "The same key appears twice.")
                : new LocalizedText($"YAML 语法错误：{Trim(reason)}", $"YAML syntax error: {Trim(reason)}");
            Error((int)ex.Start.Line, (int)ex.Start.Column, "", message);
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner can fail this way on some unterminated flow collections, without a
            // position: find where the last good token ended and report from there.
            var (line, column) = LastGoodPosition(text);
            Error(line, column, "", new(
                "YAML 语法错误：此处之后的括号、引号或缩进没有正确闭合。",
                "YAML syntax error: a bracket, quote or indentation after this point is not closed properly."));
            return null;
        }
    }

    private static (int Line, int Column) LastGoodPosition(string text)
    {
        var scanner = new Scanner(new StringReader(text));
        var mark = Mark.Empty;
        try
        {
            while (scanner.MoveNext())
            {
                mark = scanner.Current!.End;
            }
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            // The position reached so far is the answer.
        }

        return ((int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));
    }

    public void Error(YamlNode? node, string key, LocalizedText message) =>
        Error(node is null ? 0 : (int)node.Start.Line, node is null ? 0 : (int)node.Start.Column, key, message);

    public void Error(int line, int column, string key, LocalizedText message)
    {
        // A broken file can produce an error per node; past this many the rest add nothing a user can act on.
        if (_errors.Count == MaxErrors)
        {
            _errors.Add(new ValidationError(Source, line, column, "", new($"错误过多，仅显示前 {MaxErrors} 处。", $"Too many errors; only the first {MaxErrors} are shown.")));
        }

        if (_errors.Count < MaxErrors)
        {
            _errors.Add(new ValidationError(Source, line, column, key, message));
        }
    }

    /// <summary>The most errors reported for one file.</summary>
    public const int MaxErrors = 100;

    /// <summary>Deeper nesting than any profile or playbook needs; the limit keeps a hostile file from exhausting the stack.</summary>
    public const int MaxDepth = 32;

    /// <summary>More YAML events than any profile or playbook needs.</summary>
    public const int MaxEvents = 200_000;

    /// <summary>
    /// One cheap pass over the parser's events before any document is built: anchors and aliases are refused
    /// (a few of them can expand a small file into gigabytes, or make key hashing take seconds), as are nesting
    /// deeper than <see cref="MaxDepth"/> and runaway size. Profiles and playbooks never need any of these.
    /// </summary>
    private bool Screen(string text)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        var events = 0;
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            if (++events > MaxEvents)
            {
                Error((int)current.Start.Line, (int)current.Start.Column, "", new("文件内容过多。", "The file has too much content."));
                return false;
            }

            switch (current)
            {
                case YamlDotNet.Core.Events.AnchorAlias alias:
                    Error((int)alias.Start.Line, (int)alias.Start.Column, "", new("不支持 YAML 别名（*name）：请把内容直接写出来。", "YAML aliases (*name) are not supported: write the content out."));
                    return false;
                case YamlDotNet.Core.Events.NodeEvent { Anchor.IsEmpty: false } anchored:
                    Error((int)anchored.Start.Line, (int)anchored.Start.Column, "", new("不支持 YAML 锚点（&name）：请把内容直接写出来。", "YAML anchors (&name) are not supported: write the content out."));
                    return false;
                case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart:
                    if (++depth > MaxDepth)
                    {
                        Error((int)current.Start.Line, (int)current.Start.Column, "", new($"嵌套层级超过 {MaxDepth} 层。", $"Nested deeper than {MaxDepth} levels."));
                        return false;
                    }

                    break;
                case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                    depth--;
                    break;
            }
        }

        return true;
    }

    public static bool IsNull(YamlNode? node) =>
        node is null || (node is YamlScalarNode s && s.Style == YamlDotNet.Core.ScalarStyle.Plain &&
                         (string.IsNullOrEmpty(s.Value) || s.Value is "~" or "null" or "Null" or "NULL"));

    public MapReader? Map(YamlNode? node, string key)
    {
        if (node is YamlMappingNode map)
        {
            return new MapReader(this, map, key);
        }

        // A null node means parsing already failed and said why.
        if (node is null)
        {
            return null;
        }

        Error(node, key, new("应为键值映射（key: value）。", "Expected a mapping of keys to values."));
        return null;
    }

    public IReadOnlyList<(YamlNode Node, string Key)>? Sequence(YamlNode? node, string key)
    {
        if (node is YamlSequenceNode seq)
        {
            return seq.Children.Select((child, i) => (child, $"{key}[{i}]")).ToArray();
        }

        Error(node, key, new("应为列表（[a, b] 或以 - 开头的多行）。", "Expected a list ([a, b] or lines starting with '-')."));
        return null;
    }

    public string? String(YamlNode? node, string key, bool required = true)
    {
        if (node is YamlScalarNode scalar && !IsNull(scalar))
        {
            return scalar.Value;
        }

        if (node is YamlScalarNode && !required)
        {
            return null;
        }

        Error(node, key, node is YamlScalarNode
            ? new LocalizedText("不能为空。", "Must not be empty.")
            : new LocalizedText("应为文本。", "Expected a text value."));
        return null;
    }

    public IReadOnlyList<string>? StringList(YamlNode? node, string key)
    {
        var items = Sequence(node, key);
        if (items is null)
        {
            return null;
        }

        var values = new List<string>(items.Count);
        foreach (var (child, childKey) in items)
        {
            if (String(child, childKey) is { } value)
            {
                values.Add(value);
            }
        }

        return values;
    }

    /// <summary>A number within [min, max]; bounds are exclusive when the flags say so.</summary>
    public double? Number(YamlNode? node, string key, double min, double max, bool minExclusive = false, bool maxExclusive = false)
    {
        var value = ScalarNumber(node, key);
        if (value is not { } v)
        {
            return null;
        }

        var belowMin = minExclusive ? v <= min : v < min;
        var aboveMax = maxExclusive ? v >= max : v > max;
        if (belowMin || aboveMax)
        {
            Error(node, key, RangeMessage(v, min, max, minExclusive, maxExclusive));
            return null;
        }

        return v;
    }

    /// <summary>The largest money amount or count a profile may hold: far beyond any real figure, far below overflow.</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    public decimal? Decimal(YamlNode? node, string key, decimal min = 0, decimal max = MaxAmount)
    {
        var text = NumberText(node, key);
        if (text is null)
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            Error(node, key, double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                ? new LocalizedText($"数值过大（当前为 {text}）。", $"Too large (is {text}).")
                : NotANumber(text));
            return null;
        }

        if (value > max)
        {
            Error(node, key, new LocalizedText(
                string.Create(CultureInfo.InvariantCulture, $"数值过大（当前为 {text}，上限 {max:#,0}）。"),
                string.Create(CultureInfo.InvariantCulture, $"Too large (is {text}; at most {max:#,0}).")));
            return null;
        }

        if (value < min)
        {
            Error(node, key, min == 0
                ? new LocalizedText($"不能为负数（当前为 {text}）。", $"Must not be negative (is {text}).")
                : new LocalizedText($"应不小于 {min}（当前为 {text}）。", $"Must be at least {min} (is {text})."));
            return null;
        }

        return value;
    }

    public int? Int(YamlNode? node, string key, int min, int max)
    {
        var text = NumberText(node, key);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            Error(node, key, double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                ? new LocalizedText($"应为整数（当前为 {text}）。", $"Expected a whole number (is {text}).")
                : NotANumber(text));
            return null;
        }

        if (value < min || value > max)
        {
            Error(node, key, RangeMessage(value, min, max, false, false));
            return null;
        }

        return value;
    }

    public bool? Bool(YamlNode? node, string key)
    {
        var text = String(node, key);
        switch (text)
        {
            case null:
                return null;
            case "true" or "True" or "yes":
                return true;
            case "false" or "False" or "no":
                return false;
            default:
                Error(node, key, new($"应为 true 或 false（当前为 \"{text}\"）。", $"Expected true or false (is \"{text}\")."));
                return null;
        }
    }

    /// <summary>A value from a closed set of ids, with the valid ids named when it is not one of them.</summary>
    public T? OneOf<T>(YamlNode? node, string key, IReadOnlyDictionary<string, T> allowed, LocalizedText what)
        where T : struct
    {
        var text = String(node, key);
        if (text is null)
        {
            return null;
        }

        if (allowed.TryGetValue(text, out var value))
        {
            return value;
        }

        Error(node, key, Unknown(text, what, allowed.Keys));
        return null;
    }

    public static LocalizedText Unknown(string value, LocalizedText what, IEnumerable<string> valid)
    {
        var list = string.Join(", ", valid.Take(40));
        return new LocalizedText($"未知的{what.Zh} \"{value}\"；可用：{list}。", $"Unknown {what.En} \"{value}\"; valid: {list}.");
    }

    /// <summary>A <c>{ zh: …, en: … }</c> pair; a plain string is accepted for both languages.</summary>
    public LocalizedText? Localized(YamlNode? node, string key)
    {
        if (node is YamlScalarNode)
        {
            return String(node, key) is { } both ? new LocalizedText(both, both) : null;
        }

        var map = Map(node, key);
        if (map is null)
        {
            return null;
        }

        var zh = map.Required("zh", (n, k) => String(n, k));
        var en = map.Required("en", (n, k) => String(n, k));
        map.Finish();
        return zh is null || en is null ? null : new LocalizedText(zh, en);
    }

    private double? ScalarNumber(YamlNode? node, string key)
    {
        var text = NumberText(node, key);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        Error(node, key, NotANumber(text));
        return null;
    }

    private string? NumberText(YamlNode? node, string key)
    {
        if (node is YamlScalarNode scalar && !IsNull(scalar))
        {
            if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted)
            {
                Error(node, key, new($"应为数字，不要加引号（当前为 \"{scalar.Value}\"）。", $"Expected a number, without quotes (is \"{scalar.Value}\")."));
                return null;
            }

            return scalar.Value;
        }

        Error(node, key, new("应为数字。", "Expected a number."));
        return null;
    }

    private static LocalizedText NotANumber(string text) =>
        new($"应为数字（当前为 \"{text}\"）。", $"Expected a number (is \"{text}\").");

    private static LocalizedText RangeMessage(double v, double min, double max, bool minExclusive, bool maxExclusive)
    {
        var value = v.ToString(CultureInfo.InvariantCulture);
        var lo = min.ToString(CultureInfo.InvariantCulture);
        var hi = max.ToString(CultureInfo.InvariantCulture);
        if (v < 0 && min >= 0)
        {
            return new LocalizedText($"不能为负数（当前为 {value}）。", $"Must not be negative (is {value}).");
        }

        var rangeEn = $"{(minExclusive ? "(" : "[")}{lo}, {hi}{(maxExclusive ? ")" : "]")}";
        return new LocalizedText($"应在 {rangeEn} 范围内（当前为 {value}）。", $"Must be within {rangeEn} (is {value}).");
    }

    private static string Trim(string reason)
    {
        var i = reason.IndexOf("):", StringComparison.Ordinal);
        return (i >= 0 && reason.StartsWith('(') ? reason[(i + 2)..] : reason).Trim();
    }
}

/// <summary>Reads the keys of one mapping and reports the keys nobody asked for as unknown.</summary>
internal sealed class MapReader
{
    private readonly YamlReader _reader;
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly string _path;

    public MapReader(YamlReader reader, YamlMappingNode node, string path)
    {
        _reader = reader;
        _path = path;
        Node = node;
        foreach (var (key, value) in node.Children)
        {
            if (key is YamlScalarNode { Value: "<<" } merge)
            {
                reader.Error(merge, path, new("不支持 YAML 合并键（<<）：请把各个键直接写出来。", "YAML merge keys (<<) are not supported: write the keys out."));
            }
            else if (key is YamlScalarNode scalar && scalar.Value is { } name)
            {
                _entries[name] = (scalar, value);
            }
            else
            {
                reader.Error(key, path, new("键必须是文本。", "Keys must be text."));
            }
        }
    }

    public YamlMappingNode Node { get; }

    public string KeyOf(string key) => string.IsNullOrEmpty(_path) ? key : $"{_path}.{key}";

    public bool Has(string key)
    {
        _known.Add(key);
        return _entries.TryGetValue(key, out var entry) && !YamlReader.IsNull(entry.Value);
    }

    /// <summary>The value under <paramref name="key"/>, or null (without error) when absent or null.</summary>
    public YamlNode? Take(string key)
    {
        _known.Add(key);
        return _entries.TryGetValue(key, out var entry) && !YamlReader.IsNull(entry.Value) ? entry.Value : null;
    }

    public T? Optional<T>(string key, Func<YamlNode, string, T?> read)
        where T : class => Take(key) is { } node ? read(node, KeyOf(key)) : null;

    public T? OptionalValue<T>(string key, Func<YamlNode, string, T?> read)
        where T : struct => Take(key) is { } node ? read(node, KeyOf(key)) : null;

    public T? Required<T>(string key, Func<YamlNode, string, T?> read)
        where T : class
    {
        if (Take(key) is { } node)
        {
            return read(node, KeyOf(key));
        }

        Missing(key);
        return null;
    }

    public T? RequiredValue<T>(string key, Func<YamlNode, string, T?> read)
        where T : struct
    {
        if (Take(key) is { } node)
        {
            return read(node, KeyOf(key));
        }

        Missing(key);
        return null;
    }

    public void Missing(string key) =>
        _reader.Error(Node, KeyOf(key), new($"缺少必填项 \"{key}\"。", $"The required key \"{key}\" is missing."));

    /// <summary>Every entry, for maps keyed by data (such as quotes by function), marking all as known.</summary>
    public IEnumerable<(string Key, YamlScalarNode KeyNode, YamlNode Value)> Entries()
    {
        foreach (var (name, entry) in _entries)
        {
            _known.Add(name);
            yield return (name, entry.Key, entry.Value);
        }
    }

    /// <summary>Reports every key that was never asked for.</summary>
    public void Finish()
    {
        foreach (var (name, entry) in _entries)
        {
            if (!_known.Contains(name))
            {
                var valid = string.Join(", ", _known.Order(StringComparer.Ordinal));
                _reader.Error(entry.Key, KeyOf(name), new(
                    $"未知的键 \"{name}\"；此处可用：{valid}。",
                    $"Unknown key \"{name}\"; valid here: {valid}."));
            }
        }
    }
}
