using System.Runtime.CompilerServices;
using Formation.Domain.Text;

namespace Formation.Domain.DataImport;

/// <summary>
/// Turns the rows of an export into <see cref="MetricRecord"/>s through a mapping: finds the header, parses and
/// checks every mapped cell, skips blank and summary rows, and reports every rejected value with its line and
/// column. Within one file the natural key (channel, campaign, segment, day) must be unique: a repeated row with the
/// same numbers is skipped, one with different numbers is rejected. Memory grows only with the number of distinct
/// keys (a 64-bit hash and a line number each).
/// </summary>
/// <remarks>
/// The methods run once per row, here and in <see cref="CsvSource"/>, <see cref="CellText"/> and the key tables, are
/// marked <see cref="MethodImplOptions.AggressiveOptimization"/>: compiled optimised on their first call, with the
/// runtime's helpers inlined, rather than running precompiled code until the runtime recompiles them (decision 0018).
/// </remarks>
public sealed class MetricRowReader
{
    /// <summary>How many problems are kept for display; all are counted.</summary>
    public const int KeptProblems = 1000;

    private const int HeaderSearchRows = 50;
    private const int MaxTextLength = 200;
    private static readonly MetricField[] s_measures =
        [MetricField.Impressions, MetricField.Clicks, MetricField.Cost, MetricField.Conversions, MetricField.Leads, MetricField.Orders, MetricField.Revenue];

    private readonly ITableSource _source;
    private readonly CsvSource? _csv;
    private readonly ImportMapping _mapping;
    private readonly string _currency;
    private readonly ImportFixes _fixes;
    private readonly string[] _dateFormats;
    private readonly int[] _columns = new int[Enum.GetValues<MetricField>().Length];
    private readonly string[] _columnNames = new string[Enum.GetValues<MetricField>().Length];
    private readonly string?[] _fixedValues = new string?[Enum.GetValues<MetricField>().Length];
    private readonly (string Text, ulong Hash)[] _lastNames = new (string, ulong)[Enum.GetValues<MetricField>().Length];
    private readonly List<ImportProblem> _problems = [];
    private readonly Dictionary<string, (string Text, ulong Hash)> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Text, ulong Hash)>.AlternateLookup<ReadOnlySpan<char>> _nameLookup;
    private readonly DayKeyTables _keys = new();
    private readonly string? _summaryFirstChars;
    private string _lastDateText = "";
    private DateOnly _lastDate;
    private bool _opened;
    private bool _rowHasFixes;
    private bool _fileProblemKept;

    public MetricRowReader(ITableSource source, ImportMapping mapping, string currency, ImportFixes? fixes = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(currency);
        _source = source;
        _csv = source as CsvSource;
        _mapping = mapping;
        _currency = currency;
        _fixes = fixes ?? new ImportFixes();
        _dateFormats = mapping.DateFormats.Count > 0 ? [.. mapping.DateFormats] : ["yyyy-MM-dd"];
        _nameLookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        Array.Fill(_columns, -1);
        Array.Fill(_lastNames, ("", 0UL));
        foreach (var (field, fieldSource) in mapping.Fields)
        {
            _fixedValues[(int)field] = fieldSource.Fixed;
        }

        // A summary row's first cell starts like a prefix: rows whose first character (ignoring case) starts none are
        // not compared any further. An empty prefix matches every row, so then every row is compared.
        _summaryFirstChars = mapping.SkipRowsStartingWith.Any(p => p.Length == 0)
            ? null
            : new string([.. mapping.SkipRowsStartingWith.Select(p => char.ToUpperInvariant(p[0])).Distinct()]);
    }

    /// <summary>Problems found so far, the first <see cref="KeptProblems"/>.</summary>
    public IReadOnlyList<ImportProblem> Problems => _problems;

    /// <summary>All problems found so far.</summary>
    public int ProblemCount { get; private set; }

    /// <summary>Rows returned by <see cref="Next"/>.</summary>
    public int AcceptedRows { get; private set; }

    /// <summary>Rows with at least one rejected value.</summary>
    public int RejectedRows { get; private set; }

    /// <summary>Empty rows after the header.</summary>
    public int BlankRows { get; private set; }

    /// <summary>Summary rows (合计, Total…) skipped.</summary>
    public int SummaryRows { get; private set; }

    /// <summary>Rows repeated with the same numbers, skipped.</summary>
    public int DuplicateRows { get; private set; }

    /// <summary>Rows the user chose to leave out.</summary>
    public int LeftOutRows { get; private set; }

    /// <summary>The header's line, once found.</summary>
    public int HeaderLine { get; private set; }

    /// <summary>The header cells, once found.</summary>
    public IReadOnlyList<string> Header { get; private set; } = [];

    /// <summary>Whether the file can be read at all (the header was found and the mapping fits it).</summary>
    public bool Readable => _opened && !_fileProblemKept;

    /// <summary>How far through the file reading has got, 0–1.</summary>
    public double Progress => _source.Progress;

    /// <summary>The fields the mapping takes from columns, with the column's header text.</summary>
    public IEnumerable<(MetricField Field, string Column)> MappedColumns =>
        Enum.GetValues<MetricField>().Where(f => _columns[(int)f] >= 0).Select(f => (f, _columnNames[(int)f]));

    /// <summary>
    /// Reads a two-row file in the standard layout and discards it: this parses the shipped mappings and compiles the
    /// per-row code. A one-off command runs it on its spare core while it connects to the database, instead of paying
    /// for both on the thread that then reads the file.
    /// </summary>
    /// <returns>The rows accepted: 1, unless the standard mapping stopped fitting the row made for it.</returns>
    public static int WarmUp()
    {
        var mapping = ShippedMappings.Standard;
        var columns = mapping.Fields.Where(f => f.Value.Column is not null).ToList();
        var row = columns.Select(f => f.Key switch
        {
            MetricField.Date => "2025-01-01",
            MetricField.Currency => "CNY",
            _ when MetricFields.IsCount(f.Key) => "1",
            _ when MetricFields.IsMoney(f.Key) => "1.00",
            _ => "x",
        });
        var text = string.Join(",", columns.Select(f => f.Value.Column)) + "\n" + string.Join(",", row) + "\n";
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        using var source = CsvSource.Open(stream, ',', "utf-8");
        var reader = new MetricRowReader(source, mapping, "CNY");
        while (reader.Next(out _))
        {
        }

        return reader.AcceptedRows;
    }

    /// <summary>Checks the mapping and finds the header. False (with a line-0 problem) when the file cannot be read.</summary>
    public bool Open()
    {
        if (_opened)
        {
            return Readable;
        }

        _opened = true;
        foreach (var required in new[] { MetricField.Date, MetricField.Channel, MetricField.Campaign })
        {
            if (!_mapping.Fields.TryGetValue(required, out var source) || (source.Column is null && string.IsNullOrWhiteSpace(source.Fixed)))
            {
                FileProblem(new($"映射缺少必需字段“{MetricFields.Id(required)}”。", $"The mapping does not say where \"{MetricFields.Id(required)}\" comes from."));
            }
        }

        if (!s_measures.Any(_mapping.Fields.ContainsKey))
        {
            FileProblem(new("映射没有任何指标列（展现、点击、花费……）。", "The mapping has no measure (impressions, clicks, cost…)."));
        }

        if (_problems.Count > 0)
        {
            return false;
        }

        var wanted = _mapping.Fields.Where(f => f.Value.Column is not null).ToList();
        if (wanted.Count == 0)
        {
            return true;
        }

        (int Line, int Found, List<string> Missing) best = (0, -1, []);
        var rows = 0;
        while (ReadRow())
        {
            rows++;
            var line = _source.LineNumber;
            if (_mapping.HeaderRow > 0 && line < _mapping.HeaderRow)
            {
                continue;
            }

            var cells = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var header = new List<string>();
            for (var i = 0; i < _source.FieldCount; i++)
            {
                var text = ValueParser.Clean(_source.Text(i)).ToString();
                header.Add(text);
                cells.TryAdd(text, i);
            }

            var missing = wanted.Where(w => !cells.ContainsKey(w.Value.Column!.Trim())).Select(w => w.Value.Column!).ToList();
            if (wanted.Count - missing.Count > best.Found)
            {
                best = (line, wanted.Count - missing.Count, missing);
            }

            if (missing.Count == 0)
            {
                foreach (var (field, source) in wanted)
                {
                    _columns[(int)field] = cells[source.Column!.Trim()];
                    _columnNames[(int)field] = source.Column!.Trim();
                }

                HeaderLine = line;
                Header = header;
                return true;
            }

            if (_mapping.HeaderRow > 0 || rows >= HeaderSearchRows)
            {
                break;
            }
        }

        var names = string.Join("、", best.Missing.Select(m => $"“{m}”"));
        var where = _mapping.HeaderRow > 0 ? $"第 {_mapping.HeaderRow} 行" : $"前 {HeaderSearchRows} 行";
        var whereEn = _mapping.HeaderRow > 0 ? $"line {_mapping.HeaderRow}" : $"the first {HeaderSearchRows} lines";
        FileProblem(rows == 0
            ? new("文件是空的。", "The file is empty.")
            : new($"{where}中找不到表头：缺少列 {names}。", $"No header row in {whereEn}: missing column(s) {string.Join(", ", best.Missing.Select(m => $"\"{m}\""))}."));
        return false;
    }

    /// <summary>The next accepted row; false at the end of the file.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next(out MetricRecord record)
    {
        if (!Open())
        {
            record = default;
            return false;
        }

        while (ReadRow())
        {
            var line = _source.LineNumber;
            if (IsBlank())
            {
                BlankRows++;
                continue;
            }

            if (IsSummary())
            {
                SummaryRows++;
                continue;
            }

            _rowHasFixes = !_fixes.IsEmpty;
            if (_rowHasFixes && _fixes.SkippedLines.Contains(line))
            {
                LeftOutRows++;
                continue;
            }

            var ok = true;
            ok &= TryDay(line, out var day);
            ok &= TryName(line, MetricField.Channel, required: true, out var channel, out var channelHash);
            ok &= TryName(line, MetricField.Campaign, required: true, out var campaign, out var campaignHash);
            ok &= TryName(line, MetricField.Segment, required: false, out var segment, out var segmentHash);
            ok &= TryCount(line, MetricField.Impressions, out var impressions);
            ok &= TryCount(line, MetricField.Clicks, out var clicks);
            ok &= TryMoney(line, MetricField.Cost, out var cost);
            ok &= TryCount(line, MetricField.Conversions, out var conversions);
            ok &= TryCount(line, MetricField.Leads, out var leads);
            ok &= TryCount(line, MetricField.Orders, out var orders);
            ok &= TryMoney(line, MetricField.Revenue, out var revenue);
            ok &= CurrencyMatches(line);
            if (!ok)
            {
                RejectedRows++;
                continue;
            }

            record = new MetricRecord(line, day, channel, campaign, segment, impressions, clicks, cost, conversions, leads, orders, revenue);
            if (!IsFirstOfKey(record, Combine(Combine(Combine(Combine(Seed, channelHash), campaignHash), segmentHash), (ulong)day.DayNumber)))
            {
                continue;
            }

            AcceptedRows++;
            return true;
        }

        record = default;
        return false;
    }

    /// <summary>The next row of the source; a source that fails part-way (a damaged workbook) ends the file with a line-0 problem.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadRow()
    {
        try
        {
            return _source.Read();
        }
        catch (TableSourceException ex)
        {
            FileProblem(ex.Reason);
            return false;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsBlank()
    {
        if (_csv is not null)
        {
            // A CSV cell is Empty exactly when it is white space, which cleans to nothing as well.
            for (var i = 0; i < _csv.FieldCount; i++)
            {
                if (!CellText.Clean(_csv.Text(i)).IsEmpty)
                {
                    return false;
                }
            }

            return true;
        }

        for (var i = 0; i < _source.FieldCount; i++)
        {
            if (_source.Kind(i) != CellKind.Empty && !ValueParser.Clean(_source.Text(i)).IsEmpty)
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsSummary()
    {
        if (_mapping.SkipRowsStartingWith.Count == 0)
        {
            return false;
        }

        for (var i = 0; i < _source.FieldCount; i++)
        {
            var text = CellText.Clean(_source.Text(i));
            if (text.IsEmpty)
            {
                continue;
            }

            if (_summaryFirstChars is not null && !_summaryFirstChars.Contains(char.ToUpperInvariant(text[0]), StringComparison.Ordinal))
            {
                return false;
            }

            foreach (var prefix in _mapping.SkipRowsStartingWith)
            {
                if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        return false;
    }

    /// <summary>Whether the row's key (<paramref name="key"/>: a hash of channel, campaign, segment and day) is new in the file.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsFirstOfKey(in MetricRecord record, ulong key)
    {
        var values = Combine(Combine(Combine(Combine(Combine(Combine(Combine(Seed, (ulong)record.Impressions), (ulong)record.Clicks), (ulong)record.CostE4),
            (ulong)record.Conversions), (ulong)record.Leads), (ulong)record.Orders), (ulong)record.RevenueE4);
        if (_keys.TryAdd(record.Day.DayNumber, key, record.Line, unchecked((uint)(values ^ (values >> 32))), out var firstLine, out var firstValues))
        {
            return true;
        }

        if (firstValues == unchecked((uint)(values ^ (values >> 32))))
        {
            DuplicateRows++;
            return false;
        }

        RejectedRows++;
        var column = _columns[(int)MetricField.Campaign] >= 0 ? _columnNames[(int)MetricField.Campaign] : MetricFields.Id(MetricField.Campaign);
        Problem(record.Line, column, MetricField.Campaign,
            new($"与第 {firstLine} 行的渠道、活动、细分和日期相同，但数值不同。", $"Same channel, campaign, segment and day as line {firstLine}, with different numbers."),
            record.Campaign);
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryDay(int line, out DateOnly day)
    {
        LocalizedText? reason;
        var ok = Cell(line, MetricField.Date, out var text, out var kind, out var index);
        if (!ok)
        {
            day = default;
            return Reject(line, MetricField.Date, new("日期为空。", "The date is empty."), "");
        }

        if (kind == CellKind.Date)
        {
            day = _source.DateValue(index);
            return ValueParser.InRange(day, out reason) || Reject(line, MetricField.Date, reason!, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (kind == CellKind.Number)
        {
            return ValueParser.TryExcelSerial(_source.NumberValue(index), out day, out reason) || Reject(line, MetricField.Date, reason!, text.ToString());
        }

        // The cache starts empty, so an empty cell must not be compared with it: it would "match" and become 0001-01-01.
        // A cell equal to the (non-empty) cached text is not empty either.
        if (_lastDateText.Length > 0 && text.SequenceEqual(_lastDateText))
        {
            day = _lastDate;
            return true;
        }

        if (CellText.Clean(text).IsEmpty)
        {
            day = default;
            return Reject(line, MetricField.Date, new("日期为空。", "The date is empty."), "");
        }

        if (!ValueParser.TryDay(text, _dateFormats, out day, out reason))
        {
            return Reject(line, MetricField.Date, reason!, text.ToString());
        }

        _lastDateText = text.ToString();
        _lastDate = day;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryName(int line, MetricField field, bool required, out string value, out ulong hash)
    {
        value = "";
        hash = 0;
        if (!Cell(line, field, out var text, out _, out _))
        {
            return !required || Reject(line, field, new("不能为空。", "Must not be empty."), "");
        }

        text = CellText.Clean(text);
        ref var last = ref _lastNames[(int)field];
        if (last.Text.Length > 0 && text.SequenceEqual(last.Text))
        {
            // The same name as this column's previous accepted one (exports come grouped), so it passes the same checks.
            (value, hash) = last;
            return true;
        }

        if (text.IsEmpty)
        {
            return !required || Reject(line, field, new("不能为空。", "Must not be empty."), "");
        }

        if (text.Length > MaxTextLength)
        {
            return Reject(line, field, new($"超过 {MaxTextLength} 个字符。", $"Longer than {MaxTextLength} characters."), text[..40].ToString() + "…");
        }

        if (_nameLookup.TryGetValue(text, out var known))
        {
            (value, hash) = known;
            last = known;
            return true;
        }

        value = text.ToString();
        hash = Fnv(value);
        if (_names.Count < 100_000)
        {
            _names[value] = (value, hash);
        }

        last = (value, hash);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryCount(int line, MetricField field, out long value)
    {
        value = 0;
        if (!Cell(line, field, out var text, out var kind, out var index))
        {
            return true;
        }

        if (kind != CellKind.Number && CellText.TryDigits(text, out value))
        {
            return true;
        }

        LocalizedText? reason;
        var ok = kind == CellKind.Number
            ? ValueParser.TryCount(_source.NumberValue(index), out value, out reason)
            : ValueParser.TryCount(text, _mapping.Numbers, out value, out reason);
        return ok || Reject(line, field, reason!, text.ToString());
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryMoney(int line, MetricField field, out long value)
    {
        value = 0;
        if (!Cell(line, field, out var text, out var kind, out var index))
        {
            return true;
        }

        if (kind != CellKind.Number && CellText.TryMoney(text, _mapping.Numbers.DecimalSeparator, out value))
        {
            return true;
        }

        LocalizedText? reason;
        var ok = kind == CellKind.Number
            ? ValueParser.TryMoney(_source.NumberValue(index), out value, out reason)
            : ValueParser.TryMoney(text, _mapping.Numbers, out value, out reason);
        return ok || Reject(line, field, reason!, text.ToString());
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool CurrencyMatches(int line)
    {
        if (!Cell(line, MetricField.Currency, out var text, out _, out _))
        {
            return true;
        }

        text = ValueParser.Clean(text);
        return text.IsEmpty || text.Equals(_currency, StringComparison.OrdinalIgnoreCase) ||
            Reject(line, MetricField.Currency,
                new($"该行币种为 {text.ToString()}，而本组织使用 {_currency}。", $"The row is in {text.ToString()}; the organisation's currency is {_currency}."),
                text.ToString());
    }

    /// <summary>
    /// The text (and kind) of a field on this row: a user's fix, the fixed value, or the mapped cell. False when the field
    /// is not mapped. A CSV cell's kind is given as Text even when it is blank: callers only single out Number and Date,
    /// which CSV cells never are.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Cell(int line, MetricField field, out ReadOnlySpan<char> text, out CellKind kind, out int index)
    {
        index = _columns[(int)field];
        if (_rowHasFixes && _fixes.Values.TryGetValue((line, field), out var fixedText))
        {
            text = fixedText;
            kind = CellKind.Text;
            return true;
        }

        if (index >= 0)
        {
            if (_csv is not null)
            {
                text = _csv.Text(index);
                kind = CellKind.Text;
                return true;
            }

            text = _source.Text(index);
            kind = _source.Kind(index);
            return true;
        }

        if (_fixedValues[(int)field] is { } fixedValue)
        {
            text = fixedValue;
            kind = CellKind.Text;
            return true;
        }

        text = [];
        kind = CellKind.Empty;
        return false;
    }

    private bool Reject(int line, MetricField field, LocalizedText reason, string value)
    {
        var column = _columns[(int)field] >= 0 ? _columnNames[(int)field] : MetricFields.Id(field);
        Problem(line, column, field, reason, value);
        return false;
    }

    private void Problem(int line, string column, MetricField? field, LocalizedText reason, string? value)
    {
        ProblemCount++;
        if (_problems.Count < KeptProblems)
        {
            _problems.Add(new ImportProblem(line, column, field, reason, value));
            _fileProblemKept |= line == 0;
        }
    }

    private void FileProblem(LocalizedText reason) => Problem(0, "", null, reason, null);

    private const ulong Seed = 14695981039346656037UL;

    /// <summary>FNV-1a over a name's characters, computed once per distinct name.</summary>
    private static ulong Fnv(string text)
    {
        var hash = Seed;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        return hash;
    }

    /// <summary>Mixes the next part of a key into a hash; the order of the parts matters.</summary>
    private static ulong Combine(ulong hash, ulong part) => unchecked((System.Numerics.BitOperations.RotateLeft(hash, 27) ^ part) * 0x9E3779B97F4A7C15UL);
}
