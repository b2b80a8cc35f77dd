using System.Data.Common;
using Formation.Application.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Formation.Application.Features.Data;

/// <summary>One row of a <see cref="SumRows"/> query, valid only inside the handler it is given to.</summary>
internal readonly ref struct SumRow
{
    private readonly sqlite3_stmt? _statement;
    private readonly DbDataReader? _reader;
    private readonly byte[][]? _buffer;

    public SumRow(sqlite3_stmt statement) => _statement = statement;

    /// <param name="reader">The reader, on the row.</param>
    /// <param name="buffer">One reusable buffer for <see cref="Bytes"/>, grown as needed.</param>
    public SumRow(DbDataReader reader, byte[][] buffer) => (_reader, _buffer) = (reader, buffer);

    public long Int64(int column) => _statement is not null ? raw.sqlite3_column_int64(_statement, column) : _reader!.GetInt64(column);

    public bool IsNull(int column) => _statement is not null ? raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL : _reader!.IsDBNull(column);

    public string Text(int column) => _statement is not null ? raw.sqlite3_column_text(_statement, column).utf8_to_string() : _reader!.GetString(column);

    /// <summary>A blob's bytes, valid until the next row: read into one buffer rather than an array per row.</summary>
    public ReadOnlySpan<byte> Bytes(int column)
    {
        if (_statement is not null)
        {
            return raw.sqlite3_column_blob(_statement, column);
        }

        var length = (int)_reader!.GetBytes(column, 0, null, 0, 0);
        if (_buffer![0].Length < length)
        {
            _buffer[0] = new byte[length];
        }

        var read = (int)_reader.GetBytes(column, 0, _buffer[0], 0, length);
        return _buffer[0].AsSpan(0, read);
    }
}

/// <summary>Handles one row of a <see cref="SumRows"/> query.</summary>
internal delegate void SumRowHandler(SumRow row);

/// <summary>
/// Runs the sums queries of <see cref="MetricQueries"/> on the context's connection and hands each row to a handler,
/// without EF Core's materialisation and, on SQLite, through SQLite's own interface: thousands of campaign rows per
/// page cost several times more through the ADO.NET layer's per-value work than SQLite's own reading. Parameters are
/// written <c>$1</c>, <c>$2</c>… on both databases.
/// </summary>
internal static class SumRows
{
    public static async Task ReadAsync(AppDbContext db, string sql, object[] parameters, SumRowHandler handle, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (connection is SqliteConnection sqlite)
            {
                ReadSqlite(sqlite, sql, parameters, handle);
                return;
            }

            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            foreach (var value in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            byte[][] buffer = [new byte[2048]];
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                handle(new SumRow(reader, buffer));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private static void ReadSqlite(SqliteConnection connection, string sql, object[] parameters, SumRowHandler handle)
    {
        var handleDb = connection.Handle!;
        Check(handleDb, raw.sqlite3_prepare_v2(handleDb, sql, out var statement));
        using (statement)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                var index = raw.sqlite3_bind_parameter_index(statement, "$" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (index == 0)
                {
                    continue; // the statement does not use this parameter
                }

                Check(handleDb, parameters[i] switch
                {
                    string text => raw.sqlite3_bind_text(statement, index, text),
                    int number => raw.sqlite3_bind_int(statement, index, number),
                    long number => raw.sqlite3_bind_int64(statement, index, number),
                    _ => throw new ArgumentException($"Parameter ${i + 1} is a {parameters[i]?.GetType().Name ?? "null"}; only text and integers are bound.", nameof(parameters)),
                });
            }

            int step;
            while ((step = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                handle(new SumRow(statement));
            }

            Check(handleDb, step);
        }
    }

    /// <summary>Throws SQLite's own message as a <see cref="SqliteException"/> unless <paramref name="rc"/> is OK, DONE or ROW.</summary>
    internal static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }
    }
}
