using Formation.Application.Data;
using Formation.Application.Features.Data;
using Formation.Application.Features.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Formation.Web.Infrastructure;

/// <summary>
/// Every <see cref="FormationOptions.FollowUpMinutes"/> minutes, runs the follow-up and the goal evaluation of every organisation (each in
/// its own scope, so one organisation's context never sees another's rows) and purges what was deleted more than
/// <see cref="Tasks.RestoreDays"/> days ago. One organisation's failure is logged and the others still run. The
/// timer runs on the injected <see cref="TimeProvider"/>, so tests move time instead of waiting (docs/decisions/0010).
/// </summary>
public sealed partial class FollowUpJob : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<FollowUpJob> _logger;
    private readonly PeriodicTimer? _timer;

    public FollowUpJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<FormationOptions> options, ILogger<FollowUpJob> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _scopes = scopes;
        _logger = logger;

        // Made here rather than in ExecuteAsync (which starts on a background thread), so the timer exists once
        // the host has started and a clock moved right after start-up is seen.
        var minutes = options.Value.FollowUpMinutes;
        _timer = minutes > 0 ? new PeriodicTimer(TimeSpan.FromMinutes(minutes), clock) : null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_timer is null)
        {
            Disabled(_logger);
            return;
        }

        try
        {
            while (await _timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await RunAllAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
    }

    /// <summary>One round over every organisation; returns how many failed.</summary>
    public async Task<int> RunAllAsync(CancellationToken ct)
    {
        List<Guid> organizations;
        try
        {
            using var scope = _scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.CreatedAt).Select(o => o.Id).ToListAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // The database is away: try again next round rather than stop the app.
            ListFailed(_logger, ex);
            return 1;
        }

        var failed = 0;
        foreach (var organization in organizations)
        {
            try
            {
                await RunOneAsync(organization, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                failed++;
                OrganizationFailed(_logger, organization, ex);
            }
        }

        return failed;
    }

    private async Task RunOneAsync(Guid organization, CancellationToken ct)
    {
        using var scope = _scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<AppDbContext>().OrganizationId = organization;
        var run = await scope.ServiceProvider.GetRequiredService<FollowUps>().RunAsync(ct).ConfigureAwait(false);
        var purged = await scope.ServiceProvider.GetRequiredService<Tasks>().PurgeAsync(ct).ConfigureAwait(false);
        if (!run.IsEmpty || purged > 0)
        {
            Ran(_logger, organization, run.Created, run.Updated, run.Resolved, run.Reopened, purged);
        }

        // A new day can move a goal off track (or end its period missed) without any import.
        var goals = await scope.ServiceProvider.GetRequiredService<GoalEvaluation>().EvaluateAsync(record: true, ct).ConfigureAwait(false);
        if (goals is { TasksOpened: > 0 })
        {
            GoalTasks(_logger, organization, goals.TasksOpened);
        }
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Follow-up is off (Formation:FollowUpMinutes is 0).")]
    private static partial void Disabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Follow-up could not list the organisations; trying again next round.")]
    private static partial void ListFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Follow-up failed for organisation {Organization}; the others go on.")]
    private static partial void OrganizationFailed(ILogger logger, Guid organization, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Goals of {Organization}: {Opened} went off track, a task opened for each.")]
    private static partial void GoalTasks(ILogger logger, Guid organization, int opened);

    [LoggerMessage(Level = LogLevel.Information, Message = "Follow-up of {Organization}: {Created} new, {Updated} updated, {Resolved} resolved, {Reopened} reopened notices; {Purged} deleted tasks purged.")]
    private static partial void Ran(ILogger logger, Guid organization, int created, int updated, int resolved, int reopened, int purged);
}
