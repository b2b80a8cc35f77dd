namespace Formation.Domain.DataImport;

/// <summary>What a cell of a spreadsheet holds; CSV cells are always <see cref="CellKind.Text"/> or <see cref="CellKind.Empty"/>.</summary>
public enum CellKind
{
    /// <summary>Nothing, or only spaces.</summary>
    Empty,

    /// <summary>Text, to be parsed by the mapping's formats.</summary>
    Text,

    /// <summary>A number typed in the spreadsheet (read with <see cref="ITableSource.NumberValue"/>).</summary>
    Number,

    /// <summary>A date typed in the spreadsheet (read with <see cref="ITableSource.DateValue"/>).</summary>
    Date,
}

/// <summary>
/// A file read row by row, forward only, with memory that does not grow with the file: a CSV or an XLSX sheet.
/// Spans returned by <see cref="Text"/> are valid until the next <see cref="Read"/>.
/// </summary>
public interface ITableSource : IDisposable
{
    /// <summary>Moves to the next row (blank rows included); false at the end.</summary>
    bool Read();

    /// <summary>The current row's number as the user sees it: the line of a CSV (where the record starts) or the row of a sheet.</summary>
    int LineNumber { get; }

    /// <summary>Cells in the current row.</summary>
    int FieldCount { get; }

    /// <summary>What cell <paramref name="index"/> holds (Empty when past the row's end).</summary>
    CellKind Kind(int index);

    /// <summary>The cell as text (for Number and Date cells: an invariant rendering); empty when past the row's end.</summary>
    ReadOnlySpan<char> Text(int index);

    /// <summary>A Number cell's value.</summary>
    decimal NumberValue(int index);

    /// <summary>A Date cell's value.</summary>
    DateOnly DateValue(int index);

    /// <summary>How far through the file reading has got, 0–1 (by bytes).</summary>
    double Progress { get; }
}
