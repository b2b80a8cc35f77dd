using System.Runtime.CompilerServices;
namespace Formation.Domain.DataImport;

/// <summary>
/// Natural keys as 64-bit hashes, with the line that first had each and a 32-bit hash of its numbers: 16 bytes a key
/// in one flat array (open addressing, linear probing), so a lookup touches one cache line, where a dictionary of the
/// same needs over twice that. The table is sized to the keys it expects at three quarters full, not to a power of
/// two (a slot is the high half of hash × size), and doubles when it fills past that. <see cref="DayKeyTables"/>
/// keeps one per day of a file.
/// </summary>
internal sealed class RowKeyTable
{
    private const double MaxLoad = 0.75;

    private Entry[] _entries;
    private int _count;

    /// <param name="keys">The keys expected: the table holds them without growing.</param>
    public RowKeyTable(int keys = 49_152) => _entries = new Entry[SizeFor(Math.Max(keys, 12))];

    /// <summary>The keys added.</summary>
    public int Count => _count;

    private static int SizeFor(int keys) => (int)Math.Min(Array.MaxLength, Math.Ceiling(keys / MaxLoad) + 1);

    /// <summary>Adds the key; when it is already there returns false with the first line and its numbers' hash.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

/// <summary>
/// A file's keys in one <see cref="RowKeyTable"/> per day. Exports come in day order, so the keys being checked are
/// one day's few thousand, whose table stays in the processor's caches; one table of a million keys is touched at a
/// random place for every row, and on a virtual machine each such touch costs a cache and a translation miss (about
/// a third of reading a 1,000,000-row file). A new day's table is sized for as many keys as the day before had, so
/// the tables of a day-ordered file hardly ever grow; a file in any other order still works, its days' tables growing
/// as their keys come.
/// </summary>
internal sealed class DayKeyTables
{
    private readonly Dictionary<int, RowKeyTable> _days = [];
    private RowKeyTable? _current;
    private int _currentDay;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryAdd(int day, ulong key, int line, uint values, out int firstLine, out uint firstValues)
    {
        if (_current is null || day != _currentDay)
        {
            if (!_days.TryGetValue(day, out var table))
            {
                // Sized like the day before, up to a day of 65,536 keys: one huge day must not make every later one huge.
                table = new RowKeyTable(Math.Min(_current?.Count ?? 0, 65_536));
                _days[day] = table;
            }

            _current = table;
            _currentDay = day;
        }

        return _current.TryAdd(key, line, values, out firstLine, out firstValues);
    }
}
