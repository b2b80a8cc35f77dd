using Formation.Application.Data;
using Microsoft.Data.Sqlite;

namespace Formation.Cli.Db;

/// <summary>Where a database stands against the migrations this build ships.</summary>
/// <param name="Applied">Ids recorded in <c>schema_migrations</c>, in order.</param>
/// <param name="Pending">Shipped ids the database has not run yet.</param>
/// <param name="Unknown">Ids the database has run that this build does not know: a newer Formation migrated it.</param>
internal sealed record MigrationLevel(IReadOnlyList<string> Applied, IReadOnlyList<string> Pending, IReadOnlyList<string> Unknown)
{
    /// <summary>The highest applied id, or null when none is.</summary>
    public string? Current => Applied.Count == 0 ? null : Applied[^1];
}

/// <summary>SQLite files handled as whole databases: checked, copied page by page with the online backup API, and measured.</summary>
internal static class SqliteFiles
{
    /// <summary>How long a backup waits for a writer or reader of the same file to let go.</summary>
    private const int BusyTimeoutMilliseconds = 30_000;

    /// <summary>Whether <paramref name="path"/> starts with the 16-byte header every SQLite 3 database has.</summary>
    public static bool HasSqliteHeader(string path)
    {
        ReadOnlySpan<byte> header = "SQLite format 3\0"u8;
        Span<byte> start = stackalloc byte[16];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) == start.Length && start.SequenceEqual(header);
    }

    /// <summary>An open connection to <paramref name="connectionString"/> in <paramref name="mode"/>, never pooled.</summary>
    public static async Task<SqliteConnection> OpenAsync(string connectionString, SqliteOpenMode mode, CancellationToken ct)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Mode = mode, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);

            // The backup API waits through SQLite's own busy handler, not Microsoft.Data.Sqlite's command retries.
            await ExecuteAsync(connection, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}", ct).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A connection string for the file at <paramref name="path"/>.</summary>
    public static string ConnectionStringFor(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString();

    /// <summary>
    /// Copies <paramref name="source"/> into <paramref name="destination"/> with SQLite's online backup API: a consistent
    /// snapshot even while another process writes to the source, and written through the destination's own locks.
    /// </summary>
    public static void Copy(SqliteConnection source, SqliteConnection destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        source.BackupDatabase(destination);
    }

    /// <summary>Sets the journal mode ("wal" or "delete"); it is recorded in the file's header.</summary>
    public static Task SetJournalModeAsync(SqliteConnection connection, string mode, CancellationToken ct) =>
        ExecuteAsync(connection, $"PRAGMA journal_mode = {mode}", ct);

    /// <summary>Whether the database has the <c>schema_migrations</c> table the migration runner keeps.</summary>
    public static async Task<bool> HasMigrationHistoryAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>The result of <c>PRAGMA quick_check</c>: "ok", or what is damaged.</summary>
    public static async Task<string> QuickCheckAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check(5)";
        var problems = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            problems.Add(reader.GetString(0));
        }

        return string.Join("; ", problems);
    }

    /// <summary>The applied, pending and unknown migrations; everything pending when the history table is missing.</summary>
    public static async Task<MigrationLevel> LevelAsync(SqliteConnection connection, CancellationToken ct)
    {
        var shipped = MigrationScript.Shipped(DatabaseProvider.Sqlite).Select(s => s.Id).ToList();
        var applied = new List<string>();
        if (await HasMigrationHistoryAsync(connection, ct).ConfigureAwait(false))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT id FROM schema_migrations";
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                applied.Add(reader.GetString(0));
            }
        }

        applied.Sort(StringComparer.Ordinal);
        var known = applied.ToHashSet(StringComparer.Ordinal);
        var shippedSet = shipped.ToHashSet(StringComparer.Ordinal);
        return new MigrationLevel(applied, shipped.Where(id => !known.Contains(id)).ToList(), applied.Where(id => !shippedSet.Contains(id)).ToList());
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
