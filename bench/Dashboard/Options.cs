using System.Globalization;

namespace Formation.Bench.Dashboard;

/// <summary>The command line: where the database is kept (a SQLite folder, or a PostgreSQL connection string), how many rows, how many runs, the target.</summary>
internal sealed record Options(string DataDirectory, string? Postgres, long Rows, int Iterations, int Warmup, double TargetMs)
{
    public static Options Parse(string[] args)
    {
        var options = new Options(Path.Combine(Path.GetTempPath(), "formation-bench-dashboard"), null, 10_000_000, 200, 20, 50);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--data" => options with { DataDirectory = value },
                "--postgres" => options with { Postgres = value },
                "--rows" => options with { Rows = long.Parse(value, CultureInfo.InvariantCulture) },
                "--iterations" => options with { Iterations = int.Parse(value, CultureInfo.InvariantCulture) },
                "--warmup" => options with { Warmup = int.Parse(value, CultureInfo.InvariantCulture) },
                "--target-ms" => options with { TargetMs = double.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown argument {args[i]}."),
            };
            i++;
        }

        return options.Rows > 0 && options.Iterations > 0 && options.Warmup >= 0
            ? options
            : throw new ArgumentException("--rows and --iterations must be positive, --warmup not negative.");
    }
}
