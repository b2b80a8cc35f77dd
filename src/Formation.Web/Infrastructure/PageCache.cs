using Formation.Application.Features.Planning;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Formation.Web.Infrastructure;

/// <summary>
/// Output caching for heavy organisation pages such as the blueprint. A cached page is served only to the
/// same signed-in user, in the same browser (its antiforgery cookie: the page carries form tokens), in the
/// same language, for the same organisation and query; it is dropped whenever that organisation's plan
/// changes. Membership is checked before the page is first rendered, and each user's pages are cached apart.
/// </summary>
public sealed class OrganizationPageCachePolicy(IOptions<AntiforgeryOptions> antiforgery) : IOutputCachePolicy
{
    public const string Name = "organization-page";

    public static string Tag(Guid organizationId) => $"org:{organizationId}";

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var user = http.User.UserId();
        var organization = http.GetRouteValue("org")?.ToString();
        var browser = http.Request.Cookies[antiforgery.Value.Cookie.Name ?? ""];
        var cacheable = (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) &&
                        user is not null && http.User.TokenOrganizationId() is null &&
                        Guid.TryParse(organization, out var organizationId) && !string.IsNullOrEmpty(browser);
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        // No request coalescing: its lock is taken on every lookup, hits included, and with keys per user and browser the
        // stampede it prevents is one person's parallel tabs.
        context.AllowLocking = false;
        if (cacheable)
        {
            context.CacheVaryByRules.QueryKeys = "*";
            context.CacheVaryByRules.VaryByValues["user"] = user!.Value.ToString();
            context.CacheVaryByRules.VaryByValues["browser"] = browser!;
            context.CacheVaryByRules.VaryByValues["culture"] = System.Globalization.CultureInfo.CurrentUICulture.Name;
            context.Tags.Add(Tag(Guid.Parse(organization!)));
            context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(10);
        }

        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.SetCookie))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Drops an organisation's cached pages when its plan changes.</summary>
public sealed class OutputCachePlanChanges(IOutputCacheStore store) : IPlanChanges
{
    public async Task ChangedAsync(Guid organizationId, CancellationToken cancellationToken) =>
        await store.EvictByTagAsync(OrganizationPageCachePolicy.Tag(organizationId), cancellationToken).ConfigureAwait(false);
}

/// <summary>
/// Output caching for pages drawn from the marketing data, such as the dashboard, on top of
/// <see cref="OrganizationPageCachePolicy"/>: a cached page also varies by the organisation's data version (its
/// latest import and goal status change, read at most once a second — see <see cref="MetricPageCache"/>) and by
/// today's date, on which the goals' run rates depend. An import by another process (the CLI, a second node) thus
/// shows within a second; a change made in this process drops the pages at once.
/// </summary>
public sealed class MetricPageCachePolicy(MetricPageCache pages, TimeProvider clock) : IOutputCachePolicy
{
    public const string Name = "metric-page";

    public static string Tag(Guid organizationId) => $"metrics:{organizationId}";

    async ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        // Runs after the organisation policy, which has decided whether the request may be cached at all.
        if (!context.EnableOutputCaching || !Guid.TryParse(context.HttpContext.GetRouteValue("org")?.ToString(), out var organizationId))
        {
            return;
        }

        var (version, timeZone) = await pages.VersionAsync(organizationId, context.HttpContext.RequestServices, cancellation).ConfigureAwait(false);
        context.CacheVaryByRules.VaryByValues["data"] = version;
        // The organisation's calendar day: its pages say "this month" and mark days still to come by it.
        context.CacheVaryByRules.VaryByValues["today"] = Formation.Domain.Text.TimeZones.Today(clock.GetUtcNow(), timeZone).DayNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Tags.Add(Tag(organizationId));
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
}

/// <summary>
/// The data version of each organisation's marketing figures, for <see cref="MetricPageCachePolicy"/>: the id of its
/// latest import (every import, from the web app or the CLI, commits one with its rows), the time of its latest
/// goal status change (which may link a newly opened task), and a generation this process counts up whenever it
/// changes the figures itself. Read from the database at most once a second per organisation, so a cached page costs
/// no query. The generation is taken when a request starts: a page drawn while an edit was being saved is stored
/// under the old generation, which no later request asks for.
/// </summary>
public sealed class MetricPageCache(IOutputCacheStore store, TimeProvider clock)
{
    /// <summary>How long a version read from the database is trusted.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(1);

    /// <summary>Organisations whose versions are remembered at most (any signed-in user can name any id); past it the memory starts over.</summary>
    public const int Capacity = 10_000;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, (long ReadAt, long Generation, string Version, string TimeZone)> _versions = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, long> _generations = new();

    /// <summary>The organisation's data version, and its time zone (read with it, so a cached page costs no query for either).</summary>
    public async ValueTask<(string Version, string TimeZone)> VersionAsync(Guid organizationId, IServiceProvider services, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(services);
        var now = clock.GetTimestamp();
        var generation = _generations.GetValueOrDefault(organizationId);
        if (_versions.TryGetValue(organizationId, out var known) && known.Generation == generation && clock.GetElapsedTime(known.ReadAt, now) < Fresh)
        {
            return (known.Version, known.TimeZone);
        }

        var db = services.GetRequiredService<Formation.Application.Data.AppDbContext>();
        var import = await db.MetricImports.IgnoreQueryFilters().Where(i => i.OrganizationId == organizationId)
            .MaxAsync(i => (long?)i.Id, cancellation).ConfigureAwait(false);
        var goal = await db.GoalStates.IgnoreQueryFilters().Where(g => g.OrganizationId == organizationId)
            .MaxAsync(g => (DateTime?)g.UpdatedAt, cancellation).ConfigureAwait(false);
        var timeZone = await db.Organizations.IgnoreQueryFilters().Where(o => o.Id == organizationId).Select(o => o.TimeZone)
            .FirstOrDefaultAsync(cancellation).ConfigureAwait(false) ?? Formation.Domain.Text.TimeZones.Utc;
        var version = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{generation}.{import ?? 0}.{goal?.Ticks ?? 0}.{timeZone}");
        if (_versions.Count >= Capacity)
        {
            _versions.Clear();
        }

        _versions[organizationId] = (now, generation, version, timeZone);
        return (version, timeZone);
    }

    /// <summary>Drops the organisation's cached data pages: called when this process imports, or edits channels and campaigns.</summary>
    public async Task ChangedAsync(Guid organizationId, CancellationToken cancellation)
    {
        _generations.AddOrUpdate(organizationId, 1, (_, g) => g + 1);
        _versions.TryRemove(organizationId, out _);
        await store.EvictByTagAsync(MetricPageCachePolicy.Tag(organizationId), cancellation).ConfigureAwait(false);
    }
}
