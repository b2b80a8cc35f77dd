using Formation.Domain.Text;

namespace Formation.Domain.DataImport;

/// <summary>
/// One accepted row: a day of one campaign (and segment) in one channel. Money is in integer ten-thousandths of the
/// organisation's currency unit, so sums stay exact.
/// </summary>
public readonly record struct MetricRecord(
    int Line,
    DateOnly Day,
    string Channel,
    string Campaign,
    string Segment,
    long Impressions,
    long Clicks,
    long CostE4,
    long Conversions,
    long Leads,
    long Orders,
    long RevenueE4);

/// <summary>A value the import rejected: where it is (line and column as the user sees them), why, and what it was.</summary>
/// <param name="Line">The file's line (CSV) or row (XLSX); 0 for a problem with the whole file.</param>
/// <param name="Column">The column's header text, or the field's id for a fixed value.</param>
/// <param name="Field">The field the value was for, if any.</param>
public sealed record ImportProblem(int Line, string Column, MetricField? Field, LocalizedText Reason, string? Value);

/// <summary>Corrections a user made while previewing: replacement cell texts and rows to leave out.</summary>
public sealed class ImportFixes
{
    private readonly Dictionary<(int Line, MetricField Field), string> _values = [];
    private readonly HashSet<int> _skipped = [];

    /// <summary>Replacement texts by line and field.</summary>
    public IReadOnlyDictionary<(int Line, MetricField Field), string> Values => _values;

    /// <summary>Lines the user chose to leave out.</summary>
    public IReadOnlySet<int> SkippedLines => _skipped;

    /// <summary>Whether there is nothing to apply.</summary>
    public bool IsEmpty => _values.Count == 0 && _skipped.Count == 0;

    /// <summary>Uses <paramref name="text"/> instead of the file's cell for <paramref name="field"/> on <paramref name="line"/>.</summary>
    public ImportFixes Set(int line, MetricField field, string text)
    {
        _values[(line, field)] = text;
        return this;
    }

    /// <summary>Leaves <paramref name="line"/> out of the import.</summary>
    public ImportFixes Skip(int line)
    {
        _skipped.Add(line);
        return this;
    }
}
