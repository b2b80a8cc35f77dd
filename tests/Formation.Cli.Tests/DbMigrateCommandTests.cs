using Formation.Application.Data;
using Formation.Cli.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Formation.Cli.Tests;

/// <summary><c>formation db migrate</c> on real SQLite files, and on PostgreSQL when FORMATION_TEST_POSTGRES names a server.</summary>
public sealed class DbMigrateCommandTests : IDisposable
{
    private const string PostgresVariable = "FORMATION_TEST_POSTGRES";

    private static readonly string[] s_someTables = ["organizations", "users", "memberships", "plan_versions", "schema_migrations"];

    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    /// <summary>SQLite always; PostgreSQL too when a server is configured.</summary>
    public static TheoryData<string> Providers
    {
        get
        {
            var data = new TheoryData<string> { "sqlite" };
            if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable)))
            {
                data.Add("postgres");
            }

            return data;
        }
    }

    [Fact]
    public async Task Migrate_EmptySqliteFile_CreatesTheTablesAndNamesTheAppliedMigration()
    {
        var file = _temp.PathOf("empty.db");
        await File.WriteAllBytesAsync(file, []);

        var run = await CliRunner.RunAsync("db", "migrate", "--connection", $"Data Source={file}", "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.Ok, run.Output);
        var firstId = MigrationScript.Shipped(DatabaseProvider.Sqlite)[0].Id;
        run.Output.ShouldContain($"Applied {firstId}");
        run.Output.ShouldNotContain("up to date");
        var tables = await SqliteTablesAsync(file);
        foreach (var table in s_someTables)
        {
            tables.ShouldContain(table);
        }
    }

    [Fact]
    public async Task Migrate_DataFolder_CreatesFormationDbInIt()
    {
        var folder = _temp.PathOf("nested/data");

        var run = await CliRunner.RunAsync("db", "migrate", "--data", folder, "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.Ok, run.Output);
        var file = Path.Combine(folder, "formation.db");
        File.Exists(file).ShouldBeTrue();
        run.Output.ShouldContain(file);
        (await SqliteTablesAsync(file)).ShouldContain("organizations");
    }

    [Theory]
    [InlineData("en", "up to date")]
    [InlineData("zh", "已是最新")]
    public async Task Migrate_Twice_SecondRunSaysUpToDate(string language, string expected)
    {
        var folder = _temp.PathOf("data");
        (await CliRunner.RunAsync("db", "migrate", "--data", folder)).ExitCode.ShouldBe(ExitCodes.Ok);

        var run = await CliRunner.RunAsync("db", "migrate", "--data", folder, "--lang", language);

        run.ExitCode.ShouldBe(ExitCodes.Ok, run.Output);
        run.Output.ShouldContain(expected);
        run.Output.ShouldNotContain("Applied");
    }

    [Fact]
    public async Task Migrate_AppliedMigrationEdited_ExitsTwoWithTheRunnersMessage()
    {
        var folder = _temp.PathOf("data");
        (await CliRunner.RunAsync("db", "migrate", "--data", folder)).ExitCode.ShouldBe(ExitCodes.Ok);
        await ExecuteSqliteAsync(Path.Combine(folder, "formation.db"), "UPDATE schema_migrations SET checksum = 'deadbeefdeadbeefdeadbeef'");

        var run = await CliRunner.RunAsync("db", "migrate", "--data", folder, "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain("was changed after it was applied");
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Migrate_DatabaseFromANewerVersion_ExitsTwoSayingSo()
    {
        var folder = _temp.PathOf("data");
        (await CliRunner.RunAsync("db", "migrate", "--data", folder)).ExitCode.ShouldBe(ExitCodes.Ok);
        await ExecuteSqliteAsync(
            Path.Combine(folder, "formation.db"),
            "INSERT INTO schema_migrations (id, checksum, applied_at) VALUES ('9999_from_the_future.sql', 'x', '2030-01-01T00:00:00Z')");

        var run = await CliRunner.RunAsync("db", "migrate", "--data", folder, "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain("9999_from_the_future.sql");
        run.Output.ShouldContain("newer version");
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Migrate_SqlitePathIsAFolder_ExitsTwoWithoutStackTrace()
    {
        var run = await CliRunner.RunAsync("db", "migrate", "--connection", $"Data Source={_temp.FullPath}", "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain(_temp.FullPath);
        run.ShouldNotShowStackTrace();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migrate_FreshDatabase_AppliesEveryShippedMigration(string provider)
    {
        await using var database = await FreshDatabase.CreateAsync(provider, _temp);

        var run = await CliRunner.RunAsync("db", "migrate", "--database", provider, "--connection", database.ConnectionString, "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.Ok, run.Output);
        var shipped = MigrationScript.Shipped(database.Provider).Select(s => s.Id).ToList();
        foreach (var id in shipped)
        {
            run.Output.ShouldContain($"Applied {id}");
        }

        (await database.AppliedMigrationsAsync()).ShouldBe(shipped);
        var tables = await database.TablesAsync();
        foreach (var table in s_someTables)
        {
            tables.ShouldContain(table);
        }

        var again = await CliRunner.RunAsync("db", "migrate", "--database", provider, "--connection", database.ConnectionString, "--lang", "en");
        again.ExitCode.ShouldBe(ExitCodes.Ok, again.Output);
        again.Output.ShouldContain("up to date");
    }

    [Fact]
    public async Task Migrate_UnreachablePostgres_ExitsTwoWithOneLineNamingHostAndPort()
    {
        var run = await CliRunner.RunAsync(
            "db", "migrate", "--database", "postgres", "--connection", "Host=127.0.0.1;Port=1;Database=formation;Username=formation;Password=hunter2-secret;Timeout=5", "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        var lines = run.Lines.Where(l => l.Trim().Length > 0).ToList();
        lines.Count.ShouldBe(1, run.Output);
        lines[0].ShouldContain("127.0.0.1:1");
        run.Output.ShouldNotContain("hunter2-secret");
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Migrate_PostgresWithoutConnection_ExitsTwoAskingForOne()
    {
        using var console = new Spectre.Console.Testing.TestConsole();
        console.Profile.Width = 200;

        var exitCode = await CliApp.RunAsync(console, ["db", "migrate", "--database", "postgres", "--lang", "en"], _ => null, CancellationToken.None);

        exitCode.ShouldBe(ExitCodes.InvalidInput);
        console.Output.ShouldContain("--connection");
        console.Output.ShouldContain("FORMATION_CONNECTION");
    }

    [Fact]
    public async Task Migrate_ProviderAndConnectionFromEnvironment_AreUsed()
    {
        var file = _temp.PathOf("from-env.db");
        var environment = new Dictionary<string, string?>
        {
            ["FORMATION_DATABASE"] = "sqlite",
            ["FORMATION_CONNECTION"] = $"Data Source={file}",
        };
        using var console = new Spectre.Console.Testing.TestConsole();
        console.Profile.Width = 400;

        var exitCode = await CliApp.RunAsync(console, ["db", "migrate", "--lang", "en"], environment.GetValueOrDefault, CancellationToken.None);

        exitCode.ShouldBe(ExitCodes.Ok, console.Output);
        console.Output.ShouldContain(file);
        (await SqliteTablesAsync(file)).ShouldContain("organizations");
    }

    [Fact]
    public async Task Db_WithoutSubcommand_ExitsTwo()
    {
        var run = await CliRunner.RunAsync("db");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Db_Help_ListsMigrateBackupAndRestore()
    {
        var run = await CliRunner.RunAsync("db", "--help");

        run.ExitCode.ShouldBe(ExitCodes.Ok);
        foreach (var command in new[] { "migrate", "backup", "restore" })
        {
            run.Output.ShouldContain(command);
        }
    }

    private static async Task<List<string>> SqliteTablesAsync(string file)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private static async Task ExecuteSqliteAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>An empty database: a new SQLite file, or a new PostgreSQL database dropped on dispose.</summary>
    private sealed class FreshDatabase : IAsyncDisposable
    {
        private readonly string? _postgresName;

        private FreshDatabase(DatabaseProvider provider, string connectionString, string? postgresName)
        {
            Provider = provider;
            ConnectionString = connectionString;
            _postgresName = postgresName;
        }

        public DatabaseProvider Provider { get; }

        public string ConnectionString { get; }

        public static async Task<FreshDatabase> CreateAsync(string provider, TempDirectory temp)
        {
            if (provider == "sqlite")
            {
                return new FreshDatabase(DatabaseProvider.Sqlite, $"Data Source={temp.PathOf("fresh.db")}", null);
            }

            var name = $"formation_cli_{Guid.NewGuid():N}";
            await using (var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable)))
            {
                await admin.OpenAsync();
                await using var command = admin.CreateCommand();
                command.CommandText = $"CREATE DATABASE {name}";
                await command.ExecuteNonQueryAsync();
            }

            var connection = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresVariable)) { Database = name, Pooling = false }.ToString();
            return new FreshDatabase(DatabaseProvider.Postgres, connection, name);
        }

        public Task<List<string>> AppliedMigrationsAsync() => ColumnAsync("SELECT id FROM schema_migrations ORDER BY id");

        public Task<List<string>> TablesAsync() => ColumnAsync(Provider == DatabaseProvider.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table'"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()");

        public async ValueTask DisposeAsync()
        {
            if (_postgresName is null)
            {
                return;
            }

            await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable));
            await admin.OpenAsync();
            await using var command = admin.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)";
            await command.ExecuteNonQueryAsync();
        }

        private async Task<List<string>> ColumnAsync(string sql)
        {
            await using var connection = new DatabaseTarget(Provider, ConnectionString).CreateConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var values = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                values.Add(reader.GetString(0));
            }

            return values;
        }
    }
}
