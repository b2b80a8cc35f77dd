using System.Data;
using System.Data.Common;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Formation.Application.Data;

/// <summary>The two databases Formation runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file: the default, one department.</summary>
    Sqlite,

    /// <summary>PostgreSQL: many organisations.</summary>
    Postgres,
}

/// <summary>Facts about <see cref="DatabaseProvider"/> that SQL written by hand must follow.</summary>
public static class DatabaseProviders
{
    /// <summary>
    /// A GUID as EF Core stores it, for a parameter of hand-written SQL: upper-case text on SQLite (a bound
    /// <see cref="Guid"/> would be a blob and match nothing), a uuid on PostgreSQL.
    /// </summary>
    public static object Id(this DatabaseProvider provider, Guid id) =>
        provider == DatabaseProvider.Sqlite ? id.ToString().ToUpperInvariant() : id;
}

/// <summary>A numbered SQL migration for one provider.</summary>
/// <param name="Id">The file name, such as <c>0001_initial.sql</c>; migrations run in its order.</param>
/// <param name="Checksum">SHA-256 of the script with line endings normalised, hex.</param>
public sealed record MigrationScript(string Id, string Sql, string Checksum)
{
    /// <summary>A script from its text.</summary>
    public static MigrationScript From(string id, string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var normalised = sql.Replace("\r\n", "\n", StringComparison.Ordinal);
        return new MigrationScript(id, normalised, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised))));
    }

    /// <summary>The scripts shipped for <paramref name="provider"/>, embedded from Migrations/&lt;Provider&gt;/*.sql, in order.</summary>
    public static IReadOnlyList<MigrationScript> Shipped(DatabaseProvider provider)
    {
        var assembly = typeof(MigrationScript).Assembly;
        var prefix = $"Formation.Application.Migrations.{provider}/";
        return assembly.GetManifestResourceNames()
            .Select(n => n.Replace('\\', '/'))
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => From(n[prefix.Length..], Read(assembly, n)))
            .ToList();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? assembly.GetManifestResourceStream(name.Replace('/', '\\'))!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

/// <summary>A migration history that cannot be applied safely; the message says what to do.</summary>
public sealed class MigrationException(string message) : Exception(message);

/// <summary>
/// Applies numbered SQL migrations in order, each in its own transaction together with its row in
/// <c>schema_migrations</c> (id, checksum, applied_at). A script that was applied and then edited is
/// refused: history must not change under a database that already ran it.
/// </summary>
public static class MigrationRunner
{
    /// <summary>Applies what is pending and returns the ids applied now.</summary>
    /// <exception cref="MigrationException">When an applied script was edited or the database knows a script this build does not.</exception>
    public static async Task<IReadOnlyList<string>> ApplyAsync(
        DbConnection connection,
        DatabaseProvider provider,
        IReadOnlyList<MigrationScript> scripts,
        TimeProvider clock,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(scripts);
        ArgumentNullException.ThrowIfNull(clock);
        if (connection.State != ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, null, provider == DatabaseProvider.Postgres
            ? "CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, checksum text NOT NULL, applied_at timestamp with time zone NOT NULL)"
            : "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT NOT NULL PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)", cancellationToken).ConfigureAwait(false);

        await using (var read = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            var known = scripts.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            var unknown = (await HistoryAsync(connection, read, cancellationToken).ConfigureAwait(false)).Keys.Where(id => !known.Contains(id)).Order(StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                throw new MigrationException(
                    $"This database has migrations this build does not know ({string.Join(", ", unknown)}): it was migrated by a newer version of Formation. Run that version, or restore a backup.");
            }
        }

        var applied = new List<string>();
        foreach (var script in scripts)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (provider == DatabaseProvider.Postgres)
            {
                // Two instances starting together take turns; the second then sees the first's rows.
                await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(727374)", cancellationToken).ConfigureAwait(false);
            }

            var history = await HistoryAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            if (history.TryGetValue(script.Id, out var checksum))
            {
                if (checksum != script.Checksum)
                {
                    throw new MigrationException(
                        $"Migration {script.Id} was changed after it was applied to this database (checksum {checksum[..12]}… now {script.Checksum[..12]}…). " +
                        "Applied migrations must not be edited: restore the file as it was and put the change in a new, higher-numbered migration.");
                }

                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            await ExecuteAsync(connection, transaction, script.Sql, cancellationToken).ConfigureAwait(false);
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (id, checksum, applied_at) VALUES (@id, @checksum, @at)";
                record.AddParameter("@id", script.Id);
                record.AddParameter("@checksum", script.Checksum);
                record.AddParameter("@at", provider == DatabaseProvider.Postgres ? clock.GetUtcNow().UtcDateTime : clock.GetUtcNow().UtcDateTime.ToString("O"));
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            applied.Add(script.Id);
        }

        return applied;
    }

    private static async Task<Dictionary<string, string>> HistoryAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id, checksum FROM schema_migrations";
        var history = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            history[reader.GetString(0)] = reader.GetString(1);
        }

        return history;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        // A migration that computes sums over a large database runs for minutes; a client-side timeout would only roll it back.
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
