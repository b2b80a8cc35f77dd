using Formation.Application.Features.Data;

namespace Formation.Application.Tests.Features;

public class SlotSpillTests
{
    [Fact]
    public void Months_set_aside_come_back_in_order_with_their_slots_and_leave_no_file_behind()
    {
        var january = new long[SlotSums.DaySlots * SlotSums.Metrics];
        january[0] = 1200;
        january[^1] = 7;
        var february = new long[SlotSums.DaySlots * SlotSums.Metrics];
        february[SlotSums.Metrics] = 45;

        using (var spill = new SlotSpill())
        {
            spill.TryAdd(738_886, 3, january).ShouldBeTrue();
            spill.TryAdd(738_917, 4, february).ShouldBeTrue();
            spill.TryAdd(738_917, 5, new long[SlotSums.DaySlots * SlotSums.Metrics]).ShouldBeTrue(); // all zero: no row, nothing kept

            // A killed import never closes the file, so its name must already be gone (this runs on Linux in CI).
            spill.FilePath.ShouldNotBeNull();
            File.Exists(spill.FilePath).ShouldBeFalse();
            spill.Count.ShouldBe(2);
            spill.Contains(3, 738_886).ShouldBeTrue();
            spill.Contains(5, 738_917).ShouldBeFalse();

            var back = spill.Drain().ToList();

            back.Select(b => (b.Month, b.Campaign)).ShouldBe([(738_886, 3L), (738_917, 4L)]);
            back[0].Value.ShouldBe(SlotSums.Encode(january));
            back[1].Value.ShouldBe(SlotSums.Encode(february));
            spill.Count.ShouldBe(0);

            // Emptied, it takes more and gives back only those.
            spill.TryAdd(738_948, 6, february).ShouldBeTrue();
            spill.Drain().Select(b => b.Campaign).ShouldBe([6L]);
        }
    }

    [Fact]
    public void Without_a_usable_temporary_folder_nothing_is_set_aside_and_the_caller_writes_the_month()
    {
        var slots = new long[SlotSums.DaySlots * SlotSums.Metrics];
        slots[0] = 1;
        using var spill = new SlotSpill(Path.Combine(Path.GetTempPath(), $"formation-missing-{Guid.NewGuid():N}"));

        spill.TryAdd(738_886, 3, slots).ShouldBeFalse();
        spill.TryAdd(738_917, 3, slots).ShouldBeFalse();
        spill.Count.ShouldBe(0);
        spill.Drain().ShouldBeEmpty();
    }
}
