using System.Text;
using Formation.Domain.DataImport;

namespace Formation.Domain.Tests.DataImport;

public class MemoryTests
{
    [Fact]
    public void A_200000_row_csv_is_read_without_the_heap_growing_with_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"formation-import-{Guid.NewGuid():N}.csv");
        try
        {
            using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
            {
                writer.Write("date,channel,campaign,segment,impressions,clicks,cost,conversions,leads,orders,revenue\n");
                var start = new DateOnly(2024, 1, 1);
                for (var i = 0; i < 200_000; i++)
                {
                    var day = start.AddDays(i / 200).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                    writer.Write($"{day},百度搜索,计划{i % 200},单元{i % 7},{1000 + i % 97},{i % 50},{i % 1000}.25,{i % 5},{i % 3},{i % 2},{i % 400}.5\n");
                }
            }

            var before = GC.GetTotalMemory(forceFullCollection: true);
            using var stream = File.OpenRead(path);
            using var source = CsvSource.Open(stream, null, ShippedMappings.Standard.Encoding);
            var reader = new MetricRowReader(source, ShippedMappings.Standard, "CNY");
            var rows = 0;
            while (reader.Next(out _))
            {
                rows++;
            }

            var after = GC.GetTotalMemory(forceFullCollection: true);
            rows.ShouldBe(200_000);
            reader.ProblemCount.ShouldBe(0);
            (after - before).ShouldBeLessThan(60L * 1024 * 1024);
            GC.KeepAlive(reader);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
