using System.Diagnostics;
using System.Globalization;
using System.Text;
using Formation.Cli.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Formation.Cli.Tests;

/// <summary><c>formation import</c>: rejected values by line and column, and a real child process killed half-way on both databases.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private const string PostgresVariable = "FORMATION_TEST_POSTGRES";
    private const string Header = "date,channel,campaign,segment,impressions,clicks,cost,conversions,leads,orders,revenue";
    private static readonly string[] s_tables = ["metric_days", "campaigns", "channels", "metric_rollups", "metric_imports"];

    private readonly TempDirectory _temp = new();
    private readonly List<string> _databases = [];

    public static TheoryData<string> Providers => DbMigrateCommandTests.Providers;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
        foreach (var name in _databases)
        {
            using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable));
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS {name} WITH (FORCE)";
            command.ExecuteNonQuery();
        }
    }

    [Fact]
    public async Task Import_RejectedValues_ExitsTwoNamingLineAndColumnAndWritesNothing()
    {
        var db = await DatabaseAsync("sqlite");
        var file = _temp.Write("bad.csv", $"{Header}\n2026-11-01,百度搜索,品牌词,,100,1,-5.00,0,0,0,0\n2026/11/02,百度搜索,品牌词,,abc,1,5.00,0,0,0,0\n");

        var run = await CliRunner.RunAsync(["import", file, "--mapping", "formation-standard", "--org", "Tea", "--lang", "en", .. db]);

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput, run.Output);
        run.Output.ShouldContain("Nothing was written: 3 value(s) rejected (2 row(s)).");
        run.Output.ShouldContain("line 2, column \"cost\": Must not be negative. [-5.00]");
        run.Output.ShouldContain("line 3, column \"date\": Not a date in the form yyyy-MM-dd.");
        run.Output.ShouldContain("line 3, column \"impressions\": Not a number. [abc]");
        run.ShouldNotShowStackTrace();
        (await CountsAsync("sqlite", db)).ShouldAllBe(c => c == 0);
    }

    [Fact]
    public async Task OrgCreate_TimeZoneGivenOrByCurrency_AndAnUnknownOneIsRefused()
    {
        var db = await DatabaseAsync("sqlite"); // "Tea", CNY, no zone given

        var tokyo = await CliRunner.RunAsync(["org", "create", "--name", "Tokyo", "--currency", "USD", "--time-zone", "Asia/Tokyo", .. db]);
        var dollars = await CliRunner.RunAsync(["org", "create", "--name", "Dollars", "--currency", "USD", .. db]);
        var unknown = await CliRunner.RunAsync(["org", "create", "--name", "Nowhere", "--time-zone", "Nowhere/City", "--lang", "en", .. db]);
        var folder = await CliRunner.RunAsync(["org", "create", "--name", "Folder", "--time-zone", "Asia", "--lang", "en", .. db]);

        tokyo.ExitCode.ShouldBe(ExitCodes.Ok, tokyo.Output);
        dollars.ExitCode.ShouldBe(ExitCodes.Ok, dollars.Output);
        unknown.ExitCode.ShouldBe(ExitCodes.InvalidInput, unknown.Output);
        unknown.Output.ShouldContain("--time-zone: unknown zone \"Nowhere/City\"");
        unknown.ShouldNotShowStackTrace();
        folder.ExitCode.ShouldBe(ExitCodes.InvalidInput, folder.Output);
        (await SqliteScalarAsync(db, "SELECT time_zone FROM organizations WHERE name = 'Tea'")).ShouldBe("Asia/Shanghai");
        (await SqliteScalarAsync(db, "SELECT time_zone FROM organizations WHERE name = 'Tokyo'")).ShouldBe("Asia/Tokyo");
        (await SqliteScalarAsync(db, "SELECT time_zone FROM organizations WHERE name = 'Dollars'")).ShouldBe("UTC");
        (await SqliteScalarAsync(db, "SELECT COUNT(*) FROM organizations WHERE name = 'Nowhere'")).ShouldBe("0");
    }

    [Fact]
    public async Task Import_UnknownMapping_ExitsThreeListingTheShippedOnes()
    {
        var db = await DatabaseAsync("sqlite");
        var file = _temp.Write("ok.csv", $"{Header}\n2026-11-01,百度搜索,品牌词,,100,1,5.00,0,0,0,0\n");

        var run = await CliRunner.RunAsync(["import", file, "--mapping", "nope", "--org", "Tea", "--lang", "en", .. db]);

        run.ExitCode.ShouldBe(ExitCodes.NotFound, run.Output);
        run.Output.ShouldContain("No mapping named \"nope\"");
        run.Output.ShouldContain("formation-standard");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Import_ProcessKilledHalfWay_LeavesNoPartialData(string provider)
    {
        var db = await DatabaseAsync(provider);
        var small = _temp.Write("small.csv", $"{Header}\n2026-11-01,百度搜索,品牌词,,100,1,5.00,0,0,0,0\n");
        (await CliRunner.RunAsync(["import", small, "--mapping", "formation-standard", "--org", "Tea", .. db])).ExitCode.ShouldBe(ExitCodes.Ok);
        var before = await CountsAsync(provider, db);
        var big = BigFile(1_000_000);

        using (var child = StartCli(["import", big, "--mapping", "formation-standard", "--org", "Tea", "--lang", "en", .. db]))
        {
            var seen = new List<string>();
            while (await child.StandardOutput.ReadLineAsync() is { } line)
            {
                seen.Add(line);
                if (line.StartsWith("Importing 10%", StringComparison.Ordinal))
                {
                    break;
                }
            }

            child.Kill(entireProcessTree: true); // first, so nothing below waits on the child
            seen.ShouldContain("Importing 10%", string.Join("\n", seen));
            await child.WaitForExitAsync();
            child.ExitCode.ShouldNotBe(0, "the import finished before it could be killed");
        }

        (await CountsAsync(provider, db)).ShouldBe(before);
        if (provider == "sqlite")
        {
            (await SqliteScalarAsync(db, "PRAGMA integrity_check")).ShouldBe("ok");
        }

        var next = _temp.Write("next.csv", $"{Header}\n2026-11-02,百度搜索,品牌词,,100,1,5.00,0,0,0,0\n");
        var again = await CliRunner.RunAsync(["import", next, "--mapping", "formation-standard", "--org", "Tea", "--lang", "en", .. db]);
        again.ExitCode.ShouldBe(ExitCodes.Ok, again.Output);
        again.Output.ShouldContain("1 rows written");
    }

    private string BigFile(int rows)
    {
        var path = _temp.PathOf("big.csv");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.WriteLine(Header);
        var day = new DateOnly(2025, 1, 1);
        for (var i = 0; i < rows; i++)
        {
            var d = day.AddDays(i / 1000).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{d},抖音,计划{i % 1000:D4},,{i % 997},{i % 31},{i % 500}.25,{i % 7},{i % 5},{i % 3},{i % 11}.5"));
        }

        return path;
    }

    private static Process StartCli(string[] args)
    {
        var dll = typeof(CliApp).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    /// <summary>A migrated database holding the organisation "Tea"; returns the options that name it.</summary>
    private async Task<string[]> DatabaseAsync(string provider)
    {
        string[] options;
        if (provider == "sqlite")
        {
            options = ["--data", _temp.PathOf("data")];
        }
        else
        {
            var admin = Environment.GetEnvironmentVariable(PostgresVariable)!;
            var name = $"formation_import_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = $"CREATE DATABASE {name}";
                await command.ExecuteNonQueryAsync();
            }

            _databases.Add(name);
            options = ["--database", "postgres", "--connection", new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ToString()];
        }

        (await CliRunner.RunAsync(["db", "migrate", .. options])).ExitCode.ShouldBe(ExitCodes.Ok);
        (await CliRunner.RunAsync(["org", "create", "--name", "Tea", .. options])).ExitCode.ShouldBe(ExitCodes.Ok);
        return options;
    }

    private static async Task<long[]> CountsAsync(string provider, string[] db)
    {
        var counts = new List<long>();
        foreach (var table in s_tables)
        {
            counts.Add(provider == "sqlite"
                ? Convert.ToInt64(await SqliteScalarAsync(db, $"SELECT COUNT(*) FROM {table}"), CultureInfo.InvariantCulture)
                : await PostgresCountAsync(db[^1], table));
        }

        counts.Add(provider == "sqlite"
            ? Convert.ToInt64(await SqliteScalarAsync(db, "SELECT COALESCE(SUM(impressions), 0) FROM metric_days"), CultureInfo.InvariantCulture)
            : await PostgresCountAsync(db[^1], "metric_days", "COALESCE(SUM(impressions), 0)"));
        return [.. counts];
    }

    private static async Task<string> SqliteScalarAsync(string[] db, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(db[1], "formation.db")};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture)!;
    }

    private static async Task<long> PostgresCountAsync(string connectionString, string table, string what = "COUNT(*)")
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {what} FROM {table}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
