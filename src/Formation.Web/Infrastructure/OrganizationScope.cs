using Formation.Application.Data;
using Formation.Application.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Formation.Web.Infrastructure;

/// <summary>A page inside one organisation (<c>/o/{org}/…</c>); the filter fills in who is asking and with which role.</summary>
public abstract class OrgPageModel : PageModel
{
    public Organization Organization { get; internal set; } = null!;

    public Role Role { get; internal set; }

    /// <summary>Owners and managers change the plan; everyone else reads.</summary>
    public bool CanEdit => Role is Role.Owner or Role.Manager;

    public Guid UserId => User.UserId() ?? throw new InvalidOperationException("No signed-in user.");

    /// <summary>403 for a member whose role does not allow the action.</summary>
    protected IActionResult Denied() => StatusCode(StatusCodes.Status403Forbidden);
}

/// <summary>
/// Resolves <c>{org}</c> for organisation pages: a non-member gets 404 — the organisation's existence is
/// not revealed — and the database context is scoped to that organisation for the rest of the request.
/// </summary>
public sealed class OrganizationPageFilter(AppDbContext db, Accounts accounts) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.HandlerInstance is not OrgPageModel page)
        {
            await next().ConfigureAwait(false);
            return;
        }

        var userId = context.HttpContext.User.UserId();
        if (userId is null || !Guid.TryParse(context.RouteData.Values["org"]?.ToString(), out var organizationId) ||
            await accounts.RoleInAsync(organizationId, userId.Value, context.HttpContext.RequestAborted).ConfigureAwait(false) is not { } role)
        {
            context.Result = new NotFoundResult();
            return;
        }

        db.OrganizationId = organizationId;
        page.Organization = await db.Organizations.FindAsync([organizationId], context.HttpContext.RequestAborted).ConfigureAwait(false)
            ?? throw new InvalidOperationException("Membership without organisation.");
        page.Role = role;
        await next().ConfigureAwait(false);
    }
}
