using Formation.Domain.DataImport;

namespace Formation.Domain.Tests.DataImport;

public class RowKeyTableTests
{
    [Fact]
    public void TryAdd_KeysBeforeAndAfterReserveAndGrowth_FindsEachFirstLine()
    {
        var table = new RowKeyTable();
        const int Keys = 300_000; // past the first size and the reserved one, so the table grows as well
        for (var i = 1; i <= Keys; i++)
        {
            if (i == 1_000)
            {
                table.Reserve(100_000);
            }

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

    private static ulong Key(int i) => unchecked((ulong)i * 0x9E3779B97F4A7C15UL);
}
