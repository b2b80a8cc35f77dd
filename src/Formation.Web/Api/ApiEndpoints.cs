using System.Text;
using Formation.Application.Data;
using Formation.Application.Features.Accounts;
using Formation.Application.Features.Planning;
using Formation.Domain.Reporting;
using Formation.Domain.Text;
using Formation.Domain.Yaml;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Formation.Web.Api;

/// <summary>The JSON API under /api/v1, for scripts with a personal access token (or a signed-in browser).</summary>
public static class ApiEndpoints
{
    internal const string RoleItem = "formation:role";

    public static IEndpointRouteBuilder MapFormationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization("api").DisableAntiforgery().WithTags("Formation");
        api.MapGet("/organizations", ListOrganizationsAsync).WithSummary("The organisations the caller can reach.");

        var org = api.MapGroup("/organizations/{org:guid}").AddEndpointFilter(ScopeToOrganizationAsync);
        org.MapGet("/profile", GetProfileAsync).WithSummary("The working profile as YAML; the ETag is its revision.");
        org.MapPut("/profile", PutProfileAsync).WithSummary("Replaces the working profile (owner or manager). Send If-Match with the revision to refuse a stale write.")
            .Accepts<string>("application/yaml", "text/yaml", "text/plain");
        org.MapGet("/blueprint", GetBlueprintAsync).WithSummary("The blueprint of the working profile, in the CLI's JSON.");
        org.MapPost("/blueprint", ComputeBlueprintAsync).WithSummary("Computes the blueprint of a posted profile without saving it.")
            .Accepts<string>("application/yaml", "text/yaml", "text/plain");
        org.MapGet("/versions", ListVersionsAsync).WithSummary("Accepted plan versions, newest first.");
        org.MapGet("/versions/{number:int}/blueprint", GetVersionBlueprintAsync).WithSummary("The blueprint of an accepted version.");
        org.MapTaskEndpoints();
        return app;
    }

    private static async ValueTask<object?> ScopeToOrganizationAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var user = http.User.UserId();
        var tokenOrganization = http.User.TokenOrganizationId();
        if (user is null || !Guid.TryParse(http.GetRouteValue("org")?.ToString(), out var organizationId) ||
            (tokenOrganization is { } only && only != organizationId))
        {
            return NotFound();
        }

        var accounts = http.RequestServices.GetRequiredService<Accounts>();
        if (await accounts.RoleInAsync(organizationId, user.Value, http.RequestAborted).ConfigureAwait(false) is not { } role)
        {
            return NotFound();
        }

        http.RequestServices.GetRequiredService<AppDbContext>().OrganizationId = organizationId;
        http.Items[RoleItem] = role;
        return await next(context).ConfigureAwait(false);
    }

    private static async Task<IResult> ListOrganizationsAsync(HttpContext http, Accounts accounts)
    {
        var user = http.User.UserId()!.Value;
        var only = http.User.TokenOrganizationId();
        var organizations = await accounts.OrganizationsOfAsync(user, http.RequestAborted).ConfigureAwait(false);
        return Results.Ok(organizations
            .Where(o => only is null || o.Organization.Id == only)
            .Select(o => new { id = o.Organization.Id, name = o.Organization.Name, currency = o.Organization.Currency, timeZone = o.Organization.TimeZone, role = o.Role.ToString().ToLowerInvariant() }));
    }

    private static async Task<IResult> GetProfileAsync(HttpContext http, Plans plans)
    {
        var draft = await plans.DraftAsync(http.RequestAborted).ConfigureAwait(false);
        if (draft is null)
        {
            return Problem(StatusCodes.Status404NotFound, "No profile yet", "This organisation has no profile yet. PUT one to /profile.");
        }

        http.Response.Headers.ETag = $"\"{draft.Revision}\"";
        return Results.Text(draft.Yaml, "application/yaml", Encoding.UTF8);
    }

    private static async Task<IResult> PutProfileAsync(HttpContext http, Plans plans)
    {
        if (!CanEdit(http))
        {
            return Problem(StatusCodes.Status403Forbidden, "Not allowed", "Only owners and managers can replace the profile.");
        }

        var (yaml, tooLarge) = await ReadBodyAsync(http).ConfigureAwait(false);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        int? expected = null;
        if (http.Request.Headers.IfMatch.ToString() is { Length: > 0 } ifMatch)
        {
            if (!int.TryParse(ifMatch.Trim('"', ' ', 'W', '/'), out var revision))
            {
                return Problem(StatusCodes.Status400BadRequest, "Bad If-Match", "If-Match must be the profile's ETag, such as \"3\".");
            }

            expected = revision;
        }

        var result = await plans.SaveDraftAsync(yaml, expected, http.User.UserId()!.Value, ct: http.RequestAborted).ConfigureAwait(false);
        if (result.Errors.Count > 0)
        {
            return Invalid(result.Errors, Languages.FromCulture(System.Globalization.CultureInfo.CurrentUICulture));
        }

        if (result.Conflict is { } current)
        {
            return Problem(StatusCodes.Status412PreconditionFailed, "Changed meanwhile",
                $"The profile was saved by someone else meanwhile (revision {current.Revision}). GET it, merge your change and PUT again with If-Match: \"{current.Revision}\".");
        }

        http.Response.Headers.ETag = $"\"{result.Draft!.Revision}\"";
        return Results.NoContent();
    }

    private static async Task<IResult> GetBlueprintAsync(HttpContext http, Plans plans, [FromQuery] string? lang)
    {
        var draft = await plans.DraftAsync(http.RequestAborted).ConfigureAwait(false);
        if (draft is null)
        {
            return Problem(StatusCodes.Status404NotFound, "No profile yet", "This organisation has no profile yet.");
        }

        var (blueprint, errors) = plans.Compute(draft.Yaml);
        return blueprint is null ? Invalid(errors, Language(lang)) : Json(BlueprintJson.ToDocument(blueprint, Language(lang)));
    }

    private static async Task<IResult> ComputeBlueprintAsync(HttpContext http, Plans plans, [FromQuery] string? lang)
    {
        var (yaml, tooLarge) = await ReadBodyAsync(http).ConfigureAwait(false);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var (blueprint, errors) = plans.Compute(yaml);
        return blueprint is null ? Invalid(errors, Language(lang)) : Json(BlueprintJson.ToDocument(blueprint, Language(lang)));
    }

    private static async Task<IResult> ListVersionsAsync(HttpContext http, Plans plans)
    {
        var versions = await plans.VersionsAsync(http.RequestAborted).ConfigureAwait(false);
        return Results.Ok(versions.Select(v => new
        {
            number = v.Number,
            headcount = v.Headcount,
            totalAnnualCost = v.TotalAnnualCost,
            errorCount = v.ErrorCount,
            note = v.Note,
            createdAt = DateTime.SpecifyKind(v.CreatedAt, DateTimeKind.Utc),
        }));
    }

    private static async Task<IResult> GetVersionBlueprintAsync(HttpContext http, Plans plans, int number, [FromQuery] string? lang)
    {
        var version = await plans.VersionAsync(number, http.RequestAborted).ConfigureAwait(false);
        return version is null
            ? Problem(StatusCodes.Status404NotFound, "No such version", $"There is no plan version {number}.")
            : Json(BlueprintJson.ToDocument(plans.BlueprintOf(version), Language(lang)));
    }

    private static bool CanEdit(HttpContext http) => http.Items[RoleItem] is Role.Owner or Role.Manager;

    private static Language Language(string? lang) =>
        Languages.TryParse(lang, out var language) ? language : Languages.FromCulture(System.Globalization.CultureInfo.CurrentUICulture);

    private static IResult Json(PlanDocument document) => Results.Text(BlueprintJson.Serialize(document), "application/json", Encoding.UTF8);

    private static async Task<(string Text, IResult? TooLarge)> ReadBodyAsync(HttpContext http)
    {
        var limit = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<FormationOptions>>().Value.MaxUploadBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                return ("", Problem(StatusCodes.Status413PayloadTooLarge, "Too large", $"A profile may be at most {limit / 1024} KB."));
            }
        }

        return (Encoding.UTF8.GetString(buffer.ToArray()), null);
    }

    private static IResult Invalid(IReadOnlyList<ValidationError> errors, Language language) =>
        Results.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = language == Domain.Text.Language.Zh ? "企业档案有错误" : "The profile has errors",
            Detail = string.Join("\n", errors.Select(e => e.Format(language))),
            Extensions =
            {
                ["errors"] = errors.Select(e => new { file = e.File, line = e.Line, column = e.Column, key = e.Key, message = e.Message.Get(language) }).ToList(),
            },
        });

    private static IResult NotFound() => Problem(StatusCodes.Status404NotFound, "Not found", "No such organisation.");

    internal static IResult Problem(int status, string title, string detail) => Results.Problem(detail, statusCode: status, title: title);
}
