using Formation.Domain.DataImport;

namespace Formation.Domain.Tests.DataImport;

public class RowKeyTableTests
{
    [Fact]
    public void TryAdd_KeysBeforeAndAfterGrowth_FindsEachFirstLine()
    {
        var table = new RowKeyTable(keys: 1_000);
        const int Keys = 300_000; // past the first size, so the table doubles several times
        for (var i = 1; i <= Keys; i++)
        {
            table.TryAdd(Key(i), i, (uint)i, out _, out _).ShouldBeTrue();
        }

        for (var i = 1; i <= Keys; i += 997)
        {
            table.TryAdd(Key(i), Keys + i, 0, out var firstLine, out var firstValues).ShouldBeFalse();
            firstLine.ShouldBe(i);
            firstValues.ShouldBe((uint)i);
        }
    }

    [Fact]
    public void TryAdd_KeyZero_IsStoredLikeAnyOther()
    {
        var table = new RowKeyTable();

        table.TryAdd(0, 7, 1, out _, out _).ShouldBeTrue();

        table.TryAdd(0, 9, 1, out var firstLine, out _).ShouldBeFalse();
        firstLine.ShouldBe(7);
    }

    [Fact]
    public void DayKeyTables_DaysInAnyOrder_FindEachKeysFirstLineWithinItsDay()
    {
        var keys = new DayKeyTables();
        var line = 0;
        foreach (var day in new[] { 3, 1, 3, 2, 1 }) // back and forth, as a file not in day order
        {
            for (var i = 1; i <= 5_000; i++)
            {
                line++;
                var added = keys.TryAdd(day, Key(i), line, (uint)day, out var firstLine, out var firstValues);
                if (line <= 10_000 || (line > 15_000 && line <= 20_000))
                {
                    added.ShouldBeTrue($"day {day}, key {i}"); // days 3, 1 and 2 the first time
                }
                else
                {
                    added.ShouldBeFalse($"day {day}, key {i}");
                    firstValues.ShouldBe((uint)day);
                    firstLine.ShouldBe(day == 3 ? i : 5_000 + i);
                }
            }
        }
    }

    private static ulong Key(int i) => unchecked((ulong)i * 0x9E3779B97F4A7C15UL);
}
