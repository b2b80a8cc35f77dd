using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Formation.Application.Data;

/// <summary>Where the data lives: the provider and its connection string.</summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString)
{
    private static readonly ConcurrentDictionary<string, NpgsqlDataSource> s_withoutTypeLoading = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether Npgsql reads the server's catalogue of types when it first connects (PostgreSQL only). Formation's
    /// tables use built-in types alone, which Npgsql knows without it; the command-line tool turns it off, since a
    /// one-off command pays that query and its processing (about 30 ms) every time it starts.
    /// </summary>
    public bool LoadTypes { get; init; } = true;

    /// <summary>
    /// Closes the idle pooled connections of targets that do not load types (as <see cref="NpgsqlConnection.ClearAllPools"/>
    /// does for the others); connections in use close when they are returned, and the next use opens new ones.
    /// </summary>
    public static void CloseConnections()
    {
        foreach (var source in s_withoutTypeLoading.Values)
        {
            source.Clear();
        }
    }

    /// <summary>The embedded default: a SQLite file in <paramref name="dataDirectory"/>.</summary>
    public static DatabaseTarget SqliteIn(string dataDirectory) =>
        new(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "formation.db"),
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString());

    /// <summary>Reads "sqlite" / "postgres" (also "postgresql", "npgsql").</summary>
    public static DatabaseProvider ParseProvider(string value) => value.Trim().ToUpperInvariant() switch
    {
        "SQLITE" => DatabaseProvider.Sqlite,
        "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
        _ => throw new ArgumentException($"Unknown database provider \"{value}\"; use sqlite or postgres.", nameof(value)),
    };

    /// <summary>Configures EF Core for this target.</summary>
    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Provider == DatabaseProvider.Sqlite ? builder.UseSqlite(ConnectionString)
            : LoadTypes ? builder.UseNpgsql(ConnectionString)
            : builder.UseNpgsql(WithoutTypeLoading(ConnectionString));
    }

    /// <summary>A new context on this target.</summary>
    public AppDbContext CreateContext()
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        Configure(builder);
        return new AppDbContext(builder.Options);
    }

    /// <summary>An unopened ADO.NET connection to this target.</summary>
    public DbConnection CreateConnection() => Connection(ConnectionString);

    /// <summary>
    /// Bytes Npgsql holds before it sends, on connections that stream rows (<see cref="CreateBulkConnection"/>): the
    /// importer's <c>COPY</c> then leaves in one message per two of its 64 KB buffers. With Npgsql's default of 8 KB
    /// each of its buffers went as an empty message, a 5-byte header and the data, four sends where one does, and the
    /// server woke for every piece (decision 0014).
    /// </summary>
    public const int BulkWriteBufferSize = 128 * 1024;

    /// <summary>
    /// An unopened connection for streaming many rows: on PostgreSQL with a write buffer of at least
    /// <see cref="BulkWriteBufferSize"/> (its own pool, unless the connection string asks for as much already).
    /// </summary>
    public DbConnection CreateBulkConnection() =>
        Connection(Provider == DatabaseProvider.Postgres ? WithBulkWriteBuffer(ConnectionString) : ConnectionString);

    private DbConnection Connection(string connectionString) => Provider == DatabaseProvider.Sqlite
        ? new SqliteConnection(connectionString)
        : LoadTypes ? new NpgsqlConnection(connectionString)
        : WithoutTypeLoading(connectionString).CreateConnection();

    private static NpgsqlDataSource WithoutTypeLoading(string connectionString) =>
        s_withoutTypeLoading.GetOrAdd(connectionString, static cs =>
        {
            var builder = new NpgsqlDataSourceBuilder(cs);
            builder.ConfigureTypeLoading(types => types.EnableTypeLoading(false));
            return builder.Build();
        });

    /// <summary>A PostgreSQL connection string with a write buffer of at least <see cref="BulkWriteBufferSize"/>; unchanged when it has one.</summary>
    public static string WithBulkWriteBuffer(string postgresConnectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(postgresConnectionString);
        if (builder.WriteBufferSize >= BulkWriteBufferSize)
        {
            return postgresConnectionString;
        }

        builder.WriteBufferSize = BulkWriteBufferSize;
        return builder.ToString();
    }

    /// <summary>Creates the SQLite file's folder if needed and applies pending migrations.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(TimeProvider clock, CancellationToken cancellationToken = default)
    {
        if (Provider == DatabaseProvider.Sqlite && new SqliteConnectionStringBuilder(ConnectionString).DataSource is { Length: > 0 } file &&
            Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        await using var connection = CreateConnection();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (Provider == DatabaseProvider.Sqlite)
        {
            // Readers keep reading while a writer commits; the setting persists in the file.
            await using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL";
            await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return await MigrationRunner.ApplyAsync(connection, Provider, MigrationScript.Shipped(Provider), clock, cancellationToken).ConfigureAwait(false);
    }
}
