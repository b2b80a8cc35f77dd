using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Formation.Domain.Text;

namespace Formation.Domain.DataImport;

/// <summary>
/// One worksheet of an .xlsx workbook, read row by row with the Open XML SDK's forward-only <see cref="OpenXmlReader"/>
/// (never the whole sheet as a document), so memory does not grow with the number of rows. The workbook's
/// shared-strings table and its cell styles are loaded once when the file is opened: memory grows with the number of
/// distinct texts in the workbook, not with rows.
/// </summary>
/// <remarks>
/// Cells: shared and inline strings and formula results are <see cref="CellKind.Text"/>; numbers are
/// <see cref="CellKind.Number"/> (the stored text parsed exactly as a decimal); a number whose style has a date format
/// (built-in formats 14–22, 27–36, 45–47, 50–58, or a custom format with a day, month or year part) is
/// <see cref="CellKind.Date"/> (time of day dropped); booleans (TRUE/FALSE) and errors (#N/A…) are text. Cells missing
/// from a sparse row are empty and the others keep their column (from the cell reference, "C5" → 2); rows missing from
/// the sheet are returned as blank rows so <see cref="LineNumber"/> is always the sheet's row number.
/// </remarks>
public sealed class XlsxSource : ITableSource
{
    private static readonly HashSet<uint> s_builtInDateFormats =
        [14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58];

    private readonly SpreadsheetDocument _document;
    private readonly OpenXmlReader _reader;
    private readonly string[] _sharedStrings;
    private readonly bool[] _dateStyles;
    private readonly bool _date1904;
    private readonly int _lastRow;

    private readonly List<Cell> _cells = [];
    private readonly System.Text.StringBuilder _text = new();
    private int _line;
    private int _parsedLine;
    private int _fieldCount;
    private bool _pending;
    private bool _blank;
    private bool _ended;

    private XlsxSource(SpreadsheetDocument document, OpenXmlReader reader, string[] sharedStrings, bool[] dateStyles, bool date1904, int lastRow, string sheetName)
    {
        _document = document;
        _reader = reader;
        _sharedStrings = sharedStrings;
        _dateStyles = dateStyles;
        _date1904 = date1904;
        _lastRow = lastRow;
        SheetName = sheetName;
    }

    /// <summary>The name of the worksheet being read.</summary>
    public string SheetName { get; }

    /// <summary>The sheet's last row according to its dimension element, 0 when the sheet does not say.</summary>
    public int ApproximateRowCount => _lastRow;

    /// <inheritdoc />
    public int LineNumber => _line;

    /// <inheritdoc />
    public int FieldCount => _blank || _line == 0 ? 0 : _fieldCount;

    /// <inheritdoc />
    /// <remarks>Rows read divided by the sheet's dimension; 0 when the sheet has no dimension element.</remarks>
    public double Progress => _lastRow <= 0 ? 0 : Math.Min(1, (double)_line / _lastRow);

    /// <summary>
    /// Opens the first worksheet of an .xlsx in a seekable stream (the caller keeps ownership of the stream). A file that
    /// is not a readable workbook gives a problem, never an exception.
    /// </summary>
    public static bool TryOpen(Stream stream, out XlsxSource? source, out LocalizedText? problem) => TryOpen(stream, null, out source, out problem);

    /// <summary>
    /// Opens the worksheet named <paramref name="sheetName"/> (case-insensitive; null for the first) of an .xlsx in a
    /// seekable stream (the caller keeps ownership of the stream). A file that is not a readable workbook, or has no such
    /// sheet, gives a problem, never an exception.
    /// </summary>
    public static bool TryOpen(Stream stream, string? sheetName, out XlsxSource? source, out LocalizedText? problem)
    {
        ArgumentNullException.ThrowIfNull(stream);
        source = null;
        SpreadsheetDocument? document = null;
        OpenXmlReader? reader = null;
        try
        {
            document = SpreadsheetDocument.Open(stream, false);
            var workbookPart = document.WorkbookPart;
            if (workbookPart?.Workbook?.Sheets is not { } sheets)
            {
                problem = NotAWorkbook;
                document.Dispose();
                return false;
            }

            WorksheetPart? worksheet = null;
            string? name = null;
            foreach (var sheet in sheets.Elements<Sheet>())
            {
                if (sheetName is not null && !string.Equals(sheet.Name?.Value?.Trim(), sheetName.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (sheet.Id?.Value is { } id && workbookPart.TryGetPartById(id, out var part) && part is WorksheetPart w)
                {
                    worksheet = w;
                    name = sheet.Name?.Value ?? "";
                    break;
                }
            }

            if (worksheet is null)
            {
                problem = sheetName is null
                    ? new("工作簿中没有工作表。", "The workbook has no worksheet.")
                    : new($"工作簿中没有名为“{sheetName}”的工作表。", $"The workbook has no worksheet named \"{sheetName}\".");
                document.Dispose();
                return false;
            }

            var sharedStrings = ReadSharedStrings(workbookPart.SharedStringTablePart);
            var dateStyles = ReadDateStyles(workbookPart.WorkbookStylesPart);
            var date1904 = workbookPart.Workbook.WorkbookProperties?.Date1904?.Value ?? false;
            reader = OpenXmlReader.Create(worksheet);
            var lastRow = MoveToSheetData(reader);
            source = new XlsxSource(document, reader, sharedStrings, dateStyles, date1904, lastRow, name!);
            problem = null;
            return true;
        }
        catch (Exception ex) when (IsFileFault(ex))
        {
            reader?.Dispose();
            document?.Dispose();
            problem = NotAWorkbook;
            return false;
        }
    }

    /// <inheritdoc />
    /// <exception cref="TableSourceException">The sheet's XML is damaged.</exception>
    public bool Read()
    {
        if (_pending)
        {
            _line++;
            _blank = _line != _parsedLine;
            _pending = _blank;
            return true;
        }

        if (_ended)
        {
            _blank = true;
            return false;
        }

        try
        {
            if (!ParseNextRow())
            {
                _ended = true;
                _blank = true;
                return false;
            }
        }
        catch (Exception ex) when (IsFileFault(ex))
        {
            _ended = true;
            throw new TableSourceException(new(
                $"工作表在第 {_line + 1} 行附近已损坏，无法继续读取。",
                $"The worksheet is damaged near row {_line + 1} and cannot be read further."), ex);
        }

        _line++;
        if (_parsedLine > _line)
        {
            _blank = true;
            _pending = true;
        }
        else
        {
            _line = _parsedLine;
            _blank = false;
        }

        return true;
    }

    /// <inheritdoc />
    public CellKind Kind(int index) => At(index) is { } cell ? cell.Kind : CellKind.Empty;

    /// <inheritdoc />
    public ReadOnlySpan<char> Text(int index) => At(index) is { } cell ? cell.Text.AsSpan() : [];

    /// <inheritdoc />
    public decimal NumberValue(int index) => At(index) is { Kind: CellKind.Number or CellKind.Date } cell
        ? cell.Number
        : throw new InvalidOperationException($"Cell {index} of row {_line} is not a number.");

    /// <inheritdoc />
    public DateOnly DateValue(int index) => At(index) is { Kind: CellKind.Date } cell
        ? cell.Date
        : throw new InvalidOperationException($"Cell {index} of row {_line} is not a date.");

    /// <inheritdoc />
    public void Dispose()
    {
        _reader.Dispose();
        _document.Dispose();
    }

    /// <summary>The 0-based column of a cell reference such as "C5" (2) or "AA10" (26); -1 when it has no column letters.</summary>
    public static int ColumnIndex(ReadOnlySpan<char> reference)
    {
        var index = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            var upper = char.ToUpperInvariant(c);
            if (upper is < 'A' or > 'Z')
            {
                break;
            }

            if (++letters > 3)
            {
                return -1;
            }

            index = index * 26 + (upper - 'A' + 1);
        }

        return letters == 0 ? -1 : index - 1;
    }

    /// <summary>Whether a number format code shows a date: it has a day, month or year part and is not only a time.</summary>
    public static bool IsDateFormatCode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return false;
        }

        // Only the first section (positive numbers) decides.
        bool day = false, month = false, year = false, hour = false, second = false;
        var quoted = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (quoted)
            {
                quoted = c != '"';
                continue;
            }


            switch (char.ToLowerInvariant(c))
            {
                case '"':
                    quoted = true;
                    break;
                case '[':
                    // Colours, conditions and locales are skipped; [h], [mm] and [ss] are elapsed time.
                    var close = code.IndexOf(']', i);
                    var inside = close < 0 ? "" : code[(i + 1)..close].ToLowerInvariant();
                    if (inside.Length > 0 && inside.All(ch => ch == inside[0]) && inside[0] is 'h' or 'm' or 's')
                    {
                        hour = true;
                    }

                    i = close < 0 ? code.Length : close;
                    break;
                case '\\' or '_' or '*':
                    i++;
                    break;
                case ';':
                    i = code.Length;
                    break;
                case 'd':
                    day = true;
                    break;
                case 'm':
                    month = true;
                    break;
                case 'y':
                    year = true;
                    break;
                case 'h':
                    hour = true;
                    break;
                case 's':
                    second = true;
                    break;
            }
        }

        // "m" next to an hour or second is minutes: "h:mm", "mm:ss".
        return day || year || (month && !hour && !second);
    }

    private Cell? At(int index) => !_blank && _line > 0 && index >= 0 && index < _fieldCount ? _cells[index] : null;

    private bool ParseNextRow()
    {
        while (_reader.Read())
        {
            if (_reader.ElementType == typeof(SheetData) && _reader.IsEndElement)
            {
                return false;
            }

            if (_reader.ElementType == typeof(Row) && _reader.IsStartElement)
            {
                var number = 0;
                foreach (var attribute in _reader.Attributes)
                {
                    if (attribute.LocalName == "r" && int.TryParse(attribute.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var r))
                    {
                        number = r;
                    }
                }

                // A row without a number (some generators omit it) follows the previous one; rows never go backwards.
                _parsedLine = number > _parsedLine ? number : _parsedLine + 1;
                ParseCells();
                return true;
            }
        }

        return false;
    }

    private void ParseCells()
    {
        _fieldCount = 0;
        var next = 0;
        string? reference = null, type = null;
        uint style = 0;
        string? value = null;
        var inCell = false;
        var inInline = false;
        var inPhonetic = false;
        while (_reader.Read())
        {
            var kind = _reader.ElementType;
            if (kind == typeof(Row) && _reader.IsEndElement)
            {
                return;
            }

            if (kind == typeof(DocumentFormat.OpenXml.Spreadsheet.Cell))
            {
                if (_reader.IsStartElement)
                {
                    inCell = true;
                    reference = type = value = null;
                    style = 0;
                    _text.Clear();
                    foreach (var attribute in _reader.Attributes)
                    {
                        switch (attribute.LocalName)
                        {
                            case "r":
                                reference = attribute.Value;
                                break;
                            case "t":
                                type = attribute.Value;
                                break;
                            case "s":
                                _ = uint.TryParse(attribute.Value, NumberStyles.None, CultureInfo.InvariantCulture, out style);
                                break;
                        }
                    }
                }
                else if (_reader.IsEndElement && inCell)
                {
                    inCell = false;
                    var column = reference is null ? next : ColumnIndex(reference);
                    if (column < 0)
                    {
                        column = next;
                    }

                    next = column + 1;
                    Store(column, type, style, type == "inlineStr" ? _text.ToString() : null, value);
                }

                continue;
            }

            if (!inCell)
            {
                continue;
            }

            if (kind == typeof(CellValue) && _reader.IsStartElement)
            {
                value = _reader.GetText();
            }
            else if (kind == typeof(InlineString))
            {
                inInline = _reader.IsStartElement;
            }
            else if (kind == typeof(PhoneticRun))
            {
                inPhonetic = _reader.IsStartElement;
            }
            else if (kind == typeof(DocumentFormat.OpenXml.Spreadsheet.Text) && _reader.IsStartElement && inInline && !inPhonetic)
            {
                _text.Append(_reader.GetText());
            }
        }
    }

    private void Store(int column, string? type, uint style, string? inlineText, string? value)
    {
        if (column >= 16_384)
        {
            return;
        }

        while (_cells.Count <= column)
        {
            _cells.Add(new Cell());
        }

        for (var i = _fieldCount; i < column; i++)
        {
            _cells[i].Clear();
        }

        _fieldCount = Math.Max(_fieldCount, column + 1);
        var cell = _cells[column];
        cell.Clear();
        switch (type)
        {
            case "s":
                cell.SetText(int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < _sharedStrings.Length ? _sharedStrings[i] : "");
                break;
            case "inlineStr":
                cell.SetText(inlineText ?? value ?? "");
                break;
            case "str" or "e":
                cell.SetText(value ?? "");
                break;
            case "b":
                cell.SetText(value == "1" ? "TRUE" : value == "0" ? "FALSE" : value ?? "");
                break;
            case "d":
                if (DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var stamp))
                {
                    cell.SetDate(DateOnly.FromDateTime(stamp), (decimal)stamp.ToOADate());
                }
                else
                {
                    cell.SetText(value ?? "");
                }

                break;
            default:
                if (string.IsNullOrWhiteSpace(value))
                {
                    break;
                }

                if (!decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    cell.SetText(value);
                }
                else if (style < _dateStyles.Length && _dateStyles[style] && ToDay(number) is { } day)
                {
                    cell.SetDate(day, number);
                }
                else
                {
                    cell.SetNumber(number);
                }

                break;
        }
    }

    private DateOnly? ToDay(decimal serial)
    {
        var whole = decimal.Floor(serial);
        if (_date1904)
        {
            whole += 1462;
        }

        // Serial 60 is the 29 February 1900 that never was; days before it are a day off, and all are outside 2000–2199 anyway.
        return whole is >= 61 and <= 2_958_465 ? DateOnly.FromDateTime(DateTime.FromOADate((double)whole)) : null;
    }

    private static int MoveToSheetData(OpenXmlReader reader)
    {
        var lastRow = 0;
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SheetDimension) && reader.IsStartElement)
            {
                foreach (var attribute in reader.Attributes)
                {
                    if (attribute.LocalName == "ref")
                    {
                        lastRow = LastRowOf(attribute.Value);
                    }
                }
            }
            else if (reader.ElementType == typeof(SheetData) && reader.IsStartElement)
            {
                break;
            }
        }

        return lastRow;
    }

    private static int LastRowOf(string? range)
    {
        if (string.IsNullOrEmpty(range))
        {
            return 0;
        }

        var end = range[(range.IndexOf(':', StringComparison.Ordinal) + 1)..];
        var digits = end.AsSpan().TrimStart("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz$");
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var row) ? row : 0;
    }

    private static string[] ReadSharedStrings(SharedStringTablePart? part)
    {
        if (part is null)
        {
            return [];
        }

        var strings = new List<string>();
        var text = new System.Text.StringBuilder();
        var inPhonetic = false;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            var kind = reader.ElementType;
            if (kind == typeof(SharedStringItem))
            {
                if (reader.IsStartElement)
                {
                    text.Clear();
                }
                else if (reader.IsEndElement)
                {
                    strings.Add(text.ToString());
                }
            }
            else if (kind == typeof(PhoneticRun))
            {
                inPhonetic = reader.IsStartElement;
            }
            else if (kind == typeof(DocumentFormat.OpenXml.Spreadsheet.Text) && reader.IsStartElement && !inPhonetic)
            {
                text.Append(reader.GetText());
            }
        }

        return [.. strings];
    }

    private static bool[] ReadDateStyles(WorkbookStylesPart? part)
    {
        var stylesheet = part?.Stylesheet;
        if (stylesheet?.CellFormats is not { } formats)
        {
            return [];
        }

        var custom = new Dictionary<uint, string>();
        foreach (var format in stylesheet.NumberingFormats?.Elements<NumberingFormat>() ?? [])
        {
            if (format.NumberFormatId?.Value is { } id)
            {
                custom[id] = format.FormatCode?.Value ?? "";
            }
        }

        return [.. formats.Elements<CellFormat>().Select(f => f.NumberFormatId?.Value is { } id &&
            (custom.TryGetValue(id, out var code) ? IsDateFormatCode(code) : s_builtInDateFormats.Contains(id)))];
    }

    private static bool IsFileFault(Exception ex) =>
        ex is OpenXmlPackageException or FileFormatException or InvalidDataException or XmlException or IOException or
            InvalidOperationException or NotSupportedException or ArgumentException or UnauthorizedAccessException;

    private static LocalizedText NotAWorkbook => new(
        "无法读取该文件：它不是有效的 .xlsx 工作簿（可能已损坏，或是改了扩展名的其他文件）。",
        "The file cannot be read: it is not a valid .xlsx workbook (it may be damaged, or another kind of file renamed).");

    private sealed class Cell
    {
        public CellKind Kind { get; private set; }

        public string Text { get; private set; } = "";

        public decimal Number { get; private set; }

        public DateOnly Date { get; private set; }

        public void Clear()
        {
            Kind = CellKind.Empty;
            Text = "";
        }

        public void SetText(string text)
        {
            Text = text;
            Kind = string.IsNullOrWhiteSpace(text) ? CellKind.Empty : CellKind.Text;
        }

        public void SetNumber(decimal number)
        {
            Number = number;
            Text = number.ToString(CultureInfo.InvariantCulture);
            Kind = CellKind.Number;
        }

        public void SetDate(DateOnly date, decimal serial)
        {
            Date = date;
            Number = serial;
            Text = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Kind = CellKind.Date;
        }
    }
}
