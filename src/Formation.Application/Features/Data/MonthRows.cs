using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using Formation.Domain.DataImport;

namespace Formation.Application.Features.Data;

/// <summary>
/// The days of one campaign and segment within one calendar month, as stored in <c>metric_months</c> (decision 0021):
/// bit n of <see cref="Present"/> is set when day n + 1 has figures, and the stored value holds the present days in
/// order, each as the seven sums impressions, clicks, cost_e4, conversions, leads, orders, revenue_e4 in big-endian
/// 64-bit integers. In memory the days are kept in the order they came, in an array that grows with them, so that
/// the many rows open at once for a file of many segments, which come a day or two at a time, stay small.
/// </summary>
internal sealed class MonthRow
{
    /// <summary>Sums of a day.</summary>
    public const int Metrics = 7;

    /// <summary>Bytes of a present day in the stored value.</summary>
    public const int DayBytes = Metrics * sizeof(long);

    /// <summary>The longest stored value: every day of a 31-day month.</summary>
    public const int MaxBytes = 31 * DayBytes;

    /// <summary>The sums of the present days in the order they came, <see cref="Metrics"/> a day.</summary>
    private long[] _sums;

    /// <summary>Each day's place in <see cref="_sums"/> plus one; 0 when the day is not present.</summary>
    private readonly byte[] _place = new byte[31];
    private int _days;

    /// <param name="days">Days held before the array grows: a month's 31 for rows that take a month of rows; fewer for
    /// the many parts of a file of many segments, each of which holds a day or two.</param>
    public MonthRow(int days = 31) => _sums = new long[Math.Clamp(days, 1, 31) * Metrics];

    public long Campaign { get; private set; }

    public string Segment { get; private set; } = "";

    /// <summary>The <see cref="DateOnly.DayNumber"/> of the month's first day.</summary>
    public int Month { get; private set; }

    public int Present { get; private set; }

    /// <summary>Whether a stored row of the same key may exist, so that this one is merged with it rather than inserted.</summary>
    public bool Stored { get; private set; }

    /// <summary>Its place among its campaign's open rows while it is open.</summary>
    public int Index { get; set; }

    /// <summary>Bytes of the stored value.</summary>
    public int StoredLength => BitOperations.PopCount((uint)Present) * DayBytes;

    public MonthRow Reset(long campaign, string segment, int month, bool stored)
    {
        Campaign = campaign;
        Segment = segment;
        Month = month;
        Stored = stored;
        Present = 0;
        Array.Clear(_place);
        Array.Clear(_sums, 0, _days * Metrics);
        _days = 0;
        return this;
    }

    /// <summary>Sets the row to the days <paramref name="present"/> of <paramref name="days"/> (every day's slot, <see cref="Metrics"/> a day).</summary>
    public void Load(int present, ReadOnlySpan<long> days)
    {
        for (var bits = (uint)present; bits != 0; bits &= bits - 1)
        {
            var slot = BitOperations.TrailingZeroCount(bits);
            days.Slice(slot * Metrics, Metrics).CopyTo(Day(slot));
        }
    }

    /// <summary>The sums of day <paramref name="slot"/> (0 for the 1st), made present.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Span<long> Day(int slot)
    {
        var place = _place[slot];
        if (place == 0)
        {
            if (_days * Metrics == _sums.Length)
            {
                Array.Resize(ref _sums, Math.Min(_sums.Length * 2, 31 * Metrics));
            }

            place = (byte)++_days;
            _place[slot] = place;
            Present |= 1 << slot;
        }

        return _sums.AsSpan((place - 1) * Metrics, Metrics);
    }

    /// <summary>Adds a daily row's figures to day <paramref name="slot"/> (0 for the 1st).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(int slot, in MetricRecord r)
    {
        var day = Day(slot);
        day[0] += r.Impressions;
        day[1] += r.Clicks;
        day[2] += r.CostE4;
        day[3] += r.Conversions;
        day[4] += r.Leads;
        day[5] += r.Orders;
        day[6] += r.RevenueE4;
    }

    /// <summary>Writes the stored value (<see cref="StoredLength"/> bytes) to <paramref name="stored"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Encode(Span<byte> stored)
    {
        var at = 0;
        for (var bits = (uint)Present; bits != 0; bits &= bits - 1)
        {
            var day = _sums.AsSpan((_place[BitOperations.TrailingZeroCount(bits)] - 1) * Metrics, Metrics);
            for (var k = 0; k < Metrics; k++)
            {
                BinaryPrimitives.WriteInt64BigEndian(stored[at..], day[k]);
                at += sizeof(long);
            }
        }
    }

    /// <summary>The stored value of the days <paramref name="present"/> of <paramref name="days"/> (every day's slot).</summary>
    public static byte[] Encode(int present, ReadOnlySpan<long> days)
    {
        var stored = new byte[BitOperations.PopCount((uint)present) * DayBytes];
        Encode(present, days, stored);
        return stored;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Encode(int present, ReadOnlySpan<long> days, Span<byte> stored)
    {
        var at = 0;
        for (var bits = (uint)present; bits != 0; bits &= bits - 1)
        {
            var day = days.Slice(BitOperations.TrailingZeroCount(bits) * Metrics, Metrics);
            for (var k = 0; k < Metrics; k++)
            {
                BinaryPrimitives.WriteInt64BigEndian(stored[at..], day[k]);
                at += sizeof(long);
            }
        }
    }

    /// <summary>Reads a stored value into <paramref name="days"/> (every day's slot; days not present are left alone).</summary>
    /// <exception cref="InvalidDataException">The value's length does not match <paramref name="present"/>.</exception>
    public static void Decode(ReadOnlySpan<byte> stored, int present, Span<long> days)
    {
        if (stored.Length != BitOperations.PopCount((uint)present) * DayBytes || present < 0)
        {
            throw new InvalidDataException($"A stored month of daily figures is {stored.Length} bytes, which does not match its {BitOperations.PopCount((uint)present)} days.");
        }

        var at = 0;
        for (var bits = (uint)present; bits != 0; bits &= bits - 1)
        {
            var day = days.Slice(BitOperations.TrailingZeroCount(bits) * Metrics, Metrics);
            for (var k = 0; k < Metrics; k++)
            {
                day[k] = BinaryPrimitives.ReadInt64BigEndian(stored[at..]);
                at += sizeof(long);
            }
        }
    }

    /// <summary>The bits of the days of the month starting at <paramref name="month"/> that lie within <paramref name="first"/> to <paramref name="last"/>.</summary>
    public static int DaysWithin(int month, int first, int last)
    {
        var lo = Math.Max(first - month, 0);
        var hi = Math.Min(last - month, 30);
        return lo > hi ? 0 : (int)(((1L << (hi + 1)) - 1) & ~((1L << lo) - 1));
    }
}

/// <summary>
/// Parts of month rows set aside until the file has been read: those that may meet a stored row (a re-import, or a
/// month this import wrote before the file came back to it), whose merge needs the file's first and last day, and,
/// once more rows were open than memory allows, every part after that. Parts are spread over <see cref="Partitions"/>
/// temporary files by key, so that all parts of a key come back together, a partition at a time, and each key is
/// written once. Without a usable temporary folder they are held in memory. As with <see cref="SlotSpill"/>, the
/// files' names are removed as soon as they are open.
/// </summary>
internal sealed class MonthRowSpill(string? folder = null) : IDisposable
{
    /// <summary>Files the parts are spread over: a partition's keys are held in memory together when it is read back.</summary>
    public const int Partitions = 64;

    private const int HeaderBytes = 4 + 8 + 4 + 4 + 4 + 1;
    private readonly byte[] _header = new byte[HeaderBytes];
    private readonly Stream?[] _files = new Stream?[Partitions];
    private byte[] _value = new byte[MonthRow.MaxBytes];

    /// <summary>A segment's UTF-8 bytes, reused from part to part (the reader's 200 characters need at most 603).</summary>
    private readonly byte[] _segment = new byte[1024];

    /// <summary>Parts set aside and not yet read back.</summary>
    public long Count { get; private set; }

    public void Add(MonthRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var partition = (int)((uint)HashCode.Combine(row.Campaign, row.Month, row.Segment) % Partitions);
        var file = _files[partition] ??= (Stream?)SpillFile.Create(folder, "formation-merge", 16 * 1024) ?? new MemoryStream();
        ReadOnlySpan<byte> segment = Encoding.UTF8.GetMaxByteCount(row.Segment.Length) <= _segment.Length
            ? _segment.AsSpan(0, Encoding.UTF8.GetBytes(row.Segment, _segment))
            : Encoding.UTF8.GetBytes(row.Segment);
        var length = row.StoredLength;
        BinaryPrimitives.WriteInt32LittleEndian(_header, row.Month);
        BinaryPrimitives.WriteInt64LittleEndian(_header.AsSpan(4), row.Campaign);
        BinaryPrimitives.WriteInt32LittleEndian(_header.AsSpan(12), row.Present);
        BinaryPrimitives.WriteInt32LittleEndian(_header.AsSpan(16), segment.Length);
        BinaryPrimitives.WriteInt32LittleEndian(_header.AsSpan(20), length);
        _header[24] = row.Stored ? (byte)1 : (byte)0;
        row.Encode(_value.AsSpan(0, length));
        file.Write(_header);
        file.Write(segment);
        file.Write(_value, 0, length);
        Count++;
    }

    /// <summary>Reads back the parts of one partition, in the order added, and empties it.</summary>
    public IEnumerable<(int Month, long Campaign, string Segment, int Present, byte[] Days, bool Stored)> Read(int partition)
    {
        var file = _files[partition];
        if (file is null || file.Length == 0)
        {
            yield break;
        }

        file.Flush();
        file.Position = 0;
        var header = new byte[HeaderBytes];
        while (file.Position < file.Length)
        {
            file.ReadExactly(header);
            var segment = new byte[BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(16))];
            file.ReadExactly(segment);
            var days = new byte[BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(20))];
            file.ReadExactly(days);
            Count--;
            yield return (BinaryPrimitives.ReadInt32LittleEndian(header), BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(4)),
                Encoding.UTF8.GetString(segment), BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12)), days, header[24] == 1);
        }

        file.SetLength(0);
    }

    public void Dispose()
    {
        foreach (var file in _files)
        {
            file?.Dispose();
        }

        _value = [];
    }
}

/// <summary>Temporary files of an import that leave nothing behind however it ends.</summary>
internal static class SpillFile
{
    /// <summary>A new temporary file open for reading and writing, or null when none can be made (a read-only or missing folder).</summary>
    public static FileStream? Create(string? folder, string prefix, int bufferSize) => Create(folder, prefix, out _, bufferSize);

    /// <inheritdoc cref="Create(string?, string, int)"/>
    /// <param name="path">Where it was made (its name is removed at once where the system allows it).</param>
    public static FileStream? Create(string? folder, string prefix, out string path, int bufferSize = 64 * 1024)
    {
        path = Path.Combine(folder ?? Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.tmp");
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Delete, bufferSize, FileOptions.DeleteOnClose);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        try
        {
            // Closing deletes the file, but a killed process never closes it: on Linux and macOS the name can go now,
            // and the open handle keeps the data until the import ends. Elsewhere the name stays until then.
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return file;
    }
}
