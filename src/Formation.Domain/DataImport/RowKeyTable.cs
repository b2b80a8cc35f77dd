namespace Formation.Domain.DataImport;

/// <summary>
/// The natural keys seen in one file, as 64-bit hashes, with the line that first had each and a 32-bit hash of its
/// numbers: 16 bytes a key in one flat array (open addressing, linear probing), so a lookup touches one cache line,
/// where a dictionary of the same needs over twice that and a doubling copy of it. A million rows cost 32 MB at most;
/// <see cref="Reserve"/> sizes the table once from an estimate so it need not double (and hold both copies) as it fills.
/// </summary>
internal sealed class RowKeyTable
{
    private const double MaxLoad = 0.7;

    private Entry[] _entries = new Entry[1 << 16];
    private int _count;

    /// <summary>Grows the table now to hold <paramref name="keys"/> keys without growing again.</summary>
    public void Reserve(int keys)
    {
        var size = _entries.Length;
        while (keys > size * MaxLoad && size < 1 << 30)
        {
            size *= 2;
        }

        if (size > _entries.Length)
        {
            Rehash(size);
        }
    }

    /// <summary>Adds the key; when it is already there returns false with the first line and its numbers' hash.</summary>
    public bool TryAdd(ulong key, int line, uint values, out int firstLine, out uint firstValues)
    {
        key = key == 0 ? 1 : key; // 0 marks an empty slot
        if (_count + 1 > _entries.Length * MaxLoad)
        {
            Grow();
        }

        var entries = _entries;
        var mask = entries.Length - 1;
        var slot = (int)(Mix(key) & (ulong)mask);
        while (entries[slot].Key != 0)
        {
            if (entries[slot].Key == key)
            {
                firstLine = entries[slot].Line;
                firstValues = entries[slot].Values;
                return false;
            }

            slot = (slot + 1) & mask;
        }

        entries[slot] = new Entry(key, line, values);
        _count++;
        firstLine = 0;
        firstValues = 0;
        return true;
    }

    private static ulong Mix(ulong key) => unchecked((key ^ (key >> 31)) * 0x9E3779B97F4A7C15UL) >> 7;

    private void Grow() => Rehash(_entries.Length * 2);

    private void Rehash(int size)
    {
        var old = _entries;
        _entries = new Entry[size];
        var mask = _entries.Length - 1;
        foreach (var entry in old)
        {
            if (entry.Key == 0)
            {
                continue;
            }

            var slot = (int)(Mix(entry.Key) & (ulong)mask);
            while (_entries[slot].Key != 0)
            {
                slot = (slot + 1) & mask;
            }

            _entries[slot] = entry;
        }
    }

    private readonly record struct Entry(ulong Key, int Line, uint Values);
}
