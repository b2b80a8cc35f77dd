using Formation.Application.Features.Data;
using Formation.Domain.DataImport;

namespace Formation.Application.Tests.Features;

public class MonthRowTests
{
    private static readonly int s_october = new DateOnly(2026, 10, 1).DayNumber;

    [Fact]
    public void Days_added_in_any_order_are_stored_in_day_order_and_read_back_slot_by_slot()
    {
        var row = new MonthRow().Reset(7, "手机", s_october, stored: false);
        row.Add(30, Record(31, 5));
        row.Add(0, Record(1, 1_000_000_000_000));
        for (var day = 10; day > 1; day--)
        {
            row.Add(day - 1, Record(day, day)); // more days than the row first holds, out of order
        }

        row.Add(0, Record(1, 1)); // a second row of the 1st adds to it

        row.Present.ShouldBe((1 << 30) | 0b11_1111_1111);
        var stored = new byte[row.StoredLength];
        row.Encode(stored);
        stored.Length.ShouldBe(11 * MonthRow.DayBytes);
        var days = new long[31 * MonthRow.Metrics];
        MonthRow.Decode(stored, row.Present, days);
        days[0].ShouldBe(1_000_000_000_001);
        days[6].ShouldBe(2 * (1_000_000_000_001 - 1) + 2); // revenue is twice the impressions here
        days[9 * MonthRow.Metrics].ShouldBe(10);
        days[30 * MonthRow.Metrics].ShouldBe(5);
        days[10 * MonthRow.Metrics].ShouldBe(0); // the 11th is not present
        MonthRow.Encode(row.Present, days).ShouldBe(stored);

        // Reused for another key, it starts empty.
        row.Reset(8, "", s_october, stored: true).Present.ShouldBe(0);
        row.Add(2, Record(3, 9));
        row.StoredLength.ShouldBe(MonthRow.DayBytes);
    }

    [Fact]
    public void A_stored_value_whose_length_does_not_match_its_days_is_refused()
    {
        Should.Throw<InvalidDataException>(() => MonthRow.Decode(new byte[MonthRow.DayBytes], 0b11, new long[31 * MonthRow.Metrics]));
    }

    [Fact]
    public void Days_within_a_range_are_the_bits_of_the_month_inside_it()
    {
        MonthRow.DaysWithin(s_october, s_october, s_october + 30).ShouldBe(int.MaxValue); // the whole of October: 31 bits
        MonthRow.DaysWithin(s_october, s_october + 2, s_october + 4).ShouldBe(0b11100);
        MonthRow.DaysWithin(s_october, s_october - 40, s_october).ShouldBe(1);
        MonthRow.DaysWithin(s_october, s_october + 31, s_october + 60).ShouldBe(0);
    }

    [Fact]
    public void Parts_set_aside_come_back_with_all_parts_of_a_key_in_one_partition_even_without_a_temporary_folder()
    {
        foreach (var folder in new string?[] { null, Path.Combine(Path.GetTempPath(), $"formation-missing-{Guid.NewGuid():N}") })
        {
            using var spill = new MonthRowSpill(folder);
            var row = new MonthRow();
            for (var part = 0; part < 3; part++)
            {
                for (var segment = 0; segment < 100; segment++)
                {
                    row.Reset(1, $"S{segment}", s_october, stored: segment == 0);
                    row.Add(part, Record(part + 1, segment));
                    spill.Add(row);
                }
            }

            spill.Count.ShouldBe(300);
            var back = Enumerable.Range(0, MonthRowSpill.Partitions).Select(p => spill.Read(p).ToList()).ToList();

            spill.Count.ShouldBe(0);
            back.Sum(p => p.Count).ShouldBe(300);
            foreach (var partition in back)
            {
                foreach (var key in partition.GroupBy(p => p.Segment))
                {
                    key.Select(p => p.Present).ShouldBe([1, 2, 4]); // the three parts, in the order added
                    key.ShouldAllBe(p => p.Stored == (p.Segment == "S0"));
                }
            }

            back.Count(p => p.Count > 0).ShouldBeGreaterThan(1); // keys are spread over partitions
            back.SelectMany(p => p).Select(p => p.Segment).Distinct().Count().ShouldBe(100);
        }
    }

    private static MetricRecord Record(int day, long impressions) =>
        new(day, new DateOnly(2026, 10, day), "百度搜索", "品牌词", "手机", impressions, 1, 2, 3, 4, 5, 2 * impressions);
}
