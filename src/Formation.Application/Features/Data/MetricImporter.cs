using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Globalization;
using Formation.Application.Data;
using Formation.Domain.DataImport;
using Formation.Domain.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;

namespace Formation.Application.Features.Data;

/// <summary>
/// Reads an export through a mapping and writes its daily rows in one transaction (decision 0014): nothing is
/// visible until every row has passed, and a failed, refused or killed import leaves the database as it was. Rows
/// are keyed by (day, campaign, segment) and stored a month to a row per campaign and segment (decision 0021); a
/// day whose key exists replaces it, and days of the file's campaigns within the file's days that the file no
/// longer holds are removed, so importing the same file twice changes nothing and a corrected file replaces what it
/// covers. Each channel's daily sums and each campaign's monthly sums are kept up to date in the same transaction.
/// Memory stays flat: rows are gathered into month rows and written as the file moves past their month.
/// </summary>
public sealed class MetricImporter(DatabaseTarget target, TimeProvider clock)
{
    /// <summary>Rows read before they are written.</summary>
    public const int ChunkRows = 16_384;

    private const int SampleRows = 20;

    /// <summary>Campaign months whose deltas are held before they are written, by default (1.7 KB each).</summary>
    public const int DefaultMonthsHeld = 4_096;

    /// <summary>Campaign months whose changes are held in memory before they are written; tests lower it to write them often.</summary>
    internal int MonthsHeld { get; init; } = DefaultMonthsHeld;

    /// <summary>Month rows added to at a time (up to 1.8 KB each) before all are set aside; tests lower it to set them aside often.</summary>
    internal int OpenMonthRows { get; init; } = DefaultOpenMonthRows;

    /// <summary>Month rows (one per campaign, segment and month) added to at a time, by default.</summary>
    public const int DefaultOpenMonthRows = 4_096;

    /// <summary>Reads the whole file and reports what committing it would do (the same resolution of channels and campaigns as a commit); writes nothing.</summary>
    public ImportResult Preview(ITableSource source, ImportRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(request);
        using var connection = target.CreateConnection();
        connection.Open();
        using var session = new Session(connection, null, target.Provider, request.OrganizationId);
        var currency = session.Currency() ?? throw new ImportException(new("找不到该组织。", "No such organisation."));
        using var writer = new Writer(session, clock.GetUtcNow().UtcDateTime, MonthsHeld, OpenMonthRows);
        var reader = new MetricRowReader(source, request.Mapping, currency, request.Fixes);
        var sample = new List<MetricRecord>(SampleRows);
        var n = 0;
        while (reader.Next(out var record))
        {
            if ((++n & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(reader.Progress);
            }

            if (sample.Count < SampleRows)
            {
                sample.Add(record);
            }

            if (writer.Add(record) is { } full)
            {
                writer.Recycle(full); // resolved for the report of new channels and campaigns, never written
            }
        }

        progress?.Report(1);
        return Result(reader, committed: false, null, default, writer.FirstDay, writer.LastDay, [.. writer.NewChannels], [.. writer.NewCampaigns], sample);
    }

    /// <summary>
    /// Reads and writes the file in one transaction. When any value is rejected nothing is written and the result
    /// lists the problems; cancelling (or killing the process) rolls everything back.
    /// </summary>
    /// <exception cref="ImportException">The organisation does not exist.</exception>
    public ImportResult Commit(ITableSource source, ImportRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(request);
        using var connection = target.CreateBulkConnection();
        connection.Open();
        if (connection is SqliteConnection)
        {
            Execute(connection, null, "PRAGMA cache_size = -8192");
        }

        using var transaction = connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: false) : connection.BeginTransaction(IsolationLevel.ReadCommitted);
        using var session = new Session(connection, transaction, target.Provider, request.OrganizationId);
        session.LockOrganization();
        var currency = session.Currency() ?? throw new ImportException(new("找不到该组织。", "No such organisation."));
        using var writer = new Writer(session, clock.GetUtcNow().UtcDateTime, MonthsHeld, OpenMonthRows);
        var reader = new MetricRowReader(source, request.Mapping, currency, request.Fixes);

        // On SQLite, reading and checking the file runs on this thread while the rows read so far are gathered into
        // month rows and written on another: SQLite stores them in this process, so on two cores the import takes
        // about as long as the slower of the two. At most two chunks wait, so memory stays flat. PostgreSQL stores
        // them in its own process, which needs a core to itself: there the rows are written on this thread, which
        // spares the hand-over.
        using var queue = new BlockingCollection<Chunk>(boundedCapacity: 2);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? failure = null;
        var consumer = session.StreamsRows ? null : new Thread(() =>
        {
            try
            {
                foreach (var chunk in queue.GetConsumingEnumerable(stop.Token))
                {
                    writer.Write(chunk);
                    writer.Recycle(chunk);
                }
            }
#pragma warning disable CA1031 // handed to the reading thread, which rethrows it
            catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
#pragma warning restore CA1031
            {
                failure = ex;
                stop.Cancel();
            }
            catch (OperationCanceledException)
            {
            }
        })
        { IsBackground = true, Name = "metric import writer" };
        consumer?.Start();
        void Hand(Chunk chunk)
        {
            if (consumer is null)
            {
                writer.Write(chunk);
                writer.Recycle(chunk);
            }
            else
            {
                queue.Add(chunk, stop.Token);
            }
        }

        try
        {
            var n = 0;
            while (reader.Next(out var record))
            {
                if ((++n & 4095) == 0)
                {
                    stop.Token.ThrowIfCancellationRequested();
                    if (consumer is null)
                    {
                        session.RenewRows(); // reading a chunk of a slow source must not outlast the server's time-out
                    }
                }

                if (reader.ProblemCount > 0)
                {
                    continue; // the import will be refused: keep reading to report every problem, but write nothing more
                }

                if (writer.Add(record) is { } full)
                {
                    Hand(full);
                    progress?.Report(reader.Progress * 0.98);
                }
            }

            if (reader.Readable && reader.ProblemCount == 0 && writer.TakeChunk() is { } last)
            {
                Hand(last);
            }

            queue.CompleteAdding();
            consumer?.Join();
        }
        catch (OperationCanceledException) when (failure is not null)
        {
            consumer?.Join();
        }
        finally
        {
            if (consumer is { IsAlive: true })
            {
                stop.Cancel();
                consumer.Join();
            }
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (!reader.Readable || reader.ProblemCount > 0 || reader.AcceptedRows == 0)
        {
            session.AbandonRows();
            transaction.Rollback();
            progress?.Report(1);
            return Result(reader, committed: false, null, default, writer.FirstDay, writer.LastDay, [.. writer.NewChannels], [.. writer.NewCampaigns], []);
        }

        var counts = writer.Finish(request);
        transaction.Commit();
        progress?.Report(1);
        return Result(reader, committed: true, writer.ImportId, counts, writer.FirstDay, writer.LastDay, [.. writer.NewChannels], [.. writer.NewCampaigns], []);
    }

    private static ImportResult Result(
        MetricRowReader reader, bool committed, long? importId, (long Written, long Replaced, long Removed) counts, int first, int last,
        IReadOnlyList<string> newChannels, IReadOnlyList<string> newCampaigns, IReadOnlyList<MetricRecord> sample)
    {
        var problems = reader.Problems.ToList();
        var problemCount = reader.ProblemCount;
        if (reader.Readable && reader.AcceptedRows == 0 && problemCount == 0)
        {
            problems.Add(new ImportProblem(0, "", null, new("文件中没有可导入的数据行。", "The file has no rows to import."), null));
            problemCount = 1;
        }

        return new ImportResult(
            committed, importId, problems, problemCount, reader.AcceptedRows, reader.RejectedRows, reader.BlankRows, reader.SummaryRows,
            reader.DuplicateRows, reader.LeftOutRows, counts.Written, counts.Replaced, counts.Removed,
            first == int.MaxValue ? null : DateOnly.FromDayNumber(first), last == int.MinValue ? null : DateOnly.FromDayNumber(last),
            newChannels, newCampaigns, sample, reader.HeaderLine, reader.Header);
    }

    internal static void Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed class CampaignState(long id, long channelId, string name, int? firstDay, int? lastDay, bool isNew)
    {
        /// <summary>Open month rows past which a campaign's rows are looked up by segment rather than one by one.</summary>
        private const int ScanLimit = 16;

        public long Id { get; } = id;

        public long ChannelId { get; } = channelId;

        public string Name { get; } = name;

        /// <summary>Days some earlier import may have written (null: none).</summary>
        public int? PriorFirst { get; } = firstDay;

        public int? PriorLast { get; } = lastDay;

        public bool IsNew { get; } = isNew;

        public int FileFirst { get; set; } = int.MaxValue;

        public int FileLast { get; set; } = int.MinValue;

        /// <summary>The first day of the month whose rows are open (being added to), or <see cref="int.MaxValue"/> when none is.</summary>
        public int OpenMonth { get; set; } = int.MaxValue;

        /// <summary>The last day of the open month, or <see cref="int.MinValue"/>.</summary>
        public int OpenEnd { get; set; } = int.MinValue;

        /// <summary>Whether the open month may have stored rows: an earlier import's, or this one's from before the file came back to the month.</summary>
        public bool OpenStored { get; set; }

        /// <summary>The open month's rows, one per segment.</summary>
        public List<MonthRow> Open { get; } = [];

        /// <summary>Months whose rows this import has written: coming back to one means merging with what was written.</summary>
        public List<int>? Written { get; set; }

        /// <summary>Whether the writer lists the campaign among those with open rows.</summary>
        public bool Listed { get; set; }

        private Dictionary<string, MonthRow>? _bySegment;
        private int _cursor;

        public bool MayHave(int first, int last) => PriorFirst is { } f && PriorLast is { } l && first <= l && last >= f;

        /// <summary>
        /// The open row of <paramref name="segment"/>, or null. A campaign's rows of a day come in the same order of
        /// segments every day, so the row after the last one found is tried first.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public MonthRow? Find(string segment)
        {
            var open = Open;
            var n = open.Count;
            if (n == 0)
            {
                return null;
            }

            var i = _cursor + 1 < n ? _cursor + 1 : 0;
            var row = open[i];
            if (ReferenceEquals(row.Segment, segment) || string.Equals(row.Segment, segment, StringComparison.Ordinal))
            {
                _cursor = i;
                return row;
            }

            if (_bySegment is not null)
            {
                if (_bySegment.TryGetValue(segment, out row))
                {
                    _cursor = row.Index;
                    return row;
                }

                return null;
            }

            for (i = 0; i < n; i++)
            {
                row = open[i];
                if (string.Equals(row.Segment, segment, StringComparison.Ordinal))
                {
                    _cursor = i;
                    return row;
                }
            }

            return null;
        }

        public void AddOpen(MonthRow row)
        {
            row.Index = Open.Count;
            Open.Add(row);
            _cursor = row.Index;
            if (_bySegment is not null)
            {
                _bySegment[row.Segment] = row;
            }
            else if (Open.Count > ScanLimit)
            {
                _bySegment = Open.ToDictionary(r => r.Segment, StringComparer.Ordinal);
            }
        }

        /// <summary>Forgets the open rows (the caller has taken them), remembering their month if some were <paramref name="written"/>.</summary>
        public void CloseOpen(bool written)
        {
            Open.Clear();
            _bySegment = null;
            _cursor = 0;
            if (written)
            {
                Written ??= [];
                if (!Written.Contains(OpenMonth))
                {
                    Written.Add(OpenMonth);
                }
            }

            OpenMonth = int.MaxValue;
            OpenEnd = int.MinValue;
        }
    }

    private struct Sums
    {
        public long Rows;
        public long Impressions;
        public long Clicks;
        public long CostE4;
        public long Conversions;
        public long Leads;
        public long Orders;
        public long RevenueE4;

        public void Add(long sign, long rows, long impressions, long clicks, long cost, long conversions, long leads, long orders, long revenue)
        {
            Rows += sign * rows;
            Impressions += sign * impressions;
            Clicks += sign * clicks;
            CostE4 += sign * cost;
            Conversions += sign * conversions;
            Leads += sign * leads;
            Orders += sign * orders;
            RevenueE4 += sign * revenue;
        }
    }

    /// <summary>Rows read, handed to the writing thread (new channels and campaigns are inserted when the import finishes).</summary>
    private sealed class Chunk
    {
        public List<(MetricRecord Record, CampaignState Campaign)> Rows { get; } = new(ChunkRows);
    }

    /// <summary>
    /// Resolves rows to campaigns on the reading thread (<see cref="Add"/>) and gathers chunks into month rows on the
    /// writing thread (<see cref="Write"/>); <see cref="Finish"/> writes what is left, merges what must meet stored
    /// rows and writes the sums, after both have stopped.
    /// </summary>
    /// <remarks>Its per-row methods, and the session's, are compiled optimised on first call, as the reader's are (decision 0018).</remarks>
    private sealed class Writer : IDisposable
    {
        private readonly Session _session;

        /// <summary>On PostgreSQL, the complete months of new campaigns, set aside until the rows are all sent.</summary>
        private readonly SlotSpill? _spill;
        private readonly DateTime _now;
        private readonly Dictionary<string, long> _channels;
        private readonly Dictionary<(long Channel, string Name), CampaignState> _campaigns;
        private readonly Dictionary<(long Channel, int Day), Sums> _deltas = [];
        private readonly Dictionary<(long Campaign, int Month), long[]> _months = [];

        /// <summary>Campaign months already written by this import: writing one again adds to what was written.</summary>
        private readonly HashSet<(long Campaign, int Month)> _monthsWritten = [];
        private readonly long _firstNewCampaign;
        private readonly long _firstNewChannel;
        private string? _lastChannelName;
        private string? _lastCampaignName;
        private CampaignState? _lastCampaign;
        private readonly int _monthsHeld;
        private int _monthOfDay = int.MinValue;
        private int _monthStart;
        private int _yearStart;
        private int _monthOfYear;
        private readonly Dictionary<(long Campaign, int Year), long[]> _years = [];
        private readonly HashSet<(long Campaign, int Year)> _yearsWritten = [];
        private readonly ConcurrentBag<Chunk> _spare = [];
        private Chunk _chunk = new();
        private long _nextChannel;
        private long _nextCampaign;
        private long _written;
        private long _replaced;
        private long _removed;
        private readonly Dictionary<long, long> _channelOf = [];

        /// <summary>Month rows being added to, at most <see cref="_maxOpen"/>, and the campaigns holding them.</summary>
        private int _open;
        private readonly int _maxOpen;
        private readonly List<CampaignState> _openCampaigns = [];

        /// <summary>Month rows written, kept for reuse.</summary>
        private readonly Stack<MonthRow> _spareRows = new();

        /// <summary>Month rows set aside to be put together and merged with stored ones once the file has been read.</summary>
        private readonly MonthRowSpill _merges = new();

        /// <summary>Whether more rows were open than <see cref="_maxOpen"/> allows, so that every closed row is set aside.</summary>
        private bool _settingAside;

        public Writer(Session session, DateTime now, int monthsHeld, int maxOpen)
        {
            _monthsHeld = monthsHeld;
            _maxOpen = maxOpen;
            _session = session;
            _spill = session.StreamsRows ? new SlotSpill() : null;
            _now = now;
            _channels = session.Channels();
            _campaigns = session.Campaigns();
            _nextChannel = _channels.Count == 0 ? 1 : _channels.Values.Max() + 1;
            _nextCampaign = _campaigns.Count == 0 ? 1 : _campaigns.Values.Max(c => c.Id) + 1;
            _firstNewCampaign = _nextCampaign;
            _firstNewChannel = _nextChannel;
            ImportId = session.NextImportId();
            foreach (var campaign in _campaigns.Values)
            {
                _channelOf[campaign.Id] = campaign.ChannelId;
            }
        }

        public long ImportId { get; }

        public int FirstDay { get; private set; } = int.MaxValue;

        public int LastDay { get; private set; } = int.MinValue;

        public SortedSet<string> NewChannels { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> NewCampaigns { get; } = new(StringComparer.Ordinal);

        /// <summary>Adds a row; returns the chunk when it is full.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public Chunk? Add(in MetricRecord record)
        {
            var day = record.Day.DayNumber;
            FirstDay = Math.Min(FirstDay, day);
            LastDay = Math.Max(LastDay, day);
            var campaign = Resolve(record);
            campaign.FileFirst = Math.Min(campaign.FileFirst, day);
            campaign.FileLast = Math.Max(campaign.FileLast, day);
            _chunk.Rows.Add((record, campaign));
            return _chunk.Rows.Count >= ChunkRows ? TakeChunk() : null;
        }

        /// <summary>The rows not yet handed over (null when none).</summary>
        public Chunk? TakeChunk()
        {
            if (_chunk.Rows.Count == 0)
            {
                return null;
            }

            var full = _chunk;
            _chunk = _spare.TryTake(out var spare) ? spare : new Chunk();
            return full;
        }

        /// <summary>Gives a written chunk back for reuse: its list is large-object-heap sized, which only a full collection frees.</summary>
        public void Recycle(Chunk chunk)
        {
            chunk.Rows.Clear();
            _spare.Add(chunk);
        }

        /// <remarks>
        /// The chunk's rows are added to their month rows (one per campaign, segment and month); the rows its campaigns
        /// have moved on from are written. On PostgreSQL they stream through one <c>COPY</c>, which any other statement
        /// ends (the server then finishes storing what was sent before it runs that statement): so the sums are written
        /// only when too many are held, and month rows that may meet stored ones are set aside until the file is read.
        /// </remarks>
        public void Write(Chunk chunk)
        {
            Gather(chunk);
            _session.SendMonthRows(() => AddDeltas(chunk));
            _written += chunk.Rows.Count;
            if (_months.Count + _years.Count < _monthsHeld)
            {
                return;
            }

            // Exports come in day order: the months before this chunk's first day are complete and go first (on
            // PostgreSQL those of new campaigns are set aside, leaving the rows' copy open).
            var firstMonth = chunk.Rows.Min(r => MonthOf(r.Record.Day.DayNumber));
            WriteMonths(k => k.Month < firstMonth, years: false, setAside: true);
            if (_months.Count + _years.Count >= _monthsHeld)
            {
                WriteMonths(_ => true, years: true);
            }
        }

        /// <summary>
        /// Adds each row to its month row. A campaign's row in another month than its open one closes the open month's
        /// rows: exports come in day order, or campaign by campaign, so a month is seldom come back to (and when it is,
        /// the new rows are merged with those written). When too many rows are open (a file of many segments), all are
        /// closed and written, so memory stays flat.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Gather(Chunk chunk)
        {
            foreach (ref readonly var row in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(chunk.Rows))
            {
                ref readonly var r = ref row.Record;
                var campaign = row.Campaign;
                var day = r.Day.DayNumber;
                if (day < campaign.OpenMonth || day > campaign.OpenEnd)
                {
                    OpenMonth(campaign, day);
                }

                var month = campaign.Find(r.Segment);
                if (month is null)
                {
                    if (_open >= _maxOpen)
                    {
                        // From now on month rows come in parts, set aside to be put together once the file is read.
                        _settingAside = true;
                        CloseAll();
                        OpenMonth(campaign, day);
                    }

                    month = OpenRow(campaign, r.Segment);
                }

                month.Add(day - campaign.OpenMonth, r);
            }
        }

        private void OpenMonth(CampaignState campaign, int day)
        {
            if (campaign.Open.Count > 0)
            {
                Close(campaign);
            }

            var date = DateOnly.FromDayNumber(day);
            var first = new DateOnly(date.Year, date.Month, 1).DayNumber;
            campaign.OpenMonth = first;
            campaign.OpenEnd = first + DateTime.DaysInMonth(date.Year, date.Month) - 1;
            campaign.OpenStored = campaign.MayHave(first, campaign.OpenEnd) || (campaign.Written?.Contains(first) ?? false);
        }

        private MonthRow OpenRow(CampaignState campaign, string segment)
        {
            var row = (_spareRows.TryPop(out var spare) ? spare : new MonthRow(_settingAside ? 4 : 31)).Reset(campaign.Id, segment, campaign.OpenMonth, campaign.OpenStored);
            campaign.AddOpen(row);
            _open++;
            if (!campaign.Listed)
            {
                campaign.Listed = true;
                _openCampaigns.Add(campaign);
            }

            return row;
        }

        /// <summary>
        /// Writes a campaign's open month rows that no stored row can share a key with at once (on PostgreSQL into the
        /// rows' copy), and sets the others aside for <see cref="MergeStored"/>, as every row once memory has run
        /// short; the rows are then free for reuse.
        /// </summary>
        private void Close(CampaignState campaign)
        {
            var written = false;
            foreach (var row in campaign.Open)
            {
                if (row.Stored || _settingAside)
                {
                    _merges.Add(row);
                }
                else
                {
                    _session.AddMonthRow(row, ImportId);
                    written = true;
                }

                _spareRows.Push(row);
            }

            _open -= campaign.Open.Count;
            campaign.CloseOpen(written);
        }

        private void CloseAll()
        {
            foreach (var campaign in _openCampaigns)
            {
                if (campaign.Open.Count > 0)
                {
                    Close(campaign);
                }

                campaign.Listed = false;
            }

            _openCampaigns.Clear();
        }

        /// <summary>Adds the chunk's rows to the deltas of their channel days, campaign months and campaign years.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void AddDeltas(Chunk chunk)
        {
            // Rows of one campaign and day come together (one per segment): their sums go to the day, month and year once.
            CampaignState? runCampaign = null;
            var runDay = 0;
            var runRows = 0L;
            (long Impressions, long Clicks, long Cost, long Conversions, long Leads, long Orders, long Revenue) run = default;
            foreach (ref readonly var row in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(chunk.Rows))
            {
                ref readonly var r = ref row.Record;
                var campaign = row.Campaign;
                var day = r.Day.DayNumber;
                if (!ReferenceEquals(campaign, runCampaign) || day != runDay)
                {
                    if (runCampaign is not null)
                    {
                        Delta(runCampaign.Id, runCampaign.ChannelId, runDay, 1, runRows, run);
                    }

                    (runCampaign, runDay, runRows, run) = (campaign, day, 0, default);
                }

                runRows++;
                run = checked((run.Impressions + r.Impressions, run.Clicks + r.Clicks, run.Cost + r.CostE4, run.Conversions + r.Conversions,
                    run.Leads + r.Leads, run.Orders + r.Orders, run.Revenue + r.RevenueE4));
            }

            if (runCampaign is not null)
            {
                Delta(runCampaign.Id, runCampaign.ChannelId, runDay, 1, runRows, run);
            }
        }

        /// <summary>
        /// Adds the deltas gathered so far of the campaign months <paramref name="which"/> picks to their sums and
        /// daily sums, and of every campaign year when <paramref name="years"/> is set, and forgets them: a file in day
        /// order holds only a month or two of campaigns at a time, so memory stays flat whatever the file's length.
        /// </summary>
        private void WriteMonths(Func<(long Campaign, int Month), bool> which, bool years, bool setAside = false)
        {
            var months = _months.Where(m => which(m.Key)).Select(m => (m.Key.Month, m.Key.Campaign, m.Value)).ToList();
            var written = new List<(int Period, long Campaign, long[] Slots, bool MayExist)>(months.Count);
            foreach (var (month, campaign, slots) in months)
            {
                var mayExist = campaign < _firstNewCampaign || _monthsWritten.Contains((campaign, month));
                if (!setAside || _spill is null || mayExist || !_spill.TryAdd(month, campaign, slots))
                {
                    written.Add((month, campaign, slots, mayExist));
                }
            }

            // A month set aside that got more rows since (a file out of day order) is added to what was set aside,
            // which must be in the database by then.
            if (_spill is { Count: > 0 } && written.Exists(w => _spill.Contains(w.Campaign, w.Period)))
            {
                ApplySpill();
            }

            _session.ApplySlotSums("metric_campaign_month_days", "month", "days", written);
            foreach (var (month, campaign, _) in months)
            {
                _monthsWritten.Add((campaign, month));
                _months.Remove((campaign, month));
            }

            if (!years)
            {
                return;
            }

            _session.ApplySlotSums("metric_campaign_year_months", "year", "months",
                [.. _years.Select(y => (y.Key.Year, y.Key.Campaign, y.Value, y.Key.Campaign < _firstNewCampaign || _yearsWritten.Contains(y.Key)))]);
            foreach (var key in _years.Keys)
            {
                _yearsWritten.Add(key);
            }

            _years.Clear();
        }

        public (long Written, long Replaced, long Removed) Finish(ImportRequest request)
        {
            var touched = _campaigns.Values.Where(c => c.FileFirst != int.MaxValue).ToList();
            CloseAll();
            _spareRows.Clear();
            MergeStored();
            ClearStale([.. touched.Where(c => c.MayHave(FirstDay, LastDay)).Select(c => c.Id)]);

            foreach (var (name, id) in _channels.Where(c => c.Value >= _firstNewChannel).OrderBy(c => c.Value))
            {
                _session.InsertChannel(id, name, _now);
            }

            _session.ApplyRollups(_deltas.Select(d => (d.Key.Day, d.Key.Channel, d.Value)), channel => channel < _firstNewChannel);
            ApplySpill();
            WriteMonths(_ => true, years: true);
            _session.InsertCampaigns([.. touched.Where(c => c.IsNew)], _now);
            _session.WidenCampaigns([.. touched.Where(c => !c.IsNew).Select(c => (c.Id, Math.Min(c.FileFirst, c.PriorFirst ?? int.MaxValue), Math.Max(c.FileLast, c.PriorLast ?? int.MinValue)))]);

            _session.InsertImport(ImportId, request, _now, _written, _replaced, _removed, FirstDay, LastDay);
            return (_written, _replaced, _removed);
        }

        public void Dispose()
        {
            _spill?.Dispose();
            _merges.Dispose();
        }

        /// <summary>
        /// Puts the month rows set aside together, a partition of keys at a time, and writes each key once (decision
        /// 0014): a key no stored row can have is inserted; the others are merged with the stored row, 2,048 at a time.
        /// A stored row of an earlier import loses its days within the file's first and last day (those the file holds
        /// are replaced, the others removed) and keeps the rest; one this import wrote before the file came back to its
        /// month gains the new days.
        /// </summary>
        private void MergeStored()
        {
            const int Batch = 2048;
            var fresh = new MonthRow();
            for (var partition = 0; partition < MonthRowSpill.Partitions; partition++)
            {
                var keys = new Dictionary<(int Month, long Campaign, string Segment), (int Present, long[] Days, bool Stored)>();
                foreach (var (month, campaign, segment, present, stored, mayBeStored) in _merges.Read(partition))
                {
                    ref var row = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(keys, (month, campaign, segment), out var exists);
                    if (!exists)
                    {
                        row = (0, new long[31 * MonthRow.Metrics], false);
                    }

                    // The reader lets a key through once per file, so the parts of a month share no day.
                    row.Present |= present;
                    row.Stored |= mayBeStored;
                    MonthRow.Decode(stored, present, row.Days);
                }

                var batch = new Dictionary<(int Month, long Campaign, string Segment), (int Present, long[] Days)>(Batch);
                foreach (var (key, row) in keys)
                {
                    if (row.Stored)
                    {
                        batch[key] = (row.Present, row.Days);
                        if (batch.Count >= Batch)
                        {
                            MergeBatch(batch);
                        }
                    }
                }

                if (batch.Count > 0)
                {
                    MergeBatch(batch);
                }

                foreach (var (key, row) in keys)
                {
                    if (!row.Stored)
                    {
                        fresh.Reset(key.Campaign, key.Segment, key.Month, stored: false).Load(row.Present, row.Days);
                        _session.AddMonthRow(fresh, ImportId);
                    }
                }
            }
        }

        private void MergeBatch(Dictionary<(int Month, long Campaign, string Segment), (int Present, long[] Days)> batch)
        {
            var old = new long[31 * MonthRow.Metrics];
            foreach (var (month, campaign, segment, present, stored, importId) in _session.ReadMonthRows([.. batch.Keys]))
            {
                ref var row = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(batch, (month, campaign, segment));
                Array.Clear(old);
                MonthRow.Decode(stored, present, old);
                // An earlier import's days within the file's range are replaced where the file has the day, else
                // removed; this import's own days (written before the file came back to the month) are kept.
                var cleared = importId == ImportId ? 0 : present & MonthRow.DaysWithin(month, FirstDay, LastDay);
                _replaced += System.Numerics.BitOperations.PopCount((uint)(cleared & row.Present));
                _removed += System.Numerics.BitOperations.PopCount((uint)(cleared & ~row.Present));

                TakeAway(campaign, month, cleared, old);
                var kept = present & ~cleared;
                if ((kept & row.Present) != 0)
                {
                    // Only this import's own rows are merged without clearing, and a file holds each key once.
                    throw new InvalidOperationException(
                        $"Stored month {month} of campaign {campaign}, segment \"{segment}\", already has days this import brings again (import {importId}).");
                }

                for (var bits = (uint)kept; bits != 0; bits &= bits - 1)
                {
                    var at = System.Numerics.BitOperations.TrailingZeroCount(bits) * MonthRow.Metrics;
                    old.AsSpan(at, MonthRow.Metrics).CopyTo(row.Days.AsSpan(at));
                }

                row.Present |= kept;
            }

            _session.UpsertMonthRows([.. batch.Select(b => (b.Key.Month, b.Key.Campaign, b.Key.Segment, b.Value.Present, MonthRow.Encode(b.Value.Present, b.Value.Days)))], ImportId);
            batch.Clear();
            WriteMonthsIfMany();
        }

        /// <summary>Writes the campaign months' and years' sums held when there are too many (the sums taken away at the end of a re-import).</summary>
        private void WriteMonthsIfMany()
        {
            if (_months.Count + _years.Count >= _monthsHeld)
            {
                WriteMonths(_ => true, years: true);
            }
        }

        /// <summary>
        /// Removes from the stored rows of <paramref name="campaigns"/> that this import did not write (the file holds
        /// no day of their campaign, segment and month) their days within the file's first and last day.
        /// </summary>
        private void ClearStale(List<long> campaigns)
        {
            if (campaigns.Count == 0)
            {
                return;
            }

            var first = MonthOf(FirstDay);
            var last = MonthOf(LastDay);
            var after = (Month: int.MinValue, Campaign: long.MinValue, Segment: "");
            var days = new long[31 * MonthRow.Metrics];
            while (true)
            {
                var page = _session.ReadStaleMonthRows(campaigns, first, last, ImportId, after);
                if (page.Count == 0)
                {
                    return;
                }

                var changed = new List<(int Month, long Campaign, string Segment, int Present, byte[] Days)>();
                foreach (var (month, campaign, segment, present, stored, _) in page)
                {
                    after = (month, campaign, segment);
                    var cleared = present & MonthRow.DaysWithin(month, FirstDay, LastDay);
                    if (cleared == 0)
                    {
                        continue;
                    }

                    Array.Clear(days);
                    MonthRow.Decode(stored, present, days);
                    _removed += System.Numerics.BitOperations.PopCount((uint)cleared);
                    TakeAway(campaign, month, cleared, days);
                    changed.Add((month, campaign, segment, present & ~cleared, MonthRow.Encode(present & ~cleared, days)));
                }

                _session.UpsertMonthRows([.. changed.Where(c => c.Present != 0)], ImportId);
                _session.DeleteMonthRows([.. changed.Where(c => c.Present == 0).Select(c => (c.Month, c.Campaign, c.Segment))]);
                WriteMonthsIfMany();
            }
        }

        /// <summary>Takes the days <paramref name="cleared"/> of a stored month row away from the sums.</summary>
        private void TakeAway(long campaign, int month, int cleared, long[] days)
        {
            for (var bits = (uint)cleared; bits != 0; bits &= bits - 1)
            {
                var slot = System.Numerics.BitOperations.TrailingZeroCount(bits);
                var d = days.AsSpan(slot * MonthRow.Metrics, MonthRow.Metrics);
                Delta(campaign, _channelOf[campaign], month + slot, -1, 1, (d[0], d[1], d[2], d[3], d[4], d[5], d[6]));
            }
        }

        /// <summary>Copies the months set aside to the database.</summary>
        private void ApplySpill()
        {
            if (_spill is { Count: > 0 })
            {
                _session.CopySlotSums("metric_campaign_month_days", "month", "days", _spill.Drain());
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private CampaignState Resolve(in MetricRecord record)
        {
            // A campaign's rows come together (one per segment), and the reader hands out one string per name, so
            // the same strings as the row before mean the same campaign.
            if (ReferenceEquals(record.Campaign, _lastCampaignName) && ReferenceEquals(record.Channel, _lastChannelName))
            {
                return _lastCampaign!;
            }

            _lastCampaign = Find(record);
            _lastChannelName = record.Channel;
            _lastCampaignName = record.Campaign;
            return _lastCampaign;
        }

        private CampaignState Find(in MetricRecord record)
        {
            if (!_channels.TryGetValue(record.Channel, out var channelId))
            {
                channelId = _nextChannel++;
                _channels[record.Channel] = channelId;
                NewChannels.Add(record.Channel);
            }

            if (!_campaigns.TryGetValue((channelId, record.Campaign), out var campaign))
            {
                campaign = new CampaignState(_nextCampaign++, channelId, record.Campaign, null, null, isNew: true);
                _campaigns[(channelId, record.Campaign)] = campaign;
                lock (_channelOf)
                {
                    _channelOf[campaign.Id] = channelId;
                }
                if (NewCampaigns.Count < 1000)
                {
                    NewCampaigns.Add($"{record.Channel} / {record.Campaign}");
                }
            }

            return campaign;
        }

        /// <summary>Adds (<paramref name="sign"/> 1) or takes away (-1) the sums of <paramref name="rows"/> daily rows of one campaign and day to or from its channel's day and its campaign's month and year.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Delta(long campaign, long channel, int day, long sign, long rows, (long Impressions, long Clicks, long Cost, long Conversions, long Leads, long Orders, long Revenue) v)
        {
            ref var sums = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_deltas, (channel, day), out _);
            sums.Add(sign, rows, v.Impressions, v.Clicks, v.Cost, v.Conversions, v.Leads, v.Orders, v.Revenue);
            var monthStart = MonthOf(day);
            ref var month = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_months, (campaign, monthStart), out _);
            month ??= new long[SlotSums.DaySlots * SlotSums.Metrics];
            AddToSlot(month, day - monthStart, sign, v);
            ref var year = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_years, (campaign, _yearStart), out _);
            year ??= new long[SlotSums.MonthSlots * SlotSums.Metrics];
            AddToSlot(year, _monthOfYear, sign, v);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void AddToSlot(long[] slots, int slot, long sign, (long Impressions, long Clicks, long Cost, long Conversions, long Leads, long Orders, long Revenue) v)
        {
            var sums = slots.AsSpan(slot * SlotSums.Metrics, SlotSums.Metrics);
            sums[0] += sign * v.Impressions;
            sums[1] += sign * v.Clicks;
            sums[2] += sign * v.Cost;
            sums[3] += sign * v.Conversions;
            sums[4] += sign * v.Leads;
            sums[5] += sign * v.Orders;
            sums[6] += sign * v.Revenue;
        }

        /// <summary>
        /// The day number of the first day of the calendar month holding <paramref name="day"/>, and of its year in
        /// <c>_yearStart</c> with the month's slot in <c>_monthOfYear</c> (rows come in day order, so the last answer is kept).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int MonthOf(int day)
        {
            if (day != _monthOfDay)
            {
                var date = DateOnly.FromDayNumber(day);
                _monthOfDay = day;
                _monthStart = new DateOnly(date.Year, date.Month, 1).DayNumber;
                _yearStart = new DateOnly(date.Year, 1, 1).DayNumber;
                _monthOfYear = date.Month - 1;
            }

            return _monthStart;
        }
    }

    /// <summary>The SQL of one import on one connection and transaction; the same statements on both databases except the bulk write.</summary>
    private sealed class Session(DbConnection connection, DbTransaction? transaction, DatabaseProvider provider, Guid organizationId) : IDisposable
    {
        private readonly Dictionary<string, byte[]> _utf8 = new(StringComparer.Ordinal);
        private const string MonthColumns = "organization_id, month, campaign_id, segment, present, days, import_id";

        /// <summary>The most UTF-8 bytes of a segment: 200 characters (the reader's limit) of up to 3 bytes each (a surrogate pair is 4 bytes for 2).</summary>
        private const int MaxSegmentBytes = 600;
        private sqlite3_stmt? _insertMonth;
        private byte[]? _copyBuffer;

        /// <summary>The copy the rows stream through on PostgreSQL, open from the first chunk until another statement runs.</summary>
        private PgBinaryCopy? _rows;

        /// <summary>When the rows' copy was opened (<see cref="Environment.TickCount64"/>).</summary>
        private long _rowsSince;

        /// <summary>
        /// How many milliseconds the rows' copy may stay open: half the server's <c>statement_timeout</c>, which counts
        /// the whole copy as one statement; 0 when the server has none.
        /// </summary>
        private long _rowsForMs;

        /// <summary>The organisation id as PostgreSQL's binary format has it.</summary>
        private readonly byte[] _uuid = organizationId.ToByteArray(bigEndian: true);

        private object Org => provider.Id(organizationId);

        /// <summary>
        /// Whether the server stores the rows in its own process, fed through a copy that any other statement ends
        /// (PostgreSQL); SQLite stores them in this one.
        /// </summary>
        public bool StreamsRows => provider == DatabaseProvider.Postgres;

        public void LockOrganization()
        {
            if (provider == DatabaseProvider.Postgres)
            {
                // One import per organisation at a time: ids of new channels, campaigns and imports are max + 1. The
                // server's statement time-out, if it has one, bounds how long the rows' copy may stay open.
                using var command = Command(
                    "SELECT pg_advisory_xact_lock(hashtextextended(@o::text, 0)), " +
                    "(extract(epoch FROM current_setting('statement_timeout')::interval) * 1000)::bigint");
                using var reader = command.ExecuteReader();
                reader.Read();
                _rowsForMs = reader.GetInt64(1) / 2;
            }
        }

        public string? Currency()
        {
            using var command = Command("SELECT currency FROM organizations WHERE id = @o");
            return command.ExecuteScalar() as string;
        }

        public Dictionary<string, long> Channels()
        {
            var channels = new Dictionary<string, long>(StringComparer.Ordinal);
            using var command = Command("SELECT id, name FROM channels WHERE organization_id = @o");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                channels[reader.GetString(1)] = reader.GetInt64(0);
            }

            return channels;
        }

        public Dictionary<(long Channel, string Name), CampaignState> Campaigns()
        {
            var campaigns = new Dictionary<(long, string), CampaignState>();
            using var command = Command("SELECT id, channel_id, name, first_day, last_day FROM campaigns WHERE organization_id = @o");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var state = new CampaignState(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetInt32(4), isNew: false);
                campaigns[(state.ChannelId, state.Name)] = state;
            }

            return campaigns;
        }

        public long NextImportId()
        {
            using var command = Command("SELECT COALESCE(MAX(id), 0) + 1 FROM metric_imports WHERE organization_id = @o");
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        public void InsertChannel(long id, string name, DateTime now)
        {
            using var command = Command("INSERT INTO channels (organization_id, id, name, created_at) VALUES (@o, @id, @name, @now)");
            command.AddParameter("id", id);
            command.AddParameter("name", name);
            command.AddParameter("now", now);
            command.ExecuteNonQuery();
        }

        /// <summary>Inserts the import's new campaigns with the first and last day it gives them: on PostgreSQL by one copy, on SQLite one prepared insert each.</summary>
        public void InsertCampaigns(List<CampaignState> campaigns, DateTime now)
        {
            if (campaigns.Count == 0)
            {
                return;
            }

            if (provider == DatabaseProvider.Postgres)
            {
                using var copy = Copy("campaigns", "organization_id, id, channel_id, name, first_day, last_day, created_at");
                foreach (var campaign in campaigns)
                {
                    copy.Row(7, (7 * 4) + 16 + 8 + 8 + (campaign.Name.Length * 4) + 4 + 4 + 8);
                    copy.Uuid(_uuid);
                    copy.Int64(campaign.Id);
                    copy.Int64(campaign.ChannelId);
                    copy.Text(campaign.Name);
                    copy.Int32(campaign.FileFirst);
                    copy.Int32(campaign.FileLast);
                    copy.Timestamp(now);
                }

                copy.End();
                return;
            }

            using var command = Command("INSERT INTO campaigns (organization_id, id, channel_id, name, first_day, last_day, created_at) VALUES (@o, @id, @channel, @name, @first, @last, @now)");
            command.AddParameter("id", 0L);
            command.AddParameter("channel", 0L);
            command.AddParameter("name", "");
            command.AddParameter("first", 0);
            command.AddParameter("last", 0);
            command.AddParameter("now", now);
            command.Prepare();
            foreach (var campaign in campaigns)
            {
                command.Parameters[1].Value = campaign.Id;
                command.Parameters[2].Value = campaign.ChannelId;
                command.Parameters[3].Value = campaign.Name;
                command.Parameters[4].Value = campaign.FileFirst;
                command.Parameters[5].Value = campaign.FileLast;
                command.ExecuteNonQuery();
            }
        }

        /// <summary>
        /// Writes a month row that no stored row shares a key with: on PostgreSQL into the copy to metric_months
        /// (<see cref="PgBinaryCopy"/>) that the rows before opened, or a new one, sent when its buffer is full or by
        /// <see cref="SendMonthRows"/>; on SQLite at once.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void AddMonthRow(MonthRow row, long importId)
        {
            if (provider == DatabaseProvider.Postgres)
            {
                const int MaxRow = (7 * 4) + 16 + 4 + 8 + MaxSegmentBytes + 4 + MonthRow.MaxBytes + 8;
                RenewRows();
                if (_rows is null)
                {
                    _rows = new PgBinaryCopy((NpgsqlConnection)connection, "metric_months", MonthColumns, _copyBuffer ??= new byte[PgBinaryCopy.BufferSize]);
                    _rowsSince = Environment.TickCount64;
                }

                var copy = _rows;
                copy.Row(7, MaxRow);
                copy.Uuid(_uuid);
                copy.Int32(row.Month);
                copy.Int64(row.Campaign);
                copy.Bytes(Utf8(row.Segment));
                copy.Int32(row.Present);
                row.Encode(copy.Field(row.StoredLength));
                copy.Int64(importId);
                return;
            }

            _insertMonth ??= PrepareInsertMonth(importId);
            Span<byte> value = stackalloc byte[MonthRow.MaxBytes];
            var length = row.StoredLength;
            row.Encode(value[..length]);
            raw.sqlite3_bind_int(_insertMonth, 2, row.Month);
            raw.sqlite3_bind_int64(_insertMonth, 3, row.Campaign);
            raw.sqlite3_bind_text(_insertMonth, 4, Utf8(row.Segment));
            raw.sqlite3_bind_int(_insertMonth, 5, row.Present);
            raw.sqlite3_bind_blob(_insertMonth, 6, value[..length]);
            var step = raw.sqlite3_step(_insertMonth);
            raw.sqlite3_reset(_insertMonth);
            if (step != raw.SQLITE_DONE)
            {
                Check(step);
            }
        }

        /// <summary>
        /// Sends the month rows added so far and runs <paramref name="meanwhile"/>: PostgreSQL is still storing them
        /// then, so client work done there costs no time (on SQLite they are stored already). The copy stays open, and
        /// no round trip separates one chunk's rows from the next, unless it has been open for longer than the
        /// server's statement time-out allows.
        /// </summary>
        public void SendMonthRows(Action meanwhile)
        {
            _rows?.Flush();
            meanwhile();
            RenewRows();
        }

        /// <summary>
        /// Ends the rows' copy when it has been open for half the server's statement time-out, which counts the whole
        /// copy as one statement; the next rows go in a new one. Checked between chunks, before each month row, and
        /// every 4,096 rows read.
        /// </summary>
        public void RenewRows()
        {
            if (_rows is not null && _rowsForMs > 0 && Environment.TickCount64 - _rowsSince > _rowsForMs)
            {
                EndRows();
            }
        }

        private sqlite3_stmt PrepareInsertMonth(long importId)
        {
            Check(raw.sqlite3_prepare_v2(((SqliteConnection)connection).Handle, $"INSERT INTO metric_months ({MonthColumns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", out var statement));
            Check(raw.sqlite3_bind_text(statement, 1, (string)Org));
            Check(raw.sqlite3_bind_int64(statement, 7, importId));
            return statement;
        }

        /// <summary>The stored month rows of the keys given, with the import that last wrote each.</summary>
        public List<(int Month, long Campaign, string Segment, int Present, byte[] Days, long ImportId)> ReadMonthRows(List<(int Month, long Campaign, string Segment)> keys)
        {
            var rows = new List<(int, long, string, int, byte[], long)>();
            if (provider == DatabaseProvider.Postgres)
            {
                // Each key is looked up through the primary key: joined to the array, the planner takes it for a hundred
                // rows and may scan the whole table for each batch. OFFSET 0 keeps the lookup a lookup.
                using var many = Command(
                    "SELECT m.month, m.campaign_id, m.segment, m.present, m.days, m.import_id " +
                    "FROM unnest(@months, @campaigns, @segments) AS u(month, campaign_id, segment) " +
                    "CROSS JOIN LATERAL (SELECT * FROM metric_months x WHERE x.organization_id = @o AND x.month = u.month " +
                    "AND x.campaign_id = u.campaign_id AND x.segment = u.segment OFFSET 0) AS m");
                AddKeyArrays(many, keys);
                ReadMonthRows(many, rows);
                return rows;
            }

            using var one = KeyCommand("SELECT month, campaign_id, segment, present, days, import_id FROM metric_months");
            foreach (var key in keys)
            {
                SetKey(one, key);
                ReadMonthRows(one, rows);
            }

            return rows;
        }

        /// <summary>
        /// Up to 2,048 stored month rows of <paramref name="campaigns"/> in months <paramref name="first"/> to
        /// <paramref name="last"/> that another import wrote, in key order after <paramref name="after"/>.
        /// </summary>
        public List<(int Month, long Campaign, string Segment, int Present, byte[] Days, long ImportId)> ReadStaleMonthRows(
            List<long> campaigns, int first, int last, long importId, (int Month, long Campaign, string Segment) after)
        {
            var list = string.Join(",", campaigns.Select(c => c.ToString(CultureInfo.InvariantCulture)));
            using var command = Command(
                "SELECT month, campaign_id, segment, present, days, import_id FROM metric_months " +
                $"WHERE organization_id = @o AND month BETWEEN @first AND @last AND import_id <> @import AND campaign_id IN ({list}) " +
                "AND (month, campaign_id, segment) > (@month, @campaign, @segment) ORDER BY month, campaign_id, segment LIMIT 2048");
            command.AddParameter("first", first);
            command.AddParameter("last", last);
            command.AddParameter("import", importId);
            command.AddParameter("month", after.Month);
            command.AddParameter("campaign", after.Campaign);
            command.AddParameter("segment", after.Segment);
            var rows = new List<(int, long, string, int, byte[], long)>();
            ReadMonthRows(command, rows);
            return rows;
        }

        /// <summary>The keys of month rows as the arrays <c>@months</c>, <c>@campaigns</c> and <c>@segments</c> (PostgreSQL).</summary>
        private static void AddKeyArrays(DbCommand command, List<(int Month, long Campaign, string Segment)> keys)
        {
            command.AddParameter("months", keys.Select(k => k.Month).ToArray());
            command.AddParameter("campaigns", keys.Select(k => k.Campaign).ToArray());
            command.AddParameter("segments", keys.Select(k => k.Segment).ToArray());
        }

        /// <summary><paramref name="sql"/> restricted to one month row by key, prepared; <see cref="SetKey"/> gives the key (SQLite).</summary>
        private DbCommand KeyCommand(string sql)
        {
            var command = Command(sql + " WHERE organization_id = @o AND month = @month AND campaign_id = @campaign AND segment = @segment");
            command.AddParameter("month", 0);
            command.AddParameter("campaign", 0L);
            command.AddParameter("segment", "");
            command.Prepare();
            return command;
        }

        private static void SetKey(DbCommand command, (int Month, long Campaign, string Segment) key)
        {
            command.Parameters[1].Value = key.Month;
            command.Parameters[2].Value = key.Campaign;
            command.Parameters[3].Value = key.Segment;
        }

        private static void ReadMonthRows(DbCommand command, List<(int, long, string, int, byte[], long)> rows)
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetInt32(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt32(3), reader.GetFieldValue<byte[]>(4), reader.GetInt64(5)));
            }
        }

        /// <summary>Writes month rows over the stored ones of the same key, or as new ones.</summary>
        public void UpsertMonthRows(List<(int Month, long Campaign, string Segment, int Present, byte[] Days)> rows, long importId)
        {
            if (rows.Count == 0)
            {
                return;
            }

            const string upsert = "ON CONFLICT (organization_id, month, campaign_id, segment) DO UPDATE SET present = excluded.present, days = excluded.days, import_id = excluded.import_id";
            if (provider == DatabaseProvider.Postgres)
            {
                using var many = Command($"INSERT INTO metric_months ({MonthColumns}) SELECT @o, u.*, @import FROM unnest(@months, @campaigns, @segments, @presents, @days) AS u " + upsert);
                many.AddParameter("import", importId);
                AddKeyArrays(many, [.. rows.Select(r => (r.Month, r.Campaign, r.Segment))]);
                many.AddParameter("presents", rows.Select(r => r.Present).ToArray());
                many.AddParameter("days", rows.Select(r => r.Days).ToArray());
                many.ExecuteNonQuery();
                return;
            }

            using var one = Command($"INSERT INTO metric_months ({MonthColumns}) VALUES (@o, @month, @campaign, @segment, @present, @days, @import) " + upsert);
            one.AddParameter("month", 0);
            one.AddParameter("campaign", 0L);
            one.AddParameter("segment", "");
            one.AddParameter("present", 0);
            one.AddParameter("days", Array.Empty<byte>());
            one.AddParameter("import", importId);
            one.Prepare();
            foreach (var (month, campaign, segment, present, days) in rows)
            {
                one.Parameters[1].Value = month;
                one.Parameters[2].Value = campaign;
                one.Parameters[3].Value = segment;
                one.Parameters[4].Value = present;
                one.Parameters[5].Value = days;
                one.ExecuteNonQuery();
            }
        }

        public void DeleteMonthRows(List<(int Month, long Campaign, string Segment)> keys)
        {
            if (keys.Count == 0)
            {
                return;
            }

            if (provider == DatabaseProvider.Postgres)
            {
                using var many = Command("DELETE FROM metric_months m USING unnest(@months, @campaigns, @segments) AS u(month, campaign_id, segment) " +
                    "WHERE m.organization_id = @o AND m.month = u.month AND m.campaign_id = u.campaign_id AND m.segment = u.segment");
                AddKeyArrays(many, keys);
                many.ExecuteNonQuery();
                return;
            }

            using var one = KeyCommand("DELETE FROM metric_months");
            foreach (var key in keys)
            {
                SetKey(one, key);
                one.ExecuteNonQuery();
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private byte[] Utf8(string text)
        {
            if (_utf8.TryGetValue(text, out var bytes))
            {
                return bytes;
            }

            bytes = System.Text.Encoding.UTF8.GetBytes(text);
            if (_utf8.Count < 10_000)
            {
                _utf8[text] = bytes;
            }

            return bytes;
        }

        private void Check(int rc) => SumRows.Check(((SqliteConnection)connection).Handle!, rc);

        public void Dispose()
        {
            _insertMonth?.Dispose();
            AbandonRows();
        }

        /// <summary>Abandons rows still being copied, which fails the transaction: for a refused or failed import.</summary>
        public void AbandonRows()
        {
            _rows?.Dispose();
            _rows = null;
        }

        /// <summary>Ends the copy of the rows, if one is open, and waits for the server to have stored them: the connection is free again.</summary>
        private void EndRows()
        {
            if (_rows is { } rows)
            {
                _rows = null;
                rows.End();
                rows.Dispose();
            }
        }

        /// <summary>
        /// Adds the deltas to each channel's daily sums (<c>metric_rollups</c>), and deletes the sums no row is left in;
        /// <paramref name="mayExist"/> tells the channels that may have sums already (the others' are copied).
        /// </summary>
        public void ApplyRollups(IEnumerable<(int Period, long Id, Sums Sums)> deltas, Func<long, bool> mayExist)
        {
            const string table = "metric_rollups", period = "day", id = "channel_id";
            var update = $"ON CONFLICT (organization_id, {period}, {id}) DO UPDATE SET rows = {table}.rows + excluded.rows, " +
                $"impressions = {table}.impressions + excluded.impressions, clicks = {table}.clicks + excluded.clicks, " +
                $"cost_e4 = {table}.cost_e4 + excluded.cost_e4, conversions = {table}.conversions + excluded.conversions, " +
                $"leads = {table}.leads + excluded.leads, orders = {table}.orders + excluded.orders, revenue_e4 = {table}.revenue_e4 + excluded.revenue_e4";
            using var empty = Command($"DELETE FROM {table} WHERE organization_id = @o AND rows = 0");
            var changed = deltas.Where(d => d.Sums is not { Rows: 0, Impressions: 0, Clicks: 0, CostE4: 0, Conversions: 0, Leads: 0, Orders: 0, RevenueE4: 0 }).ToList();

            // Only rows taken away (a re-import) can leave sums of no row; a first import need not look for them.
            var removesRows = changed.Any(d => d.Sums.Rows < 0);
            if (provider == DatabaseProvider.Postgres)
            {
                // Sums whose id cannot have any yet (a channel new in this import) are copied; the others merged in
                // one statement: thousands of them would otherwise cost a round trip each.
                var fresh = changed.Where(d => !mayExist(d.Id)).ToList();
                if (fresh.Count > 0)
                {
                    using var copy = Copy(table, $"organization_id, {period}, {id}, rows, impressions, clicks, cost_e4, conversions, leads, orders, revenue_e4");
                    foreach (var (key, keyId, sums) in fresh)
                    {
                        copy.Row(11, (11 * 4) + 16 + 4 + (9 * 8));
                        copy.Uuid(_uuid);
                        copy.Int32(key);
                        copy.Int64(keyId);
                        copy.Int64(sums.Rows);
                        copy.Int64(sums.Impressions);
                        copy.Int64(sums.Clicks);
                        copy.Int64(sums.CostE4);
                        copy.Int64(sums.Conversions);
                        copy.Int64(sums.Leads);
                        copy.Int64(sums.Orders);
                        copy.Int64(sums.RevenueE4);
                    }

                    copy.End();
                    changed = [.. changed.Where(d => mayExist(d.Id))];
                }

                if (changed.Count == 0)
                {
                    return;
                }

                using var many = Command(
                    $"INSERT INTO {table} (organization_id, {period}, {id}, rows, impressions, clicks, cost_e4, conversions, leads, orders, revenue_e4) " +
                    "SELECT @o, u.* FROM unnest(@period, @id, @rows, @i1, @i2, @i3, @i4, @i5, @i6, @i7) AS u " + update);
                many.AddParameter("period", changed.Select(d => d.Period).ToArray());
                many.AddParameter("id", changed.Select(d => d.Id).ToArray());
                many.AddParameter("rows", changed.Select(d => d.Sums.Rows).ToArray());
                many.AddParameter("i1", changed.Select(d => d.Sums.Impressions).ToArray());
                many.AddParameter("i2", changed.Select(d => d.Sums.Clicks).ToArray());
                many.AddParameter("i3", changed.Select(d => d.Sums.CostE4).ToArray());
                many.AddParameter("i4", changed.Select(d => d.Sums.Conversions).ToArray());
                many.AddParameter("i5", changed.Select(d => d.Sums.Leads).ToArray());
                many.AddParameter("i6", changed.Select(d => d.Sums.Orders).ToArray());
                many.AddParameter("i7", changed.Select(d => d.Sums.RevenueE4).ToArray());
                many.ExecuteNonQuery();
                if (removesRows)
                {
                    empty.ExecuteNonQuery();
                }

                return;
            }

            // SQLite: one prepared statement stepped through SQLite's own interface, as for the rows (thousands of
            // executions through ADO.NET cost a quarter of a second).
            Check(raw.sqlite3_prepare_v2(((SqliteConnection)connection).Handle,
                $"INSERT INTO {table} (organization_id, {period}, {id}, rows, impressions, clicks, cost_e4, conversions, leads, orders, revenue_e4) " +
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) " + update, out var statement));
            using (statement)
            {
                Check(raw.sqlite3_bind_text(statement, 1, (string)Org));
                foreach (var (key, keyId, s) in changed)
                {
                    raw.sqlite3_bind_int(statement, 2, key);
                    raw.sqlite3_bind_int64(statement, 3, keyId);
                    raw.sqlite3_bind_int64(statement, 4, s.Rows);
                    raw.sqlite3_bind_int64(statement, 5, s.Impressions);
                    raw.sqlite3_bind_int64(statement, 6, s.Clicks);
                    raw.sqlite3_bind_int64(statement, 7, s.CostE4);
                    raw.sqlite3_bind_int64(statement, 8, s.Conversions);
                    raw.sqlite3_bind_int64(statement, 9, s.Leads);
                    raw.sqlite3_bind_int64(statement, 10, s.Orders);
                    raw.sqlite3_bind_int64(statement, 11, s.RevenueE4);
                    var step = raw.sqlite3_step(statement);
                    raw.sqlite3_reset(statement);
                    Check(step);
                }
            }

            if (removesRows)
            {
                empty.ExecuteNonQuery();
            }
        }

        /// <summary>Copies encoded slot sums of periods that have none stored yet (PostgreSQL).</summary>
        public void CopySlotSums(string table, string period, string column, IEnumerable<(int Period, long Campaign, byte[] Value)> rows)
        {
            using var copy = Copy(table, $"organization_id, {period}, campaign_id, {column}");
            foreach (var (key, campaign, value) in rows)
            {
                copy.Row(4, (4 * 4) + 16 + 4 + 8 + value.Length);
                copy.Uuid(_uuid);
                copy.Int32(key);
                copy.Int64(campaign);
                copy.Bytes(value);
            }

            copy.End();
        }

        /// <summary>
        /// Adds deltas slot by slot to stored sums keyed by (organisation, <paramref name="period"/>, campaign): each
        /// campaign month's days in <c>metric_campaign_month_days</c>, each campaign year's months in
        /// <c>metric_campaign_year_months</c> (<see cref="SlotSums"/>). Only what may exist is read first (a campaign
        /// known before the import, or a period this import already wrote), so a first import reads nothing; a period
        /// whose slots all come to zero is deleted.
        /// </summary>
        public void ApplySlotSums(string table, string period, string column, List<(int Period, long Campaign, long[] Slots, bool MayExist)> deltas)
        {
            var mayExist = deltas.Where(d => d.MayExist).ToList();
            if (deltas.Count == 0)
            {
                return;
            }

            if (mayExist.Count > 0)
            {
                var byKey = mayExist.ToDictionary(d => (d.Period, d.Campaign), d => d.Slots);
                using var read = Command($"SELECT {period}, campaign_id, {column} FROM {table} WHERE organization_id = @o AND {period} BETWEEN @first AND @last");
                read.AddParameter("first", mayExist.Min(d => d.Period));
                read.AddParameter("last", mayExist.Max(d => d.Period));
                using var reader = read.ExecuteReader();
                while (reader.Read())
                {
                    if (byKey.TryGetValue((reader.GetInt32(0), reader.GetInt64(1)), out var slots))
                    {
                        SlotSums.AddTo(slots, reader.GetFieldValue<byte[]>(2));
                    }
                }
            }

            var kept = deltas.Where(d => d.Slots.AsSpan().ContainsAnyExcept(0L)).ToList();
            var emptied = mayExist.Where(d => !d.Slots.AsSpan().ContainsAnyExcept(0L)).ToList();
            var upsert = $"ON CONFLICT (organization_id, {period}, campaign_id) DO UPDATE SET {column} = excluded.{column}";
            if (provider == DatabaseProvider.Postgres)
            {
                // Periods that cannot exist yet (every one of a first import) are copied; the others merged.
                var fresh = kept.Where(d => !d.MayExist).ToList();
                if (fresh.Count > 0)
                {
                    CopySlotSums(table, period, column, fresh.Select(d => (d.Period, d.Campaign, SlotSums.Encode(d.Slots))));
                }

                var merged = kept.Where(d => d.MayExist).ToList();
                if (merged.Count > 0)
                {
                    using var many = Command($"INSERT INTO {table} (organization_id, {period}, campaign_id, {column}) " +
                        "SELECT @o, u.* FROM unnest(@periods, @campaigns, @sums) AS u " + upsert);
                    many.AddParameter("periods", merged.Select(d => d.Period).ToArray());
                    many.AddParameter("campaigns", merged.Select(d => d.Campaign).ToArray());
                    many.AddParameter("sums", merged.Select(d => SlotSums.Encode(d.Slots)).ToArray());
                    many.ExecuteNonQuery();
                }

                if (emptied.Count > 0)
                {
                    using var delete = Command($"DELETE FROM {table} t USING unnest(@periods, @campaigns) AS u(period, campaign_id) " +
                        $"WHERE t.organization_id = @o AND t.{period} = u.period AND t.campaign_id = u.campaign_id");
                    delete.AddParameter("periods", emptied.Select(d => d.Period).ToArray());
                    delete.AddParameter("campaigns", emptied.Select(d => d.Campaign).ToArray());
                    delete.ExecuteNonQuery();
                }

                return;
            }

            var handle = ((SqliteConnection)connection).Handle;
            Check(raw.sqlite3_prepare_v2(handle, $"INSERT INTO {table} (organization_id, {period}, campaign_id, {column}) VALUES (?1, ?2, ?3, ?4) " + upsert, out var insert));
            using (insert)
            {
                Check(raw.sqlite3_bind_text(insert, 1, (string)Org));
                foreach (var (key, campaign, slots, _) in kept)
                {
                    raw.sqlite3_bind_int(insert, 2, key);
                    raw.sqlite3_bind_int64(insert, 3, campaign);
                    raw.sqlite3_bind_blob(insert, 4, SlotSums.Encode(slots));
                    var step = raw.sqlite3_step(insert);
                    raw.sqlite3_reset(insert);
                    Check(step);
                }
            }

            Check(raw.sqlite3_prepare_v2(handle, $"DELETE FROM {table} WHERE organization_id = ?1 AND {period} = ?2 AND campaign_id = ?3", out var remove));
            using (remove)
            {
                Check(raw.sqlite3_bind_text(remove, 1, (string)Org));
                foreach (var (key, campaign, _, _) in emptied)
                {
                    raw.sqlite3_bind_int(remove, 2, key);
                    raw.sqlite3_bind_int64(remove, 3, campaign);
                    var step = raw.sqlite3_step(remove);
                    raw.sqlite3_reset(remove);
                    Check(step);
                }
            }
        }

        /// <summary>Records the first and last day each campaign has rows for (one statement on PostgreSQL).</summary>
        public void WidenCampaigns(List<(long Id, int First, int Last)> campaigns)
        {
            if (campaigns.Count == 0)
            {
                return;
            }

            if (provider == DatabaseProvider.Postgres)
            {
                using var many = Command(
                    "UPDATE campaigns SET first_day = u.first, last_day = u.last FROM unnest(@ids, @firsts, @lasts) AS u(id, first, last) " +
                    "WHERE campaigns.organization_id = @o AND campaigns.id = u.id");
                many.AddParameter("ids", campaigns.Select(c => c.Id).ToArray());
                many.AddParameter("firsts", campaigns.Select(c => c.First).ToArray());
                many.AddParameter("lasts", campaigns.Select(c => c.Last).ToArray());
                many.ExecuteNonQuery();
                return;
            }

            using var command = Command("UPDATE campaigns SET first_day = @first, last_day = @last WHERE organization_id = @o AND id = @id");
            command.AddParameter("first", 0);
            command.AddParameter("last", 0);
            command.AddParameter("id", 0L);
            command.Prepare();
            foreach (var (id, first, last) in campaigns)
            {
                command.Parameters[1].Value = first;
                command.Parameters[2].Value = last;
                command.Parameters[3].Value = id;
                command.ExecuteNonQuery();
            }
        }

        public void InsertImport(long id, ImportRequest request, DateTime started, long written, long replaced, long removed, int first, int last)
        {
            using var command = Command(
                "INSERT INTO metric_imports (organization_id, id, file_name, mapping_name, user_id, started_at, finished_at, rows_written, rows_replaced, rows_removed, first_day, last_day) " +
                "VALUES (@o, @id, @file, @mapping, @user, @started, @finished, @written, @replaced, @removed, @first, @last)");
            command.AddParameter("id", id);
            command.AddParameter("file", request.FileName.Length > 300 ? request.FileName[..300] : request.FileName);
            command.AddParameter("mapping", request.Mapping.Name);
            command.AddParameter("user", request.UserId is { } user ? provider.Id(user) : DBNull.Value);
            command.AddParameter("started", started);
            command.AddParameter("finished", DateTime.UtcNow > started ? DateTime.UtcNow : started);
            command.AddParameter("written", written);
            command.AddParameter("replaced", replaced);
            command.AddParameter("removed", removed);
            command.AddParameter("first", first);
            command.AddParameter("last", last);
            command.ExecuteNonQuery();
        }

        private PgBinaryCopy Copy(string table, string columns)
        {
            EndRows();
            return new((NpgsqlConnection)connection, table, columns, _copyBuffer ??= new byte[PgBinaryCopy.BufferSize]);
        }

        private DbCommand Command(string sql)
        {
            EndRows();
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.AddParameter("o", Org);
            return command;
        }
    }
}

/// <summary>An import that cannot start (no such organisation); the message is for the user.</summary>
public sealed class ImportException(LocalizedText problem) : Exception(problem.En)
{
    public LocalizedText Problem { get; } = problem;
}
