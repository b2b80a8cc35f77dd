using Formation.Domain.DataImport;

namespace Formation.Domain.Tests.DataImport;

/// <summary>The files in tests/fixtures/imports, read by path from the repository root.</summary>
internal static class ImportFixtures
{
    public static string Path(string name) => Repo.File("tests", "fixtures", "imports", name);

    public static MemoryStream Open(string name) => new(File.ReadAllBytes(Path(name)));

    /// <summary>Reads a fixture through <see cref="TableSources"/> and <see cref="MetricRowReader"/> to the end.</summary>
    public static (List<MetricRecord> Records, MetricRowReader Reader) Import(string name, ImportMapping mapping, string currency = "CNY")
    {
        using var stream = Open(name);
        var opened = TableSources.Open(name, stream, mapping);
        opened.Problem.ShouldBeNull();
        using var source = opened.Source!;
        var reader = new MetricRowReader(source, mapping, currency);
        var records = new List<MetricRecord>();
        while (reader.Next(out var record))
        {
            records.Add(record);
        }

        return (records, reader);
    }

    /// <summary>A problem as "line 7, column 消费: Must not be negative." for compact assertions.</summary>
    public static string Describe(this ImportProblem problem) => $"line {problem.Line}, column {problem.Column}: {problem.Reason.En}";

    public static ImportMapping Shipped(string name) => ShippedMappings.Find(name) ?? throw new InvalidOperationException(name);

    public static MetricRecord Row(int line, string day, string channel, string campaign, string segment = "", long impressions = 0, long clicks = 0,
        long costE4 = 0, long conversions = 0, long leads = 0, long orders = 0, long revenueE4 = 0) =>
        new(line, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), channel, campaign, segment, impressions, clicks, costE4,
            conversions, leads, orders, revenueE4);
}
