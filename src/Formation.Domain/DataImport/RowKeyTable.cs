namespace Formation.Domain.DataImport;

/// <summary>
/// The natural keys seen in one file, as 64-bit hashes, with the line that first had each and a 32-bit hash of its
/// numbers: 16 bytes a key in one flat array (open addressing, linear probing), so a lookup touches one cache line,
/// where a dictionary of the same needs over twice that and a doubling copy of it. The table is sized to the keys it
/// expects at three quarters full, not to a power of two (a slot is the high half of hash × size), so a million rows
/// cost 21–26 MB (the estimate keeps a fifth in hand), not 32; <see cref="Reserve"/> sizes it once from an estimate so it need not grow (and hold both
/// copies) as it fills.
/// </summary>
internal sealed class RowKeyTable
{
    private const double MaxLoad = 0.75;

    private Entry[] _entries = new Entry[1 << 16];
    private int _count;

    /// <summary>Grows the table now to hold <paramref name="keys"/> keys without growing again.</summary>
    public void Reserve(int keys)
    {
        var size = (int)Math.Min(Array.MaxLength, Math.Ceiling(keys / MaxLoad) + 1);
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
        var slot = Slot(key, entries.Length);
        while (entries[slot].Key != 0)
        {
            if (entries[slot].Key == key)
            {
                firstLine = entries[slot].Line;
                firstValues = entries[slot].Values;
                return false;
            }

            if (++slot == entries.Length)
            {
                slot = 0;
            }
        }

        entries[slot] = new Entry(key, line, values);
        _count++;
        firstLine = 0;
        firstValues = 0;
        return true;
    }

    /// <summary>The key's home slot in a table of <paramref name="size"/>: its mixed hash scaled to the size.</summary>
    private static int Slot(ulong key, int size)
    {
        var mixed = unchecked((key ^ (key >> 31)) * 0x9E3779B97F4A7C15UL);
        return (int)Math.BigMul(mixed, (ulong)size, out _);
    }

    private void Grow() => Rehash((int)Math.Min(Array.MaxLength, (long)_entries.Length * 2));

    private void Rehash(int size)
    {
        var old = _entries;
        _entries = new Entry[size];
        foreach (var entry in old)
        {
            if (entry.Key == 0)
            {
                continue;
            }

            var slot = Slot(entry.Key, size);
            while (_entries[slot].Key != 0)
            {
                if (++slot == size)
                {
                    slot = 0;
                }
            }

            _entries[slot] = entry;
        }
    }

    private readonly record struct Entry(ulong Key, int Line, uint Values);
}
