using System.Buffers.Binary;

namespace Formation.Application.Features.Data;

/// <summary>
/// Sums of one campaign kept slot by slot in one stored value: the days of a month in
/// <c>metric_campaign_month_days.days</c> (<see cref="DaySlots"/> slots, day of month 1 to 31; slots after a short
/// month's end stay zero) and the months of a year in <c>metric_campaign_year_months.months</c>
/// (<see cref="MonthSlots"/> slots, January to December). Each slot holds the seven sums impressions, clicks, cost_e4,
/// conversions, leads, orders, revenue_e4 as big-endian 64-bit integers. A range is then summed from one row per
/// campaign and year or month instead of one per campaign and day (decision 0017). The layout is fixed so that SQL
/// can build it too (migration 0008 computes it for data imported before).
/// </summary>
internal static class SlotSums
{
    /// <summary>Sums in a slot.</summary>
    public const int Metrics = 7;

    /// <summary>Slots of a month's daily sums: the longest month.</summary>
    public const int DaySlots = 31;

    /// <summary>Slots of a year's monthly sums.</summary>
    public const int MonthSlots = 12;

    private const int SlotBytes = Metrics * sizeof(long);

    /// <summary>Adds a stored value to <paramref name="values"/>, which has as many longs as it has sums.</summary>
    /// <exception cref="InvalidDataException">The stored value's length does not match.</exception>
    public static void AddTo(Span<long> values, ReadOnlySpan<byte> stored)
    {
        if (stored.Length != values.Length * sizeof(long))
        {
            throw new InvalidDataException($"A stored value of campaign sums is {stored.Length} bytes, not {values.Length * sizeof(long)}.");
        }

        for (var i = 0; i < values.Length; i++)
        {
            values[i] = checked(values[i] + BinaryPrimitives.ReadInt64BigEndian(stored[(i * sizeof(long))..]));
        }
    }

    /// <summary>The stored form of <paramref name="values"/>.</summary>
    public static byte[] Encode(ReadOnlySpan<long> values)
    {
        var stored = new byte[values.Length * sizeof(long)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64BigEndian(stored.AsSpan(i * sizeof(long)), values[i]);
        }

        return stored;
    }

    /// <summary>
    /// Adds the sums of slots <paramref name="firstSlot"/> to <paramref name="lastSlot"/> (0-based, both included) of
    /// a stored value to <paramref name="sums"/> (<see cref="Metrics"/> longs).
    /// </summary>
    /// <exception cref="InvalidDataException">The stored value ends before <paramref name="lastSlot"/>.</exception>
    public static void SumSlots(ReadOnlySpan<byte> stored, int firstSlot, int lastSlot, Span<long> sums)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstSlot);
        if (stored.Length % SlotBytes != 0 || (lastSlot + 1) * SlotBytes > stored.Length)
        {
            throw new InvalidDataException($"A stored value of campaign sums is {stored.Length} bytes, too short for slot {lastSlot}.");
        }

        for (var slot = firstSlot; slot <= lastSlot; slot++)
        {
            var at = slot * SlotBytes;
            for (var k = 0; k < Metrics; k++)
            {
                sums[k] = checked(sums[k] + BinaryPrimitives.ReadInt64BigEndian(stored[(at + (k * sizeof(long)))..]));
            }
        }
    }
}
