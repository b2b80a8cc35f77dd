using Formation.Application.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Formation.Application.Tests;

/// <summary>
/// Fresh, empty databases for tests: always a SQLite file, and a PostgreSQL database when
/// FORMATION_TEST_POSTGRES names a server (scripts/test.sh starts one; CI always has it).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private const string PostgresVariable = "FORMATION_TEST_POSTGRES";

    private readonly string? _sqliteFile;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseTarget target, string? sqliteFile, string? postgresName)
    {
        Target = target;
        _sqliteFile = sqliteFile;
        _postgresName = postgresName;
    }

    public DatabaseTarget Target { get; }

    /// <summary>The providers to run data tests on: SQLite, and PostgreSQL when configured.</summary>
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

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        if (provider == "sqlite")
        {
            var file = Path.Combine(Path.GetTempPath(), $"formation-test-{Guid.NewGuid():N}.db");
            return new TestDatabase(new DatabaseTarget(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()), file, null);
        }

        var admin = Environment.GetEnvironmentVariable(PostgresVariable)
            ?? throw new InvalidOperationException($"{PostgresVariable} is not set.");
        var name = $"formation_t_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name}";
            await command.ExecuteNonQueryAsync();
        }

        var target = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ToString();
        return new TestDatabase(new DatabaseTarget(DatabaseProvider.Postgres, target), null, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(file);
            }
        }

        if (_postgresName is not null)
        {
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable));
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)";
            await command.ExecuteNonQueryAsync();
        }
    }
}
