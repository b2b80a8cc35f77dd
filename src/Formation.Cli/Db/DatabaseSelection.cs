using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Formation.Application.Data;
using Formation.Domain.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Formation.Cli.Db;

/// <summary>
/// The database a <c>formation db</c> command works on, chosen from <c>--database</c>, <c>--connection</c>
/// and <c>--data</c>, then FORMATION_DATABASE and FORMATION_CONNECTION (or the web app's Formation__Database and
/// ConnectionStrings__Formation), then the web app's default
/// (<c>data/formation.db</c> under the current directory).
/// </summary>
/// <param name="Description">How to name the database to a user: never with its password.</param>
/// <param name="SqliteFile">The full path of the SQLite file; null for PostgreSQL.</param>
internal sealed partial record DatabaseSelection(DatabaseTarget Target, string Description, string? SqliteFile, string RawConnection)
{
    public const string DatabaseVariable = "FORMATION_DATABASE";
    public const string ConnectionVariable = "FORMATION_CONNECTION";

    /// <summary>The web app's own settings, read when the CLI's variables are not set, so one environment serves both.</summary>
    public const string WebDatabaseVariable = "Formation__Database";
    public const string WebConnectionVariable = "ConnectionStrings__Formation";

    /// <summary>The web app's default data folder (<c>Formation:DataDirectory</c>).</summary>
    public const string DefaultDataDirectory = "data";

    public bool IsPostgres => Target.Provider == DatabaseProvider.Postgres;

    /// <summary>Resolves the options; a problem in both languages when they do not name a usable database.</summary>
    public static (DatabaseSelection? Selection, LocalizedText? Problem) Resolve(
        string? databaseOption, string? connectionOption, string? dataOption, Func<string, string?> environment, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var providerText = databaseOption;
        var providerSource = "--database";
        foreach (var name in new[] { DatabaseVariable, WebDatabaseVariable })
        {
            if (string.IsNullOrWhiteSpace(providerText) && environment(name) is { Length: > 0 } fromEnvironment && !string.IsNullOrWhiteSpace(fromEnvironment))
            {
                providerText = fromEnvironment;
                providerSource = name;
            }
        }

        DatabaseProvider provider;
        try
        {
            provider = string.IsNullOrWhiteSpace(providerText) ? DatabaseProvider.Sqlite : DatabaseTarget.ParseProvider(providerText);
        }
        catch (ArgumentException)
        {
            return Fail($"{providerSource} 的值 \"{providerText}\" 无效；请使用 sqlite 或 postgres。", $"{providerSource} \"{providerText}\" is not a database; use sqlite or postgres.");
        }

        if (connectionOption is not null && dataOption is not null)
        {
            return Fail("--connection 与 --data 只能指定其一。", "Give --connection or --data, not both.");
        }

        if (provider == DatabaseProvider.Postgres && dataOption is not null)
        {
            return Fail("--data 仅适用于 SQLite；PostgreSQL 请使用 --connection。", "--data is for SQLite only; for PostgreSQL use --connection.");
        }

        var connection = connectionOption;
        var connectionSource = "--connection";
        foreach (var name in new[] { ConnectionVariable, WebConnectionVariable })
        {
            if (connection is null && dataOption is null && environment(name) is { } variable && !string.IsNullOrWhiteSpace(variable))
            {
                connection = variable;
                connectionSource = name;
            }
        }

        if (connection is not null && string.IsNullOrWhiteSpace(connection))
        {
            return Fail($"{connectionSource} 为空。", $"{connectionSource} is empty.");
        }

        return provider == DatabaseProvider.Postgres
            ? Postgres(connection, connectionSource)
            : Sqlite(connection, connectionSource, dataOption, currentDirectory);
    }

    /// <summary>
    /// The connection as a libpq URI for pg_dump and pg_restore: user, hosts, ports, database and a non-default
    /// sslmode, but never the password (pg_dump reads it from PGPASSWORD or ~/.pgpass).
    /// </summary>
    public string LibpqUri()
    {
        var builder = new NpgsqlConnectionStringBuilder(Target.ConnectionString);
        var uri = new StringBuilder("postgresql://");
        if (!string.IsNullOrEmpty(builder.Username))
        {
            uri.Append(Uri.EscapeDataString(builder.Username)).Append('@');
        }

        var hosts = (builder.Host ?? "localhost").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        uri.AppendJoin(',', hosts.Select(h => UriHost(h, builder.Port)));
        uri.Append('/');
        if (!string.IsNullOrEmpty(builder.Database))
        {
            uri.Append(Uri.EscapeDataString(builder.Database));
        }

        var sslMode = builder.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => null, // Prefer is libpq's default too
        };
        if (sslMode is not null)
        {
            uri.Append("?sslmode=").Append(sslMode);
        }

        return uri.ToString();
    }

    /// <summary><paramref name="message"/> with every occurrence of the connection's password masked.</summary>
    public string Redact(string message) => Redact(message, RawConnection);

    /// <summary><paramref name="message"/> with the password of <paramref name="connection"/> masked, whatever its key spelling.</summary>
    public static string Redact(string message, string? connection)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrEmpty(connection))
        {
            return message;
        }

        foreach (Match match in PasswordPattern().Matches(connection).Concat(UriPasswordPattern().Matches(connection)))
        {
            var value = match.Groups["value"].Value.Trim().Trim('"', '\'');
            if (value.Length > 0)
            {
                // Whole tokens only: a password "p" must not turn "supported" into "su***orted".
                message = Regex.Replace(message, $"(?<![\\p{{L}}\\p{{N}}]){Regex.Escape(value)}(?![\\p{{L}}\\p{{N}}])", "***", RegexOptions.CultureInvariant);
            }
        }

        return message;
    }

    private static (DatabaseSelection?, LocalizedText?) Sqlite(string? connection, string connectionSource, string? dataOption, string currentDirectory)
    {
        SqliteConnectionStringBuilder builder;
        if (connection is null)
        {
            var folder = Path.GetFullPath(dataOption ?? DefaultDataDirectory, currentDirectory);
            builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "formation.db"), DefaultTimeout = 30 };
        }
        else
        {
            try
            {
                builder = new SqliteConnectionStringBuilder(connection);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
            {
                var hint = LooksLikePostgres(connection) ? " (add --database postgres for PostgreSQL)" : "";
                var hintZh = LooksLikePostgres(connection) ? "（PostgreSQL 请加 --database postgres）" : "";
                return Fail(
                    $"{connectionSource} 不是有效的 SQLite 连接字符串{hintZh}：{Redact(ex.Message, connection)}",
                    $"{connectionSource} is not a SQLite connection string{hint}: {Redact(ex.Message, connection)}");
            }

            var source = builder.DataSource;
            if (string.IsNullOrWhiteSpace(source) || source == ":memory:" || builder.Mode == SqliteOpenMode.Memory ||
                source.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            {
                return Fail(
                    $"{connectionSource} 需要指明 SQLite 文件路径（Data Source=…）。",
                    $"{connectionSource} must name a SQLite file (Data Source=…).");
            }

            builder.DataSource = Path.GetFullPath(source, currentDirectory);
        }

        // The CLI opens a handful of connections and exits; pooled ones would keep the file open for nothing.
        builder.Pooling = false;
        var file = builder.DataSource;
        return (new DatabaseSelection(new DatabaseTarget(DatabaseProvider.Sqlite, builder.ToString()), $"SQLite {file}", file, builder.ToString()), null);
    }

    private static (DatabaseSelection?, LocalizedText?) Postgres(string? connection, string connectionSource)
    {
        if (connection is null)
        {
            return Fail(
                $"PostgreSQL 需要连接字符串：请使用 --connection 或环境变量 {ConnectionVariable}，例如 \"Host=db;Port=5432;Database=formation;Username=formation\"。",
                $"PostgreSQL needs a connection string: give --connection or set {ConnectionVariable}, e.g. \"Host=db;Port=5432;Database=formation;Username=formation\".");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connection);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            var uri = LooksLikeUri(connection);
            return Fail(
                $"{connectionSource} 不是有效的 Npgsql 连接字符串{(uri ? "（请使用 Host=…;Database=…;Username=… 形式，而不是 postgresql:// URI）" : "")}：{Redact(ex.Message, connection)}",
                $"{connectionSource} is not an Npgsql connection string{(uri ? " (use the Host=…;Database=…;Username=… form, not a postgresql:// URI)" : "")}: {Redact(ex.Message, connection)}");
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            return Fail($"{connectionSource} 缺少 Host=…。", $"{connectionSource} has no Host=….");
        }

        var description = string.Create(CultureInfo.InvariantCulture,
            $"PostgreSQL {(string.IsNullOrEmpty(builder.Username) ? "" : builder.Username + "@")}{builder.Host}:{builder.Port}/{builder.Database}");

        // Npgsql pools connections unless told otherwise, as it is left here: one command opens several in turn (the
        // organisation, the mapping, the import, the goals), and a pool hands the same one on instead of starting a
        // server process for each; CliApp clears the pools when the command ends. All of them carry the import's larger
        // write buffer (DatabaseTarget.BulkWriteBufferSize), so that the import shares the pool, and skip the type
        // catalogue a one-off command would load on every start (DatabaseTarget.LoadTypes).
        return (new DatabaseSelection(new DatabaseTarget(DatabaseProvider.Postgres, DatabaseTarget.WithBulkWriteBuffer(builder.ToString())) { LoadTypes = false }, description, null, connection), null);
    }

    private static string UriHost(string host, int port)
    {
        // Npgsql allows "host:port" per host in a list; an IPv6 address has several colons and may be bracketed.
        var ownPort = port;
        if (host.StartsWith('[') && host.IndexOf(']', StringComparison.Ordinal) is var close and > 0)
        {
            if (close + 1 < host.Length && host[close + 1] == ':' && int.TryParse(host[(close + 2)..], NumberStyles.None, CultureInfo.InvariantCulture, out var p))
            {
                ownPort = p;
            }

            return string.Create(CultureInfo.InvariantCulture, $"{host[..(close + 1)]}:{ownPort}");
        }

        if (host.Count(c => c == ':') > 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"[{host}]:{ownPort}");
        }

        var colon = host.LastIndexOf(':');
        if (colon > 0 && int.TryParse(host[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var hostPort))
        {
            host = host[..colon];
            ownPort = hostPort;
        }

        // A unix-socket directory becomes %2Fvar%2Frun%2Fpostgresql, as libpq expects.
        return string.Create(CultureInfo.InvariantCulture, $"{Uri.EscapeDataString(host)}:{ownPort}");
    }

    private static bool LooksLikeUri(string connection) =>
        connection.TrimStart().StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
        connection.TrimStart().StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    private static bool LooksLikePostgres(string connection) =>
        LooksLikeUri(connection) || connection.Contains("host=", StringComparison.OrdinalIgnoreCase) || connection.Contains("server=", StringComparison.OrdinalIgnoreCase);

    private static (DatabaseSelection?, LocalizedText?) Fail(string zh, string en) => (null, new LocalizedText(zh, en));

    [GeneratedRegex(@"(?:^|;)\s*(?:password|pwd)\s*=\s*(?<value>""[^""]*""|'[^']*'|[^;]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordPattern();

    [GeneratedRegex(@"://[^:/@\s]+:(?<value>[^@\s]+)@", RegexOptions.CultureInvariant)]
    private static partial Regex UriPasswordPattern();
}
