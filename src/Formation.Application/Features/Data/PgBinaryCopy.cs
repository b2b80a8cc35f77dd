using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace Formation.Application.Features.Data;

/// <summary>
/// Writes rows to a PostgreSQL table through <c>COPY … FROM STDIN (FORMAT BINARY)</c>, encoding each field straight
/// into a buffer: a signature and two empty header fields; per row the field count, then each field as a big-endian
/// length (-1 for null) and value; a -1 trailer. Npgsql's own binary importer resolves a converter and runs an async
/// state machine for every cell, which cost several times the server's work; array parameters (<c>unnest</c>) cost a
/// type resolution the first time they are used in a process.
/// <see cref="End"/> sends the trailer and returns at once; disposing waits until the server has stored every row
/// (or, without <see cref="End"/>, abandons the copy, which fails the transaction).
/// </summary>
internal sealed class PgBinaryCopy : IDisposable
{
    /// <summary>Bytes held before they are sent.</summary>
    public const int BufferSize = 64 * 1024;

    private static readonly DateTime s_epoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly NpgsqlRawCopyStream _copy;
    private readonly byte[] _buffer;
    private int _at;
    private bool _ended;

    /// <param name="buffer">At least <see cref="BufferSize"/> bytes, reused across copies.</param>
    public PgBinaryCopy(NpgsqlConnection connection, string table, string columns, byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(buffer);
        _buffer = buffer;
        _copy = connection.BeginRawBinaryCopy($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)");
        ReadOnlySpan<byte> signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];
        signature.CopyTo(_buffer);
        _at = signature.Length;
        Raw32(0); // flags
        Raw32(0); // header extension length
    }

    /// <summary>Starts a row of <paramref name="fields"/> fields taking at most <paramref name="maxBytes"/> bytes with their lengths.</summary>
    public void Row(short fields, int maxBytes)
    {
        if (_buffer.Length - _at < maxBytes + 2)
        {
            Send();
        }

        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_at), fields);
        _at += 2;
    }

    /// <summary>A uuid field from its 16 bytes in network order.</summary>
    public void Uuid(ReadOnlySpan<byte> bigEndian)
    {
        Raw32(16);
        bigEndian.CopyTo(_buffer.AsSpan(_at));
        _at += 16;
    }

    public void Int32(int value)
    {
        Raw32(4);
        Raw32(value);
    }

    public void Int64(long value)
    {
        Raw32(8);
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_at), value);
        _at += 8;
    }

    /// <summary>A text or bytea field from its bytes (UTF-8 for text).</summary>
    public void Bytes(ReadOnlySpan<byte> value)
    {
        Raw32(value.Length);
        value.CopyTo(_buffer.AsSpan(_at));
        _at += value.Length;
    }

    /// <summary>A field of <paramref name="length"/> bytes, which the caller writes into the span returned.</summary>
    public Span<byte> Field(int length)
    {
        Raw32(length);
        var field = _buffer.AsSpan(_at, length);
        _at += length;
        return field;
    }

    /// <summary>A text field; at most <c>4 × text.Length</c> bytes.</summary>
    public void Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var length = Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_at + 4));
        Raw32(length);
        _at += length;
    }

    /// <summary>A timestamp with time zone: microseconds since 2000-01-01 UTC.</summary>
    public void Timestamp(DateTime utc)
    {
        Raw32(8);
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_at), (utc.ToUniversalTime() - s_epoch).Ticks / 10);
        _at += 8;
    }

    /// <summary>Sends what is buffered, so that the server has every row written so far; the copy stays open.</summary>
    public void Flush()
    {
        Send();
        _copy.Flush();
    }

    /// <summary>Sends the trailer and what is buffered; the server may still be storing rows when this returns.</summary>
    public void End()
    {
        if (_buffer.Length - _at < 2)
        {
            Send();
        }

        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_at), -1);
        _at += 2;
        Send();
        _ended = true;
    }

    /// <summary>Waits for the server to store the rows after <see cref="End"/>; otherwise abandons the copy.</summary>
    public void Dispose()
    {
        if (_ended)
        {
            _copy.Dispose();
            return;
        }

        // Abandoned because something failed: the transaction is lost either way, and that first failure is the one
        // to report, not the connection's complaint about the copy cut short.
        try
        {
            _copy.Cancel();
            _copy.Dispose();
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException or OperationCanceledException)
        {
        }
    }

    private void Send()
    {
        _copy.Write(_buffer, 0, _at);
        _at = 0;
    }

    private void Raw32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_at), value);
        _at += 4;
    }
}
