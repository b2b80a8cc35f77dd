using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Formation.Application.Reports;

/// <summary>Pieces every XLSX export writes the same way.</summary>
internal static class XlsxCells
{
    /// <summary>A, B, … Z, AA, AB …</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}

/// <summary>The shared string table, each distinct text stored once.</summary>
internal sealed class SharedStrings
{
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);

    public SharedStringTable Table { get; } = new();

    public int IndexOf(string text)
    {
        if (!_indexes.TryGetValue(text, out var index))
        {
            index = _indexes.Count;
            _indexes.Add(text, index);
            Table.Append(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        }

        return index;
    }
}
