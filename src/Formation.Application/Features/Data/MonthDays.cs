using System.Buffers.Binary;

namespace Formation.Application.Features.Data;

/// <summary>
/// The daily sums of one campaign's month as stored in <c>metric_campaign_month_days.days</c>: 31 slots (day of month
/// 1 to 31; slots after a short month's end stay zero), each holding the seven sums impressions, clicks, cost_e4,
/// conversions, leads, orders, revenue_e4 as big-endian 64-bit integers, 1,736 bytes in all. A range that covers part of
/// a month is summed from these slots, one row per campaign, instead of from every daily row (decision 0017). The
/// layout is fixed so that SQL can build it too (migration 0008 fills it for data imported before).
/// </summary>
internal static class MonthDays
{
    /// <summary>Slots in a month's value: the longest month.</summary>
    public const int Slots = 31;

    /// <summary>Sums in a slot.</summary>
    public const int Metrics = 7;

    /// <summary>Longs in a month's value.</summary>
    public const int Values = Slots * Metrics;

    /// <summary>Bytes in a stored value.</summary>
    public const int Bytes = Values * sizeof(long);

    /// <summary>Adds a stored value to <paramref name="values"/> (<see cref="Values"/> longs).</summary>
    /// <exception cref="InvalidDataException">The stored value is not <see cref="Bytes"/> long.</exception>
    public static void AddTo(Span<long> values, ReadOnlySpan<byte> stored)
    {
        Check(stored);
        for (var i = 0; i < Values; i++)
        {
            values[i] = checked(values[i] + BinaryPrimitives.ReadInt64BigEndian(stored[(i * sizeof(long))..]));
        }
    }

    /// <summary>The stored form of <paramref name="values"/> (<see cref="Values"/> longs).</summary>
    public static byte[] Encode(ReadOnlySpan<long> values)
    {
        var stored = new byte[Bytes];
        for (var i = 0; i < Values; i++)
        {
            BinaryPrimitives.WriteInt64BigEndian(stored.AsSpan(i * sizeof(long)), values[i]);
        }

        return stored;
    }

    /// <summary>
    /// Adds the sums of slots <paramref name="firstSlot"/> to <paramref name="lastSlot"/> (0-based day of month, both
    /// included) of a stored value to <paramref name="sums"/> (<see cref="Metrics"/> longs).
    /// </summary>
    /// <exception cref="InvalidDataException">The stored value is not <see cref="Bytes"/> long.</exception>
    public static void SumSlots(ReadOnlySpan<byte> stored, int firstSlot, int lastSlot, Span<long> sums)
    {
        Check(stored);
        ArgumentOutOfRangeException.ThrowIfNegative(firstSlot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(lastSlot, Slots);
        for (var slot = firstSlot; slot <= lastSlot; slot++)
        {
            var at = slot * Metrics * sizeof(long);
            for (var k = 0; k < Metrics; k++)
            {
                sums[k] = checked(sums[k] + BinaryPrimitives.ReadInt64BigEndian(stored[(at + (k * sizeof(long)))..]));
            }
        }
    }

    private static void Check(ReadOnlySpan<byte> stored)
    {
        if (stored.Length != Bytes)
        {
            throw new InvalidDataException($"A campaign month's daily sums are {stored.Length} bytes, not {Bytes}.");
        }
    }
}
