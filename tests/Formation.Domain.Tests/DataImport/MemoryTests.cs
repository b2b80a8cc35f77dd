using System.IO.Compression;
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

    [Fact]
    public void A_100000_row_workbook_is_streamed_not_loaded()
    {
        var path = Path.Combine(Path.GetTempPath(), $"formation-import-{Guid.NewGuid():N}.xlsx");
        try
        {
            WriteWorkbook(path, 100_000);
            var before = GC.GetTotalMemory(forceFullCollection: true);
            using var stream = File.OpenRead(path);
            XlsxSource.TryOpen(stream, out var source, out var problem).ShouldBeTrue(problem?.En);
            using (source)
            {
                var reader = new MetricRowReader(source!, ShippedMappings.Standard, "CNY");
                var rows = 0;
                var peak = 0L;
                while (reader.Next(out _))
                {
                    if (++rows % 25_000 == 0)
                    {
                        peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
                    }
                }

                rows.ShouldBe(100_000);
                reader.ProblemCount.ShouldBe(0);
                peak.ShouldBeLessThan(40L * 1024 * 1024);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void WriteWorkbook(string path, int rows)
    {
        using var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create);
        void Add(string name, string xml)
        {
            using var w = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
            w.Write(xml);
        }

        const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        Add("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
        Add("_rels/.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        Add("xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="{Rel}"><sheets><sheet name="data" sheetId="1" r:id="rId1"/></sheets></workbook>""");
        Add("xl/_rels/workbook.xml.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
        using var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open(), new UTF8Encoding(false));
        sheet.Write($"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}"><dimension ref="A1:K{rows + 1}"/><sheetData>""");
        sheet.Write("<row r=\"1\">");
        foreach (var name in new[] { "date", "channel", "campaign", "segment", "impressions", "clicks", "cost", "conversions", "leads", "orders", "revenue" })
        {
            sheet.Write($"<c t=\"inlineStr\"><is><t>{name}</t></is></c>");
        }

        sheet.Write("</row>");
        var start = new DateOnly(2024, 1, 1);
        for (var i = 0; i < rows; i++)
        {
            var day = start.AddDays(i / 100).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            sheet.Write(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"<row r=\"{i + 2}\"><c t=\"inlineStr\"><is><t>{day}</t></is></c><c t=\"inlineStr\"><is><t>抖音</t></is></c><c t=\"inlineStr\"><is><t>计划{i % 100}</t></is></c><c/><c><v>{i % 977}</v></c><c><v>{i % 31}</v></c><c><v>{i % 500}.5</v></c><c><v>1</v></c><c><v>0</v></c><c><v>2</v></c><c><v>{i % 90}.25</v></c></row>"));
        }

        sheet.Write("</sheetData></worksheet>");
    }
}
