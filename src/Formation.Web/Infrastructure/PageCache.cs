using Formation.Application.Features.Planning;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;
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
        context.AllowLocking = true;
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
