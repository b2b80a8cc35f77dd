using System.Data.Common;
using System.Text.RegularExpressions;
using Formation.Application.Data;

namespace Formation.Application.Tests.Data;

/// <summary>
/// A database's structure as sorted lines — tables, columns with type and nullability, keys, indexes and
/// foreign keys — so two databases can be compared line by line. The migration history table and views (which EF
/// does not create from the model) are left out.
/// </summary>
internal static partial class SchemaSnapshot
{
    public static async Task<List<string>> ReadAsync(DbConnection connection, DatabaseProvider provider)
    {
        var lines = provider == DatabaseProvider.Sqlite ? await SqliteAsync(connection) : await PostgresAsync(connection);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<List<string>> SqliteAsync(DbConnection connection)
    {
        var lines = new List<string>();
        var tables = await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'");
        foreach (var table in tables.Select(r => r[0]))
        {
            lines.Add($"table {table}");
            foreach (var c in await QueryAsync(connection, $"PRAGMA table_info(\"{table}\")"))
            {
                lines.Add($"column {table}.{c[1]} {c[2]} notnull={c[3]} pk={c[5]}");
            }

            foreach (var i in await QueryAsync(connection, $"PRAGMA index_list(\"{table}\")"))
            {
                var columns = (await QueryAsync(connection, $"PRAGMA index_info(\"{i[1]}\")")).Select(r => r[2]);
                var name = i[1].StartsWith("sqlite_autoindex", StringComparison.Ordinal) ? "(key)" : i[1];
                lines.Add($"index {table} {name} unique={i[2]} origin={i[3]} ({string.Join(",", columns)})");
            }

            foreach (var f in await QueryAsync(connection, $"PRAGMA foreign_key_list(\"{table}\")"))
            {
                lines.Add($"fk {table}.{f[3]} -> {f[2]}.{f[4]} delete={f[6]}");
            }
        }

        return lines;
    }

    private static async Task<List<string>> PostgresAsync(DbConnection connection)
    {
        var lines = new List<string>();
        foreach (var c in await QueryAsync(connection, """
            SELECT table_name, column_name, data_type, coalesce(character_maximum_length::text, ''),
                   coalesce(numeric_precision::text, ''), coalesce(numeric_scale::text, ''), is_nullable
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_migrations'
              AND table_name NOT IN (SELECT table_name FROM information_schema.views WHERE table_schema = 'public')
            """))
        {
            lines.Add($"column {c[0]}.{c[1]} {c[2]}({c[3]}|{c[4]}|{c[5]}) nullable={c[6]}");
        }

        foreach (var k in await QueryAsync(connection, """
            SELECT tc.table_name, tc.constraint_name, tc.constraint_type, string_agg(kcu.column_name, ',' ORDER BY kcu.ordinal_position)
            FROM information_schema.table_constraints tc
            JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
            WHERE tc.table_schema = 'public' AND tc.table_name <> 'schema_migrations'
            GROUP BY tc.table_name, tc.constraint_name, tc.constraint_type
            """))
        {
            lines.Add($"constraint {k[0]} {k[1]} {k[2]} ({k[3]})");
        }

        foreach (var r in await QueryAsync(connection, """
            SELECT tc.constraint_name, rc.delete_rule, ccu.table_name, ccu.column_name
            FROM information_schema.table_constraints tc
            JOIN information_schema.referential_constraints rc ON rc.constraint_name = tc.constraint_name
            JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
            WHERE tc.table_schema = 'public' AND tc.constraint_type = 'FOREIGN KEY'
            """))
        {
            lines.Add($"references {r[0]} -> {r[2]}.{r[3]} delete={r[1]}");
        }

        foreach (var i in await QueryAsync(connection, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'schema_migrations'"))
        {
            lines.Add($"index {i[0]} {i[1]} {SchemaPrefix().Replace(i[2], "")}");
        }

        return lines;
    }

    private static async Task<List<string[]>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";
            }

            rows.Add(row);
        }

        return rows;
    }

    [GeneratedRegex(@"public\.")]
    private static partial Regex SchemaPrefix();
}
