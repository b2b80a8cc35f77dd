using System.Collections.Concurrent;
using Formation.Application.Data;
using Formation.Application.Features.Data;
using Formation.Domain.DataImport;
using Formation.Domain.Text;

namespace Formation.Web.Features.Data;

/// <summary>One commit running (or finished) in the background: how far it got and how it ended.</summary>
public sealed class ImportJob(Guid organizationId, string id, string fileName)
{
    private double _progress;

    public Guid OrganizationId { get; } = organizationId;

    /// <summary>The staging id of the upload being committed.</summary>
    public string Id { get; } = id;

    public string FileName { get; } = fileName;

    /// <summary>0–1.</summary>
    public double Progress
    {
        get => Volatile.Read(ref _progress);
        internal set => Volatile.Write(ref _progress, Math.Clamp(value, 0, 1));
    }

    /// <summary>Set when the commit ended with a result (written, or refused with the rejected values).</summary>
    public ImportResult? Result { get; internal set; }

    /// <summary>Set when the commit could not run: the file or the organisation could not be read.</summary>
    public LocalizedText? Problem { get; internal set; }

    public bool Finished => Completion.IsCompleted;

    public DateTimeOffset? FinishedAt { get; internal set; }

    internal Task Completion { get; set; } = Task.CompletedTask;
}

/// <summary>
/// Runs commits off the request, one per organisation at a time: the importer locks the organisation for the whole
/// transaction anyway, so a second commit would only wait; it is told instead. Finished jobs are kept for an hour so
/// the progress page can show how they ended. Stopping the app cancels a running commit, which rolls it back.
/// </summary>
public sealed partial class ImportJobs(DatabaseTarget target, TimeProvider clock, ImportStaging staging, IHostApplicationLifetime lifetime, IServiceScopeFactory scopes, Formation.Web.Infrastructure.MetricPageCache pages, ILogger<ImportJobs> logger)
{
    private static readonly TimeSpan s_kept = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<Guid, ImportJob> _running = new();
    private readonly ConcurrentDictionary<(Guid Organization, string Id), ImportJob> _jobs = new();

    /// <summary>The job of upload <paramref name="id"/> in the organisation, running or recently finished.</summary>
    public ImportJob? Find(Guid organizationId, string id) => _jobs.TryGetValue((organizationId, id), out var job) ? job : null;

    /// <summary>The organisation's running commit, if any.</summary>
    public ImportJob? Running(Guid organizationId) => _running.TryGetValue(organizationId, out var job) ? job : null;

    /// <summary>Starts committing a staged upload; null when the organisation already has a commit running.</summary>
    public ImportJob? StartCommit(Guid organizationId, Guid userId, StagedImport staged, ImportMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(staged);
        ArgumentNullException.ThrowIfNull(mapping);
        var request = new ImportRequest(organizationId, userId, staged.FileName, mapping, staged.ToFixes());
        return Start(organizationId, staged.Id, staged.FileName, (progress, ct) =>
        {
            ImportResult result;
            using (var stream = staging.OpenRead(organizationId, staged.Id))
            {
                var opened = TableSources.Open(staged.FileName, stream, mapping);
                if (opened.Source is not { } source)
                {
                    throw new ImportException(opened.Problem!);
                }

                using (source)
                {
                    result = new MetricImporter(target, clock).Commit(source, request, progress, ct);
                }
            }

            if (result.Committed)
            {
                staging.Delete(organizationId, staged.Id);
                EvaluateGoals(organizationId, ct);
                pages.ChangedAsync(organizationId, CancellationToken.None).GetAwaiter().GetResult();
            }

            return result;
        });
    }

    /// <summary>
    /// Measures the goals against the new figures, so one that the import shows off track opens its task now rather
    /// than at the next follow-up. The import is in either way: a failure here is logged, not shown as a failed import.
    /// </summary>
    private void EvaluateGoals(Guid organizationId, CancellationToken ct)
    {
        try
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<AppDbContext>().OrganizationId = organizationId;
            scope.ServiceProvider.GetRequiredService<GoalEvaluation>().EvaluateAsync(record: true, ct).GetAwaiter().GetResult();
        }
#pragma warning disable CA1031 // the import is committed; a goal evaluation that fails is retried by the follow-up job
        catch (Exception ex) when (!ct.IsCancellationRequested)
#pragma warning restore CA1031
        {
            GoalsFailed(logger, organizationId, ex);
        }
    }

    /// <summary>Runs <paramref name="work"/> as the organisation's one commit; null when one is running already.</summary>
    internal ImportJob? Start(Guid organizationId, string id, string fileName, Func<IProgress<double>, CancellationToken, ImportResult> work)
    {
        Prune();
        var job = new ImportJob(organizationId, id, fileName);
        if (!_running.TryAdd(organizationId, job))
        {
            return null;
        }

        _jobs[(organizationId, id)] = job;
        var progress = new JobProgress(job);
        job.Completion = Task.Run(() =>
        {
            try
            {
                job.Result = work(progress, lifetime.ApplicationStopping);
                job.Progress = 1;
            }
            catch (ImportException ex)
            {
                job.Problem = ex.Problem;
            }
            catch (TableSourceException ex)
            {
                job.Problem = ex.Reason;
            }
            catch (OperationCanceledException)
            {
                job.Problem = new("应用正在停止，导入已取消，未写入任何数据。", "The app is stopping: the import was cancelled and nothing was written.");
            }
#pragma warning disable CA1031 // a background job has no caller to rethrow to: the failure is logged and shown as a message
            catch (Exception ex)
#pragma warning restore CA1031
            {
                CommitFailed(logger, organizationId, ex);
                job.Problem = new("导入未能完成，未写入任何数据；问题已记录，请稍后重试。", "The import could not finish and nothing was written; the problem was logged. Please try again later.");
            }
            finally
            {
                job.FinishedAt = clock.GetUtcNow();
                _running.TryRemove(new KeyValuePair<Guid, ImportJob>(organizationId, job));
            }
        });
        return job;
    }

    private void Prune()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, job) in _jobs)
        {
            if (job.FinishedAt is { } at && now - at > s_kept)
            {
                _jobs.TryRemove(new KeyValuePair<(Guid, string), ImportJob>(key, job));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Goals of {Organization} could not be evaluated after an import; the follow-up job will try again.")]
    private static partial void GoalsFailed(ILogger logger, Guid organization, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The import of organisation {Organization} failed")]
    private static partial void CommitFailed(ILogger logger, Guid organization, Exception exception);

    /// <summary>Progress written straight into the job (not through a synchronisation context, which a background task has none of).</summary>
    private sealed class JobProgress(ImportJob job) : IProgress<double>
    {
        public void Report(double value) => job.Progress = value;
    }
}
