using Formation.Domain.Text;

namespace Formation.Domain.DataImport;

/// <summary>Where a field's value comes from: a source column (by its header text) or a value fixed for the whole file.</summary>
/// <param name="Column">The header text of the source column, compared after trimming, case-insensitively.</param>
/// <param name="Fixed">The value every row gets, e.g. the channel "百度搜索".</param>
public sealed record FieldSource(string? Column, string? Fixed)
{
    /// <summary>A source column.</summary>
    public static FieldSource FromColumn(string column) => new(column, null);

    /// <summary>A fixed value.</summary>
    public static FieldSource FixedValue(string value) => new(null, value);
}

/// <summary>How the numbers in a file are written.</summary>
/// <param name="ThousandsSeparator">Grouping character that is ignored ("1,234"); '\0' for none.</param>
/// <param name="DecimalSeparator">'.' or ','.</param>
public sealed record NumberFormat(char ThousandsSeparator, char DecimalSeparator)
{
    /// <summary>"1,234.56" — the usual Chinese and English style.</summary>
    public static NumberFormat Standard { get; } = new(',', '.');
}

/// <summary>
/// A saved column mapping: how to read one shape of export (an ad platform's campaign report, a shop's daily
/// figures…) into daily metrics. Currency symbols (¥ ￥ $ € £) and surrounding spaces in number cells are
/// always ignored; "-" and "--" and empty cells in number columns mean 0.
/// </summary>
/// <param name="Name">Unique id within the organisation (shipped ones start with a letter and use a-z, 0-9, '-').</param>
/// <param name="Title">What the user sees in the list.</param>
/// <param name="Delimiter">The CSV delimiter; null detects it from the first lines (',' tab ';' '|').</param>
/// <param name="Encoding">"utf-8", "gb18030" (also reads GBK and GB2312), "utf-16"; null detects: a byte-order mark, else UTF-8 if the start of the file is valid UTF-8, else GB18030.</param>
/// <param name="HeaderRow">1-based line of the header; 0 finds it: the first of the first 50 lines that holds every mapped column.</param>
/// <param name="DateFormats">.NET custom date formats tried in order, e.g. "yyyy-MM-dd", "yyyy/M/d", "yyyyMMdd".</param>
/// <param name="Numbers">How numbers are written.</param>
/// <param name="Fields">Where each field comes from. Date, Channel and Campaign are required; Segment and the measures are optional.</param>
/// <param name="SkipRowsStartingWith">Rows whose first non-empty cell starts with one of these are summary rows and skipped (合计, 总计, Total).</param>
/// <param name="Source">Where the shape is documented (for shipped mappings), shown to the user.</param>
public sealed record ImportMapping(
    string Name,
    LocalizedText Title,
    char? Delimiter,
    string? Encoding,
    int HeaderRow,
    IReadOnlyList<string> DateFormats,
    NumberFormat Numbers,
    IReadOnlyDictionary<MetricField, FieldSource> Fields,
    IReadOnlyList<string> SkipRowsStartingWith,
    string? Source = null)
{
    /// <summary>Two mappings are equal when they read files the same way: the lists and fields are compared by content.</summary>
    public bool Equals(ImportMapping? other) =>
        other is not null &&
        Name == other.Name && Title == other.Title && Delimiter == other.Delimiter && Encoding == other.Encoding &&
        HeaderRow == other.HeaderRow && DateFormats.SequenceEqual(other.DateFormats) && Numbers == other.Numbers &&
        Fields.Count == other.Fields.Count && Fields.All(f => other.Fields.TryGetValue(f.Key, out var o) && o == f.Value) &&
        SkipRowsStartingWith.SequenceEqual(other.SkipRowsStartingWith) && Source == other.Source;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Title, Delimiter, Encoding, HeaderRow, Numbers, Fields.Count, Source);
}
