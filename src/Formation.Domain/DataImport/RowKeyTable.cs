namespace Formation.Domain.DataImport;

/// <summary>
/// The natural keys seen in one file, as 64-bit hashes, with the line that first had each and a 32-bit hash of its
/// numbers: 16 bytes a key in flat arrays (open addressing, linear probing), where a dictionary of the same needs
/// over twice that and a doubling copy of it. A million rows cost 32 MB at most.
/// </summary>
internal sealed class RowKeyTable
{
    private const double MaxLoad = 0.7;

    private ulong[] _keys = new ulong[1 << 16];
    private int[] _lines = new int[1 << 16];
    private uint[] _values = new uint[1 << 16];
    private int _count;

    /// <summary>Adds the key; when it is already there returns false with the first line and its numbers' hash.</summary>
    public bool TryAdd(ulong key, int line, uint values, out int firstLine, out uint firstValues)
    {
        key = key == 0 ? 1 : key; // 0 marks an empty slot
        if (_count + 1 > _keys.Length * MaxLoad)
        {
            Grow();
        }

        var mask = _keys.Length - 1;
        var slot = (int)(Mix(key) & (ulong)mask);
        while (_keys[slot] != 0)
        {
            if (_keys[slot] == key)
            {
                firstLine = _lines[slot];
                firstValues = _values[slot];
                return false;
            }

            slot = (slot + 1) & mask;
        }

        _keys[slot] = key;
        _lines[slot] = line;
        _values[slot] = values;
        _count++;
        firstLine = 0;
        firstValues = 0;
        return true;
    }

    private static ulong Mix(ulong key) => unchecked((key ^ (key >> 31)) * 0x9E3779B97F4A7C15UL) >> 7;

    private void Grow()
    {
        var (keys, lines, values) = (_keys, _lines, _values);
        _keys = new ulong[keys.Length * 2];
        _lines = new int[keys.Length * 2];
        _values = new uint[keys.Length * 2];
        var mask = _keys.Length - 1;
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] == 0)
            {
                continue;
            }

            var slot = (int)(Mix(keys[i]) & (ulong)mask);
            while (_keys[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _keys[slot] = keys[i];
            _lines[slot] = lines[i];
            _values[slot] = values[i];
        }
    }
}
