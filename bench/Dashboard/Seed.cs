using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Formation.Application.Data;

namespace Formation.Bench.Dashboard;

/// <summary>
/// The benchmark's database: one organisation, 10 channels, as many campaigns as the row count needs, three segments,
/// every day of 2023 to 2025, with the channel-day and campaign-month sums an import would have kept. Built with SQL
/// inside the database (the rows never cross into .NET) and kept for the next run.
/// </summary>
internal static class Seed
{
    private const int Channels = 10;
    private const string DaySumsMigration = "0008_campaign_slot_sums.sql";
    private static readonly string[] s_segments = ["desktop", "mobile", "tablet"];
    private static readonly DateOnly s_first = new(2023, 1, 1);
    private static readonly DateOnly s_last = new(2025, 12, 31);

    /// <summary>
    /// The organisation of the benchmark's database, built first unless a finished build of as many rows is there: on
    /// SQLite a marker file in the folder says so, on PostgreSQL the organisation's name.
    /// </summary>
    public static async Task<Guid> EnsureAsync(DatabaseTarget target, long rows, string folder)
    {
        var sqlite = target.Provider == DatabaseProvider.Sqlite;
        var name = $"Dashboard bench {rows}";
        var marker = Path.Combine(folder, $"built-{rows}");
        if (sqlite ? File.Exists(marker) : await PostgresBuiltAsync(target, name))
        {
            // A database built by an earlier version gets the migrations since, as a user's database would.
            await target.MigrateAsync(TimeProvider.System);
            return Guid.Parse(await ScalarAsync(target, "SELECT id FROM organizations LIMIT 1"), CultureInfo.InvariantCulture);
        }

        if (sqlite)
        {
            Directory.CreateDirectory(folder);
            foreach (var file in Directory.GetFiles(folder))
            {
                File.Delete(file);
            }
        }
        else
        {
            await RecreatePostgresAsync(target);
        }

        var watch = Stopwatch.StartNew();
        // The schema as it was before the campaign months' daily sums (0008): that migration computes them from the
        // daily rows once they are written below, as it does for a user's database.
        await using (var schema = target.CreateConnection())
        {
            await MigrationRunner.ApplyAsync(schema, target.Provider,
                [.. MigrationScript.Shipped(target.Provider).Where(m => string.CompareOrdinal(m.Id, DaySumsMigration) < 0)], TimeProvider.System);
        }

        var days = s_last.DayNumber - s_first.DayNumber + 1;
        var campaigns = (int)((rows + (days * s_segments.Length) - 1) / (days * s_segments.Length));
        Console.Error.WriteLine($"Building {rows:N0} daily rows ({days} days x {campaigns} campaigns x {s_segments.Length} segments) on {target.Provider}");

        var organization = Guid.NewGuid();
        var now = DateTime.UtcNow;
        await using (var schema = target.CreateConnection())
        {
            // By SQL, with the columns organisations have before 0008: the model's later ones (time_zone, 0010) are
            // not there yet.
            await schema.OpenAsync();
            await using var insert = schema.CreateCommand();
            insert.CommandText = "INSERT INTO organizations (id, name, currency, created_at) VALUES (@id, @name, 'CNY', @now)";
            insert.AddParameter("id", target.Provider.Id(organization));
            insert.AddParameter("name", name);
            insert.AddParameter("now", now);
            await insert.ExecuteNonQueryAsync();
        }

        await using (var db = target.CreateContext())
        {
            db.OrganizationId = organization;
            for (var c = 1; c <= Channels; c++)
            {
                // Some channels carry a module and a post; campaigns of the others bring their own or none.
                db.Channels.Add(new Channel { OrganizationId = organization, Id = c, Name = $"Channel {c:D2}", ModuleId = c % 2 == 0 ? $"module-{c % 4}" : null, PostId = c % 3 == 0 ? $"post-{c % 5}" : null, CreatedAt = now });
            }

            for (var c = 1; c <= campaigns; c++)
            {
                db.Campaigns.Add(new Campaign { OrganizationId = organization, Id = c, ChannelId = ((c - 1) % Channels) + 1, Name = $"Campaign {c:D5}", ModuleId = c % 7 == 0 ? $"module-{c % 6}" : null, PostId = c % 11 == 0 ? $"post-{c % 9}" : null, CreatedAt = now });
            }

            // The import the rows below are written as (import_id 1), recorded as an import would record it: a later
            // import into this database then takes the next id.
            db.Add(new MetricImport
            {
                OrganizationId = organization, Id = 1, FileName = "dashboard benchmark", MappingName = "formation-standard", StartedAt = now, FinishedAt = now,
                RowsWritten = (long)days * campaigns * s_segments.Length, FirstDay = s_first.DayNumber, LastDay = s_last.DayNumber,
            });
            await db.SaveChangesAsync();
        }

        await using var connection = target.CreateConnection();
        await connection.OpenAsync();
        // SQLite keeps the organisation's id as text, PostgreSQL as a uuid.
        object org = sqlite ? await ScalarAsync(connection, "SELECT id FROM organizations LIMIT 1") : organization;
        if (sqlite)
        {
            await ExecuteAsync(connection, null, "PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;");
        }

        await using var transaction = await connection.BeginTransactionAsync();
        var segments = string.Join(", ", s_segments.Select((s, i) => $"('{s}', {i + 1})"));
        string source;
        if (sqlite)
        {
            await ExecuteAsync(connection, transaction, $"""
                CREATE TEMP TABLE bench_days (day INTEGER PRIMARY KEY);
                WITH RECURSIVE d(n) AS (SELECT {s_first.DayNumber} UNION ALL SELECT n + 1 FROM d WHERE n < {s_last.DayNumber})
                INSERT INTO bench_days SELECT n FROM d;
                CREATE TEMP TABLE bench_segments (segment TEXT PRIMARY KEY, weight INTEGER NOT NULL) WITHOUT ROWID;
                INSERT INTO bench_segments VALUES {segments};
                """);
            source = "bench_days d CROSS JOIN campaigns c CROSS JOIN bench_segments s";
        }
        else
        {
            source = $"(SELECT generate_series({s_first.DayNumber}, {s_last.DayNumber}) AS day) d CROSS JOIN campaigns c CROSS JOIN (VALUES {segments}) AS s(segment, weight)";
        }

        // Pseudo-random but repeatable figures from (day, campaign, segment); written in key order.
        await ExecuteAsync(connection, transaction, $"""
            INSERT INTO metric_days (organization_id, day, campaign_id, segment, impressions, clicks, cost_e4, conversions,
                                     leads, orders, revenue_e4, import_id)
            SELECT @org, day, campaign, segment, impressions, clicks, clicks * (3000 + h * 10), clicks / 20, clicks / 15,
                   clicks / 50, (clicks / 50) * 1500000, 1
            FROM (SELECT day, campaign, segment, h, 500 + h * 3 AS impressions, (500 + h * 3) / 40 + h % 7 AS clicks
                  FROM (SELECT d.day AS day, c.id AS campaign, s.segment AS segment,
                               (d.day * 2654435761 + c.id * 40503 + s.weight * 9973) % 1000 AS h
                        FROM {source}
                        WHERE c.organization_id = @org
                        ORDER BY d.day, c.id, s.segment) AS keyed) AS figures
            """, org);
        Console.Error.WriteLine($"  daily rows written ({watch.Elapsed.TotalSeconds:F0} s)");
        if (!sqlite)
        {
            // Without statistics on the new rows the planner takes 10,000,000 rows for a few thousand and sorts on disk.
            await ExecuteAsync(connection, transaction, "ANALYZE metric_days; ANALYZE campaigns; SET LOCAL work_mem = '256MB';");
        }

        await ExecuteAsync(connection, transaction, $"""
            INSERT INTO metric_rollups
            SELECT m.organization_id, m.day, c.channel_id, count(*), sum(m.impressions), sum(m.clicks), sum(m.cost_e4),
                   sum(m.conversions), sum(m.leads), sum(m.orders), sum(m.revenue_e4)
            FROM metric_days m JOIN campaigns c ON c.organization_id = m.organization_id AND c.id = m.campaign_id
            WHERE m.organization_id = @org
            GROUP BY m.organization_id, m.day, c.channel_id;
            UPDATE campaigns SET first_day = @first, last_day = @last WHERE organization_id = @org;
            """, org);
        if (sqlite)
        {
            await ExecuteAsync(connection, transaction, "DROP TABLE bench_days; DROP TABLE bench_segments;");
        }

        await transaction.CommitAsync();
        Console.Error.WriteLine($"  sums written ({watch.Elapsed.TotalSeconds:F0} s)");
        await target.MigrateAsync(TimeProvider.System);
        // SQLite: fold the write-ahead log into the file. PostgreSQL: the statistics autovacuum would gather soon after.
        await ExecuteAsync(connection, null, sqlite ? "PRAGMA wal_checkpoint(TRUNCATE)" : "ANALYZE");
        Console.Error.WriteLine($"  campaign months' daily sums written, database ready ({watch.Elapsed.TotalSeconds:F0} s)");
        if (sqlite)
        {
            await File.WriteAllTextAsync(marker, "");
        }

        return organization;
    }

    /// <summary>True when the PostgreSQL database holds a finished build: the organisation is named for the row count and the last sums are written.</summary>
    private static async Task<bool> PostgresBuiltAsync(DatabaseTarget target, string name)
    {
        try
        {
            return await ScalarAsync(target, "SELECT name FROM organizations LIMIT 1") == name
                && await ScalarAsync(target, "SELECT count(*) FROM metric_campaign_year_months") != "0";
        }
        catch (DbException)
        {
            return false;
        }
    }

    /// <summary>Drops and creates the target's PostgreSQL database, through the server's postgres database.</summary>
    private static async Task RecreatePostgresAsync(DatabaseTarget target)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(target.ConnectionString);
        var database = builder.Database ?? throw new ArgumentException("The PostgreSQL connection string names no database.");
        builder.Database = "postgres";
        builder.Pooling = false;
        await using var admin = new Npgsql.NpgsqlConnection(builder.ConnectionString);
        await admin.OpenAsync();
        await ExecuteAsync(admin, null, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        await ExecuteAsync(admin, null, $"CREATE DATABASE \"{database}\"");
        // The drop ended the pooled connections of the check before; the pool must not hand them out again.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    /// <summary>The daily rows, counted from the channel-day sums.</summary>
    public static long RowCount(DatabaseTarget target) =>
        long.Parse(ScalarAsync(target, "SELECT coalesce(sum(rows), 0) FROM metric_rollups").GetAwaiter().GetResult(), CultureInfo.InvariantCulture);

    private static async Task<string> ScalarAsync(DatabaseTarget target, string sql)
    {
        await using var connection = target.CreateConnection();
        await connection.OpenAsync();
        return await ScalarAsync(connection, sql);
    }

    private static async Task<string> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, object? organization = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        if (organization is not null)
        {
            Add(command, "@org", organization);
            Add(command, "@first", s_first.DayNumber);
            Add(command, "@last", s_last.DayNumber);
        }

        await command.ExecuteNonQueryAsync();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
