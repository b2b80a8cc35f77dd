using System.Buffers.Binary;

namespace Formation.Application.Features.Data;

/// <summary>
/// Complete campaign months of a PostgreSQL import, encoded (<see cref="SlotSums.Encode"/>) and set aside in a
/// temporary file until the import's rows have all been sent. Writing them to the database part-way would end the
/// one <c>COPY</c> the rows stream through (decision 0014); holding them in memory would grow with the file. The
/// file's name is removed as soon as it is open, so that nothing is left behind however the import ends.
/// </summary>
internal sealed class SlotSpill(string? folder = null) : IDisposable
{
    private const int HeaderBytes = 4 + 8 + 4;
    private readonly HashSet<(long Campaign, int Month)> _keys = [];
    private readonly byte[] _header = new byte[HeaderBytes];
    private FileStream? _file;
    private bool _unavailable;

    /// <summary>The campaign months set aside and not yet taken back.</summary>
    public int Count => _keys.Count;

    public bool Contains(long campaign, int month) => _keys.Contains((campaign, month));

    /// <summary>
    /// Sets a campaign month's slots aside; a month whose slots all come to zero has no row and is skipped. False when
    /// no temporary file can be made (a read-only or missing temporary folder): the caller then writes the month itself.
    /// </summary>
    public bool TryAdd(int month, long campaign, long[] slots)
    {
        ArgumentNullException.ThrowIfNull(slots);
        if (!slots.AsSpan().ContainsAnyExcept(0L))
        {
            return true;
        }

        if (_file is null && !TryCreate())
        {
            return false;
        }

        var value = SlotSums.Encode(slots);
        BinaryPrimitives.WriteInt32LittleEndian(_header, month);
        BinaryPrimitives.WriteInt64LittleEndian(_header.AsSpan(4), campaign);
        BinaryPrimitives.WriteInt32LittleEndian(_header.AsSpan(12), value.Length);
        _file!.Write(_header);
        _file.Write(value);
        _keys.Add((campaign, month));
        return true;
    }

    /// <summary>Reads back every month set aside, in the order added, and empties the file for more.</summary>
    public IEnumerable<(int Month, long Campaign, byte[] Value)> Drain()
    {
        if (_file is null || _keys.Count == 0)
        {
            yield break;
        }

        _file.Flush();
        _file.Position = 0;
        var header = new byte[HeaderBytes];
        while (_file.Position < _file.Length)
        {
            _file.ReadExactly(header);
            var value = new byte[BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12))];
            _file.ReadExactly(value);
            yield return (BinaryPrimitives.ReadInt32LittleEndian(header), BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(4)), value);
        }

        _file.SetLength(0);
        _keys.Clear();
    }

    /// <summary>Where the file was made (its name is removed at once where the system allows it).</summary>
    internal string? FilePath { get; private set; }

    public void Dispose() => _file?.Dispose();

    private bool TryCreate()
    {
        if (_unavailable)
        {
            return false;
        }

        _file = SpillFile.Create(folder, "formation-import", out var path);
        FilePath = path;
        _unavailable = _file is null;
        return _file is not null;
    }
}
