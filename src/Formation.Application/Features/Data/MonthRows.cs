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
/// 64-bit integers. In memory every day has its slot, so a row is added in place.
/// </summary>
internal sealed class MonthRow
{
    /// <summary>Sums of a day.</summary>
    public const int Metrics = 7;

    /// <summary>Bytes of a present day in the stored value.</summary>
    public const int DayBytes = Metrics * sizeof(long);

    /// <summary>The longest stored value: every day of a 31-day month.</summary>
    public const int MaxBytes = 31 * DayBytes;

    /// <summary>The sums of each day of the month, <see cref="Metrics"/> per day, zero where no day is present.</summary>
    public long[] Days { get; } = new long[31 * Metrics];

    public long Campaign { get; private set; }

    public string Segment { get; private set; } = "";

    /// <summary>The <see cref="DateOnly.DayNumber"/> of the month's first day.</summary>
    public int Month { get; private set; }

    public int Present { get; set; }

    /// <summary>Whether a stored row of the same key may exist, so that this one is merged with it rather than inserted.</summary>
    public bool Merge { get; private set; }

    /// <summary>Its place among its campaign's open rows while it is open.</summary>
    public int Index { get; set; }

    /// <summary>Bytes of the stored value.</summary>
    public int StoredLength => BitOperations.PopCount((uint)Present) * DayBytes;

    public MonthRow Reset(long campaign, string segment, int month, bool merge)
    {
        Campaign = campaign;
        Segment = segment;
        Month = month;
        Merge = merge;
        Present = 0;
        Array.Clear(Days);
        return this;
    }

    /// <summary>Adds a daily row's figures to day <paramref name="slot"/> (0 for the 1st).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(int slot, in MetricRecord r)
    {
        var day = Days.AsSpan(slot * Metrics, Metrics);
        day[0] += r.Impressions;
        day[1] += r.Clicks;
        day[2] += r.CostE4;
        day[3] += r.Conversions;
        day[4] += r.Leads;
        day[5] += r.Orders;
        day[6] += r.RevenueE4;
        Present |= 1 << slot;
    }

    /// <summary>Writes the stored value (<see cref="StoredLength"/> bytes) to <paramref name="stored"/>.</summary>
    public void Encode(Span<byte> stored) => Encode(Present, Days, stored);

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
/// Month rows that must be merged with stored ones (a re-import, or a month the file comes back to), set aside in a
/// temporary file until the file has been read: the range of days a re-import replaces is known only then (decision
/// 0014), and holding them in memory would grow with the file. Without a usable temporary folder they are held in
/// memory. As with <see cref="SlotSpill"/>, the file's name is removed as soon as it is open.
/// </summary>
internal sealed class MonthRowSpill(string? folder = null) : IDisposable
{
    private const int HeaderBytes = 4 + 8 + 4 + 4 + 4;
    private readonly byte[] _header = new byte[HeaderBytes];
    private byte[] _value = new byte[MonthRow.MaxBytes];
    private Stream? _file;

    public int Count { get; private set; }

    public void Add(MonthRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        _file ??= (Stream?)SpillFile.Create(folder, "formation-merge") ?? new MemoryStream();
        var segment = Encoding.UTF8.GetBytes(row.Segment);
        var length = row.StoredLength;
        BinaryPrimitives.WriteInt32LittleEndian(_header, row.Month);
        BinaryPrimitives.WriteInt64LittleEndian(_header.AsSpan(4), row.Campaign);
        BinaryPrimitives.WriteInt32LittleEndian(_header.AsSpan(12), row.Present);
        BinaryPrimitives.WriteInt32LittleEndian(_header.AsSpan(16), segment.Length);
        BinaryPrimitives.WriteInt32LittleEndian(_header.AsSpan(20), length);
        row.Encode(_value.AsSpan(0, length));
        _file.Write(_header);
        _file.Write(segment);
        _file.Write(_value, 0, length);
        Count++;
    }

    /// <summary>Reads back every row set aside, in the order added, and empties the file.</summary>
    public IEnumerable<(int Month, long Campaign, string Segment, int Present, byte[] Days)> Drain()
    {
        if (_file is null || Count == 0)
        {
            yield break;
        }

        _file.Flush();
        _file.Position = 0;
        var header = new byte[HeaderBytes];
        while (_file.Position < _file.Length)
        {
            _file.ReadExactly(header);
            var segment = new byte[BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(16))];
            _file.ReadExactly(segment);
            var days = new byte[BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(20))];
            _file.ReadExactly(days);
            yield return (BinaryPrimitives.ReadInt32LittleEndian(header), BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(4)),
                Encoding.UTF8.GetString(segment), BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12)), days);
        }

        _file.SetLength(0);
        Count = 0;
    }

    public void Dispose()
    {
        _file?.Dispose();
        _value = [];
    }
}

/// <summary>Temporary files of an import that leave nothing behind however it ends.</summary>
internal static class SpillFile
{
    /// <summary>A new temporary file open for reading and writing, or null when none can be made (a read-only or missing folder).</summary>
    public static FileStream? Create(string? folder, string prefix) => Create(folder, prefix, out _);

    /// <inheritdoc cref="Create(string?, string)"/>
    /// <param name="path">Where it was made (its name is removed at once where the system allows it).</param>
    public static FileStream? Create(string? folder, string prefix, out string path)
    {
        path = Path.Combine(folder ?? Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.tmp");
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Delete, 64 * 1024, FileOptions.DeleteOnClose);
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
