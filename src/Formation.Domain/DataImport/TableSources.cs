using Formation.Domain.Text;

namespace Formation.Domain.DataImport;

/// <summary>A table source could not go on reading a file that opened fine (a damaged part further in).</summary>
public sealed class TableSourceException : Exception
{
    /// <summary>Creates the exception with what to tell the user.</summary>
    public TableSourceException(LocalizedText reason, Exception? inner = null)
        : base(reason?.En, inner)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Reason = reason;
    }

    /// <summary>What to tell the user.</summary>
    public LocalizedText Reason { get; }
}

/// <summary>A table source, or why the file cannot be read.</summary>
/// <param name="Source">The opened source (the caller disposes it); null when <paramref name="Problem"/> says why not.</param>
/// <param name="Problem">Why the file cannot be read; null when it opened.</param>
public sealed record OpenedTable(ITableSource? Source, LocalizedText? Problem);

/// <summary>Picks the reader for an uploaded file by its extension.</summary>
public static class TableSources
{
    /// <summary>The extensions read as delimited text.</summary>
    public static IReadOnlyList<string> TextExtensions { get; } = [".csv", ".txt", ".tsv"];

    /// <summary>The extensions read as workbooks.</summary>
    public static IReadOnlyList<string> WorkbookExtensions { get; } = [".xlsx"];

    /// <summary>
    /// Opens <paramref name="stream"/> (seekable; the caller keeps ownership) as CSV for .csv, .txt and .tsv — with the
    /// mapping's delimiter and encoding, or detected ones — or as the first worksheet for .xlsx. Any other extension, an
    /// unknown encoding name or a damaged workbook gives a problem instead of a source.
    /// </summary>
    public static OpenedTable Open(string fileName, Stream stream, ImportMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(mapping);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (TextExtensions.Contains(extension))
        {
            if (mapping.Encoding is { } name && !TryEncoding(name, out _))
            {
                return new(null, new($"映射中的编码“{name}”无法识别；请使用 utf-8、gb18030 或 utf-16。", $"The mapping's encoding \"{name}\" is not known; use utf-8, gb18030 or utf-16."));
            }

            var delimiter = mapping.Delimiter ?? (extension == ".tsv" ? '\t' : null);
            return new(CsvSource.Open(stream, delimiter, mapping.Encoding), null);
        }

        if (WorkbookExtensions.Contains(extension))
        {
            return XlsxSource.TryOpen(stream, out var workbook, out var problem) ? new(workbook, null) : new(null, problem);
        }

        if (extension is ".xls" or ".et")
        {
            return new(null, new(
                "不支持旧版 Excel 97–2003 格式（.xls）：请在 Excel 或 WPS 中“另存为” .xlsx 或 .csv 后再导入。",
                "Old Excel 97–2003 files (.xls) are not supported: save the file as .xlsx or .csv in Excel or WPS, then import that."));
        }

        var shown = extension.Length == 0 ? "（无扩展名）" : extension;
        var shownEn = extension.Length == 0 ? "(no extension)" : extension;
        return new(null, new(
            $"无法导入 {shown} 文件：请上传 .csv、.txt、.tsv 或 .xlsx 文件。",
            $"Cannot import a {shownEn} file: upload a .csv, .txt, .tsv or .xlsx file."));
    }

    internal static bool TryEncoding(string name, out System.Text.Encoding? encoding)
    {
        try
        {
            encoding = CsvSource.Named(name);
            return true;
        }
        catch (ArgumentException)
        {
            encoding = null;
            return false;
        }
    }
}
