using System.Data;
using System.Data.Common;
using System.Globalization;
using Formation.Application.Data;
using Formation.Domain.DataImport;
using Formation.Domain.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Formation.Application.Features.Data;

/// <summary>
/// Reads an export through a mapping and writes its daily rows in one transaction (decision 0014): nothing is
/// visible until every row has passed, and a failed, refused or killed import leaves the database as it was. Rows
/// are keyed by (day, campaign, segment); a row whose key exists replaces it, and rows of the file's campaigns within
/// the file's days that the file no longer holds are removed, so importing the same file twice changes nothing and
/// a corrected file replaces what it covers. Each channel's daily sums are kept up to date in the same transaction.
/// Memory stays flat: rows are written in chunks as they are read.
/// </summary>
public sealed class MetricImporter(DatabaseTarget target, TimeProvider clock)
{
    /// <summary>Rows read before they are written.</summary>
    public const int ChunkRows = 16_384;

    private const int SampleRows = 20;

    private const string Columns = "organization_id, day, campaign_id, segment, impressions, clicks, cost_e4, conversions, leads, orders, revenue_e4, import_id";

    /// <summary>Reads the whole file and reports what committing it would do; writes nothing.</summary>
    public ImportResult Preview(ITableSource source, ImportRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(request);
        using var connection = target.CreateConnection();
        connection.Open();
        var session = new Session(connection, null, target.Provider, request.OrganizationId);
        var currency = session.Currency() ?? throw new ImportException(new("找不到该组织。", "No such organisation."));
        var channels = session.Channels();
        var campaigns = session.Campaigns();
        var reader = new MetricRowReader(source, request.Mapping, currency, request.Fixes);
        var sample = new List<MetricRecord>(SampleRows);
        var newChannels = new SortedSet<string>(StringComparer.Ordinal);
        var newCampaigns = new SortedSet<string>(StringComparer.Ordinal);
        var (first, last) = (int.MaxValue, int.MinValue);
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

            first = Math.Min(first, record.Day.DayNumber);
            last = Math.Max(last, record.Day.DayNumber);
            var known = channels.TryGetValue(record.Channel, out var channelId);
            if (!known)
            {
                newChannels.Add(record.Channel);
            }

            if ((!known || !campaigns.ContainsKey((channelId, record.Campaign))) && newCampaigns.Count < 1000)
            {
                newCampaigns.Add($"{record.Channel} / {record.Campaign}");
            }
        }

        progress?.Report(1);
        return Result(reader, committed: false, null, default, first, last, [.. newChannels], [.. newCampaigns], sample);
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
        using var connection = target.CreateConnection();
        connection.Open();
        if (connection is SqliteConnection)
        {
            Execute(connection, null, "PRAGMA cache_size = -32768");
        }

        using var transaction = connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: false) : connection.BeginTransaction(IsolationLevel.ReadCommitted);
        var session = new Session(connection, transaction, target.Provider, request.OrganizationId);
        session.LockOrganization();
        var currency = session.Currency() ?? throw new ImportException(new("找不到该组织。", "No such organisation."));
        var writer = new Writer(session, clock.GetUtcNow().UtcDateTime);
        var reader = new MetricRowReader(source, request.Mapping, currency, request.Fixes);
        var n = 0;
        while (reader.Next(out var record))
        {
            writer.Add(record);
            if ((++n & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (writer.Pending >= ChunkRows)
            {
                writer.Flush();
                progress?.Report(reader.Progress * 0.98);
            }
        }

        if (!reader.Readable || reader.ProblemCount > 0 || reader.AcceptedRows == 0)
        {
            transaction.Rollback();
            progress?.Report(1);
            return Result(reader, committed: false, null, default, writer.FirstDay, writer.LastDay, [.. writer.NewChannels], [.. writer.NewCampaigns], []);
        }

        writer.Flush();
        cancellationToken.ThrowIfCancellationRequested();
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
        public long Id { get; } = id;

        public long ChannelId { get; } = channelId;

        public string Name { get; } = name;

        /// <summary>Days some earlier import may have written (null: none).</summary>
        public int? PriorFirst { get; } = firstDay;

        public int? PriorLast { get; } = lastDay;

        public bool IsNew { get; } = isNew;

        public bool Inserted { get; set; } = !isNew;

        public int FileFirst { get; set; } = int.MaxValue;

        public int FileLast { get; set; } = int.MinValue;

        public bool MayHave(int day) => PriorFirst is { } f && PriorLast is { } l && day >= f && day <= l;
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

        public void Add(long sign, long impressions, long clicks, long cost, long conversions, long leads, long orders, long revenue)
        {
            Rows += sign;
            Impressions += sign * impressions;
            Clicks += sign * clicks;
            CostE4 += sign * cost;
            Conversions += sign * conversions;
            Leads += sign * leads;
            Orders += sign * orders;
            RevenueE4 += sign * revenue;
        }
    }

    /// <summary>Buffers resolved rows and writes them, with the channels and campaigns they need, a chunk at a time.</summary>
    private sealed class Writer
    {
        private readonly Session _session;
        private readonly DateTime _now;
        private readonly Dictionary<string, long> _channels;
        private readonly Dictionary<(long Channel, string Name), CampaignState> _campaigns;
        private readonly Dictionary<string, CampaignState> _lastCampaign = new(StringComparer.Ordinal);
        private readonly List<(string Name, long Id)> _pendingChannels = [];
        private readonly List<(MetricRecord Record, CampaignState Campaign)> _rows = new(ChunkRows);
        private readonly Dictionary<(long Channel, int Day), Sums> _deltas = [];
        private long _nextChannel;
        private long _nextCampaign;
        private long _written;
        private long _replaced;

        public Writer(Session session, DateTime now)
        {
            _session = session;
            _now = now;
            _channels = session.Channels();
            _campaigns = session.Campaigns();
            _nextChannel = _channels.Count == 0 ? 1 : _channels.Values.Max() + 1;
            _nextCampaign = _campaigns.Count == 0 ? 1 : _campaigns.Values.Max(c => c.Id) + 1;
            ImportId = session.NextImportId();
        }

        public long ImportId { get; }

        public int Pending => _rows.Count;

        public int FirstDay { get; private set; } = int.MaxValue;

        public int LastDay { get; private set; } = int.MinValue;

        public SortedSet<string> NewChannels { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> NewCampaigns { get; } = new(StringComparer.Ordinal);

        public void Add(in MetricRecord record)
        {
            var day = record.Day.DayNumber;
            FirstDay = Math.Min(FirstDay, day);
            LastDay = Math.Max(LastDay, day);
            var campaign = Resolve(record);
            campaign.FileFirst = Math.Min(campaign.FileFirst, day);
            campaign.FileLast = Math.Max(campaign.FileLast, day);
            _rows.Add((record, campaign));
        }

        public void Flush()
        {
            if (_rows.Count == 0)
            {
                return;
            }

            foreach (var (name, id) in _pendingChannels)
            {
                _session.InsertChannel(id, name, _now);
            }

            _pendingChannels.Clear();
            foreach (var (_, campaign) in _rows)
            {
                if (!campaign.Inserted)
                {
                    _session.InsertCampaign(campaign.Id, campaign.ChannelId, campaign.Name, _now);
                    campaign.Inserted = true;
                }
            }

            foreach (var (record, campaign) in _rows)
            {
                if (campaign.MayHave(record.Day.DayNumber) &&
                    _session.DeleteKey(record.Day.DayNumber, campaign.Id, record.Segment) is { } old)
                {
                    Delta(campaign.ChannelId, record.Day.DayNumber, -1, old);
                    _replaced++;
                }
            }

            _session.WriteRows(_rows, ImportId);
            foreach (var (r, campaign) in _rows)
            {
                Delta(campaign.ChannelId, r.Day.DayNumber, 1, (r.Impressions, r.Clicks, r.CostE4, r.Conversions, r.Leads, r.Orders, r.RevenueE4));
            }

            _written += _rows.Count;
            _rows.Clear();
        }

        public (long Written, long Replaced, long Removed) Finish(ImportRequest request)
        {
            var touched = _campaigns.Values.Where(c => c.FileFirst != int.MaxValue).ToList();
            var stale = touched.Where(c => c.PriorFirst is { } f && c.PriorLast is { } l && f <= LastDay && l >= FirstDay).Select(c => c.Id).ToList();
            var channelOf = _campaigns.Values.ToDictionary(c => c.Id, c => c.ChannelId);
            long removed = 0;
            if (stale.Count > 0)
            {
                foreach (var (campaignId, day, old) in _session.DeleteStale(FirstDay, LastDay, stale, ImportId))
                {
                    Delta(channelOf[campaignId], day, -1, old);
                    removed++;
                }
            }

            _session.ApplyRollups(_deltas);
            foreach (var campaign in touched)
            {
                _session.WidenCampaign(campaign.Id, Math.Min(campaign.FileFirst, campaign.PriorFirst ?? int.MaxValue), Math.Max(campaign.FileLast, campaign.PriorLast ?? int.MinValue));
            }

            _session.InsertImport(ImportId, request, _now, _written, _replaced, removed, FirstDay, LastDay);
            return (_written, _replaced, removed);
        }

        private CampaignState Resolve(in MetricRecord record)
        {
            if (_lastCampaign.TryGetValue(record.Campaign, out var cached) && _channels.TryGetValue(record.Channel, out var cachedChannel) && cached.ChannelId == cachedChannel)
            {
                return cached;
            }

            if (!_channels.TryGetValue(record.Channel, out var channelId))
            {
                channelId = _nextChannel++;
                _channels[record.Channel] = channelId;
                _pendingChannels.Add((record.Channel, channelId));
                NewChannels.Add(record.Channel);
            }

            if (!_campaigns.TryGetValue((channelId, record.Campaign), out var campaign))
            {
                campaign = new CampaignState(_nextCampaign++, channelId, record.Campaign, null, null, isNew: true);
                _campaigns[(channelId, record.Campaign)] = campaign;
                if (NewCampaigns.Count < 1000)
                {
                    NewCampaigns.Add($"{record.Channel} / {record.Campaign}");
                }
            }

            _lastCampaign[record.Campaign] = campaign;
            return campaign;
        }

        private void Delta(long channel, int day, long sign, (long Impressions, long Clicks, long Cost, long Conversions, long Leads, long Orders, long Revenue) v)
        {
            ref var sums = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_deltas, (channel, day), out _);
            sums.Add(sign, v.Impressions, v.Clicks, v.Cost, v.Conversions, v.Leads, v.Orders, v.Revenue);
        }
    }

    /// <summary>The SQL of one import on one connection and transaction; the same statements on both databases except the bulk write.</summary>
    private sealed class Session(DbConnection connection, DbTransaction? transaction, DatabaseProvider provider, Guid organizationId)
    {
        private DbCommand? _deleteKey;
        private SqliteCommand? _insertRow;

        private object Org => provider == DatabaseProvider.Sqlite ? organizationId.ToString().ToUpperInvariant() : organizationId;

        public void LockOrganization()
        {
            if (provider == DatabaseProvider.Postgres)
            {
                // One import per organisation at a time: ids of new channels, campaigns and imports are max + 1.
                using var command = Command("SELECT pg_advisory_xact_lock(hashtextextended(@o::text, 0))");
                command.ExecuteNonQuery();
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
            Add(command, "id", id);
            Add(command, "name", name);
            Add(command, "now", now);
            command.ExecuteNonQuery();
        }

        public void InsertCampaign(long id, long channelId, string name, DateTime now)
        {
            using var command = Command("INSERT INTO campaigns (organization_id, id, channel_id, name, created_at) VALUES (@o, @id, @channel, @name, @now)");
            Add(command, "id", id);
            Add(command, "channel", channelId);
            Add(command, "name", name);
            Add(command, "now", now);
            command.ExecuteNonQuery();
        }

        public (long, long, long, long, long, long, long)? DeleteKey(int day, long campaignId, string segment)
        {
            if (_deleteKey is null)
            {
                _deleteKey = Command("DELETE FROM metric_days WHERE organization_id = @o AND day = @day AND campaign_id = @campaign AND segment = @segment " +
                    "RETURNING impressions, clicks, cost_e4, conversions, leads, orders, revenue_e4");
                Add(_deleteKey, "day", 0);
                Add(_deleteKey, "campaign", 0L);
                Add(_deleteKey, "segment", "");
                _deleteKey.Prepare();
            }

            _deleteKey.Parameters[1].Value = day;
            _deleteKey.Parameters[2].Value = campaignId;
            _deleteKey.Parameters[3].Value = segment;
            using var reader = _deleteKey.ExecuteReader();
            return reader.Read()
                ? (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6))
                : null;
        }

        public List<(long Campaign, int Day, (long, long, long, long, long, long, long) Old)> DeleteStale(int first, int last, IReadOnlyList<long> campaigns, long importId)
        {
            var list = string.Join(",", campaigns.Select(c => c.ToString(CultureInfo.InvariantCulture)));
            using var command = Command(
                $"DELETE FROM metric_days WHERE organization_id = @o AND day BETWEEN @first AND @last AND import_id <> @import AND campaign_id IN ({list}) " +
                "RETURNING campaign_id, day, impressions, clicks, cost_e4, conversions, leads, orders, revenue_e4");
            Add(command, "first", first);
            Add(command, "last", last);
            Add(command, "import", importId);
            using var reader = command.ExecuteReader();
            var removed = new List<(long, int, (long, long, long, long, long, long, long))>();
            while (reader.Read())
            {
                removed.Add((reader.GetInt64(0), reader.GetInt32(1),
                    (reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8))));
            }

            return removed;
        }

        public void WriteRows(List<(MetricRecord Record, CampaignState Campaign)> rows, long importId)
        {
            if (provider == DatabaseProvider.Postgres)
            {
                WriteRowsPostgres(rows, importId);
                return;
            }

            if (_insertRow is null)
            {
                _insertRow = (SqliteCommand)Command($"INSERT INTO metric_days ({Columns}) VALUES (@o, @d, @c, @s, @i1, @i2, @i3, @i4, @i5, @i6, @i7, @import)");
                foreach (var name in new[] { "d", "c", "s", "i1", "i2", "i3", "i4", "i5", "i6", "i7" })
                {
                    _insertRow.Parameters.Add(new SqliteParameter(name, null));
                }

                _insertRow.Parameters.Add(new SqliteParameter("import", importId));
                _insertRow.Prepare();
            }

            var p = _insertRow.Parameters;
            foreach (var (r, campaign) in rows)
            {
                p[1].Value = r.Day.DayNumber;
                p[2].Value = campaign.Id;
                p[3].Value = r.Segment;
                p[4].Value = r.Impressions;
                p[5].Value = r.Clicks;
                p[6].Value = r.CostE4;
                p[7].Value = r.Conversions;
                p[8].Value = r.Leads;
                p[9].Value = r.Orders;
                p[10].Value = r.RevenueE4;
                _insertRow.ExecuteNonQuery();
            }
        }

        public void ApplyRollups(Dictionary<(long Channel, int Day), Sums> deltas)
        {
            using var command = Command(
                "INSERT INTO metric_rollups (organization_id, day, channel_id, rows, impressions, clicks, cost_e4, conversions, leads, orders, revenue_e4) " +
                "VALUES (@o, @day, @channel, @rows, @i1, @i2, @i3, @i4, @i5, @i6, @i7) " +
                "ON CONFLICT (organization_id, day, channel_id) DO UPDATE SET rows = metric_rollups.rows + excluded.rows, " +
                "impressions = metric_rollups.impressions + excluded.impressions, clicks = metric_rollups.clicks + excluded.clicks, " +
                "cost_e4 = metric_rollups.cost_e4 + excluded.cost_e4, conversions = metric_rollups.conversions + excluded.conversions, " +
                "leads = metric_rollups.leads + excluded.leads, orders = metric_rollups.orders + excluded.orders, revenue_e4 = metric_rollups.revenue_e4 + excluded.revenue_e4");
            foreach (var name in new[] { "day", "channel", "rows", "i1", "i2", "i3", "i4", "i5", "i6", "i7" })
            {
                Add(command, name, 0L);
            }

            command.Parameters[1].Value = 0;
            command.Prepare();
            var p = command.Parameters;
            foreach (var ((channel, day), s) in deltas)
            {
                if (s is { Rows: 0, Impressions: 0, Clicks: 0, CostE4: 0, Conversions: 0, Leads: 0, Orders: 0, RevenueE4: 0 })
                {
                    continue;
                }

                p[1].Value = day;
                p[2].Value = channel;
                p[3].Value = s.Rows;
                p[4].Value = s.Impressions;
                p[5].Value = s.Clicks;
                p[6].Value = s.CostE4;
                p[7].Value = s.Conversions;
                p[8].Value = s.Leads;
                p[9].Value = s.Orders;
                p[10].Value = s.RevenueE4;
                command.ExecuteNonQuery();
            }

            using var empty = Command("DELETE FROM metric_rollups WHERE organization_id = @o AND rows = 0");
            empty.ExecuteNonQuery();
        }

        public void WidenCampaign(long id, int first, int last)
        {
            using var command = Command("UPDATE campaigns SET first_day = @first, last_day = @last WHERE organization_id = @o AND id = @id");
            Add(command, "first", first);
            Add(command, "last", last);
            Add(command, "id", id);
            command.ExecuteNonQuery();
        }

        public void InsertImport(long id, ImportRequest request, DateTime started, long written, long replaced, long removed, int first, int last)
        {
            using var command = Command(
                "INSERT INTO metric_imports (organization_id, id, file_name, mapping_name, user_id, started_at, finished_at, rows_written, rows_replaced, rows_removed, first_day, last_day) " +
                "VALUES (@o, @id, @file, @mapping, @user, @started, @finished, @written, @replaced, @removed, @first, @last)");
            Add(command, "id", id);
            Add(command, "file", request.FileName.Length > 300 ? request.FileName[..300] : request.FileName);
            Add(command, "mapping", request.Mapping.Name);
            Add(command, "user", request.UserId is { } user ? (provider == DatabaseProvider.Sqlite ? user.ToString().ToUpperInvariant() : user) : DBNull.Value);
            Add(command, "started", started);
            Add(command, "finished", DateTime.UtcNow > started ? DateTime.UtcNow : started);
            Add(command, "written", written);
            Add(command, "replaced", replaced);
            Add(command, "removed", removed);
            Add(command, "first", first);
            Add(command, "last", last);
            command.ExecuteNonQuery();
        }

        private void WriteRowsPostgres(List<(MetricRecord Record, CampaignState Campaign)> rows, long importId)
        {
            using var importer = ((NpgsqlConnection)connection).BeginBinaryImport($"COPY metric_days ({Columns}) FROM STDIN (FORMAT BINARY)");
            foreach (var (r, campaign) in rows)
            {
                importer.StartRow();
                importer.Write(organizationId, NpgsqlDbType.Uuid);
                importer.Write(r.Day.DayNumber, NpgsqlDbType.Integer);
                importer.Write(campaign.Id, NpgsqlDbType.Bigint);
                importer.Write(r.Segment, NpgsqlDbType.Varchar);
                importer.Write(r.Impressions, NpgsqlDbType.Bigint);
                importer.Write(r.Clicks, NpgsqlDbType.Bigint);
                importer.Write(r.CostE4, NpgsqlDbType.Bigint);
                importer.Write(r.Conversions, NpgsqlDbType.Bigint);
                importer.Write(r.Leads, NpgsqlDbType.Bigint);
                importer.Write(r.Orders, NpgsqlDbType.Bigint);
                importer.Write(r.RevenueE4, NpgsqlDbType.Bigint);
                importer.Write(importId, NpgsqlDbType.Bigint);
            }

            importer.Complete();
        }

        private DbCommand Command(string sql)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            Add(command, "o", Org);
            return command;
        }

        private static void Add(DbCommand command, string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }
}

/// <summary>An import that cannot start (no such organisation); the message is for the user.</summary>
public sealed class ImportException(LocalizedText problem) : Exception(problem.En)
{
    public LocalizedText Problem { get; } = problem;
}
