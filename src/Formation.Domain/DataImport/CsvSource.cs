using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using nietras.SeparatedValues;

namespace Formation.Domain.DataImport;

/// <summary>
/// A delimited text file read with Sep, streaming: any delimiter (given or detected), UTF-8 with or without a
/// byte-order mark, UTF-16 with a mark, or GB18030 (a superset of GBK and GB2312, the usual encodings of Chinese
/// exports). Quoted cells may hold delimiters and line breaks.
/// </summary>
public sealed class CsvSource : ITableSource
{
    private const int SniffBytes = 64 * 1024;
    private static readonly char[] s_candidates = [',', '\t', ';', '|'];

    private readonly Stream _stream;
    private readonly StreamReader _text;
    private readonly SepReader _reader;
    private readonly long _length;
    private bool _onRow;
    private int _lineFrom;
    private int _nextLine = 1;

    private CsvSource(Stream stream, Encoding encoding, char delimiter)
    {
        _stream = stream;
        _length = stream.CanSeek ? Math.Max(1, stream.Length) : 0;
        Encoding = encoding;
        Delimiter = delimiter;
        _text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
        _reader = Sep.New(delimiter).Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true }).From(_text);
    }

    /// <summary>The encoding the file is read with.</summary>
    public Encoding Encoding { get; }

    /// <summary>The delimiter the file is read with.</summary>
    public char Delimiter { get; }

    /// <inheritdoc />
    /// <remarks>
    /// Counted from where the previous record ended: Sep reports the first record of a file as starting on line 2, which
    /// put a header on line 1 (and any problem in it) one line off.
    /// </remarks>
    public int LineNumber => _onRow ? _lineFrom : 0;

    /// <inheritdoc />
    public int FieldCount => _onRow ? _reader.Current.ColCount : 0;

    /// <inheritdoc />
    public double Progress => _length == 0 ? 0 : Math.Min(1, (double)_stream.Position / _length);

    /// <summary>
    /// Opens a seekable stream (the caller keeps ownership of it). <paramref name="delimiter"/> and
    /// <paramref name="encoding"/> may be null to detect them from the start of the file; a byte-order mark at the start
    /// of the file decides the encoding even when one is named.
    /// </summary>
    /// <exception cref="ArgumentException">The encoding name is not one Formation reads.</exception>
    public static CsvSource Open(Stream stream, char? delimiter = null, string? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("The CSV stream must be seekable.", nameof(stream));
        }

        var start = stream.Position;
        var prefix = new byte[(int)Math.Min(SniffBytes, stream.Length - start)];
        stream.ReadExactly(prefix);
        // A byte-order mark outranks the mapping: a GBK export re-saved by Excel as "CSV UTF-8" keeps the GBK mapping
        // but is UTF-8 now, and reading its mark and text as GB18030 would hide every header.
        var named = encoding is null ? null : Named(encoding);
        var (chosen, bom) = named is null || BomLength(prefix) > 0 ? Detect(prefix) : (named, 0);

        var sep = delimiter ?? SniffDelimiter(chosen.GetString(prefix, bom, TrimIncomplete(prefix, bom, chosen)));
        stream.Position = start + bom;
        return new CsvSource(stream, chosen, sep);
    }

    /// <summary>The encoding for a mapping's name: utf-8, gb18030 (gbk, gb2312), utf-16.</summary>
    public static Encoding Named(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToUpperInvariant() switch
        {
            "UTF-8" or "UTF8" => new UTF8Encoding(false),
            "GB18030" or "GBK" or "GB2312" or "CP936" => Gb18030,
            "UTF-16" or "UTF-16LE" or "UTF16" => Encoding.Unicode,
            "UTF-16BE" => Encoding.BigEndianUnicode,
            _ => throw new ArgumentException($"Unknown encoding \"{name}\"; use utf-8, gb18030 or utf-16.", nameof(name)),
        };
    }

    /// <summary>GB18030, registered once from the code-pages provider.</summary>
    public static Encoding Gb18030
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(54936);
        }
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read()
    {
        _onRow = _reader.MoveNext();
        if (_onRow)
        {
            _lineFrom = _nextLine;
            _nextLine = Math.Max(_lineFrom + 1, _reader.Current.LineNumberToExcl);
        }

        return _onRow;
    }

    /// <inheritdoc />
    public CellKind Kind(int index) => Text(index).IsWhiteSpace() ? CellKind.Empty : CellKind.Text;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<char> Text(int index) => _onRow && index >= 0 && index < _reader.Current.ColCount ? _reader.Current[index].Span : [];

    /// <inheritdoc />
    public decimal NumberValue(int index) => throw new InvalidOperationException("CSV cells are text.");

    /// <inheritdoc />
    public DateOnly DateValue(int index) => throw new InvalidOperationException("CSV cells are text.");

    /// <inheritdoc />
    public void Dispose()
    {
        _reader.Dispose();
        _text.Dispose();
    }

    private static (Encoding Encoding, int Bom) Detect(byte[] prefix)
    {
        if (prefix.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (new UTF8Encoding(false), 3);
        }

        if (prefix.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Encoding.Unicode, 2);
        }

        if (prefix.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (Encoding.BigEndianUnicode, 2);
        }

        // A cut at the end of the sample may split a character: allow up to three bytes of an unfinished one.
        for (var cut = 0; cut <= Math.Min(3, prefix.Length); cut++)
        {
            if (Utf8.IsValid(prefix.AsSpan(0, prefix.Length - cut)))
            {
                return (new UTF8Encoding(false), 0);
            }

            if (prefix.Length < SniffBytes)
            {
                break;
            }
        }

        return (Gb18030, 0);
    }

    private static int BomLength(byte[] prefix) =>
        prefix.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3
        : prefix.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || prefix.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? 2
        : 0;

    private static int TrimIncomplete(byte[] prefix, int bom, Encoding encoding)
    {
        var length = prefix.Length - bom;
        if (prefix.Length < SniffBytes)
        {
            return length;
        }

        // Drop the last (possibly partial) line of the sample.
        var lastNewline = Array.LastIndexOf(prefix, (byte)'\n');
        return lastNewline > bom && encoding.CodePage != 1200 && encoding.CodePage != 1201 ? lastNewline - bom : length - (length % 2);
    }

    /// <summary>The candidate that splits the most lines into the same number of cells (quotes respected).</summary>
    internal static char SniffDelimiter(string sample)
    {
        var lines = sample.Split('\n', 51).Take(50).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        var best = ',';
        var bestScore = 0;
        foreach (var candidate in s_candidates)
        {
            var counts = lines.Select(l => CountOutsideQuotes(l, candidate)).Where(c => c > 0).ToList();
            if (counts.Count == 0)
            {
                continue;
            }

            var (mode, frequency) = counts.GroupBy(c => c).Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ThenByDescending(g => g.Key).First();
            var score = frequency * 1000 + mode;
            if (score > bestScore)
            {
                best = candidate;
                bestScore = score;
            }
        }

        return best;
    }

    private static int CountOutsideQuotes(string line, char delimiter)
    {
        var count = 0;
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == delimiter && !quoted)
            {
                count++;
            }
        }

        return count;
    }
}
