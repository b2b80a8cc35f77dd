using Formation.Application.Data;
using Formation.Application.Features.Accounts;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using static Formation.Web.Infrastructure.Ui;

namespace Formation.Web.Features.Org;

/// <summary>The signed-in member's tokens for this organisation: create (shown once), list, revoke.</summary>
public sealed class TokensModel(AppDbContext db, Accounts accounts, TimeProvider clock) : OrgPageModel
{
    public List<PersonalAccessToken> Tokens { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    public string? NewToken { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 100)
        {
            ModelState.AddModelError(nameof(Name), L("请为令牌起个名字（100 字以内）。", "Give the token a name (at most 100 characters)."));
            await LoadAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        (_, NewToken) = await accounts.CreateTokenAsync(UserId, Name, HttpContext.RequestAborted);
        Name = null;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        var token = await db.PersonalAccessTokens.SingleOrDefaultAsync(t => t.Id == id && t.UserId == UserId, HttpContext.RequestAborted);
        if (token is null)
        {
            return NotFound();
        }

        token.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"/o/{Organization.Id}/tokens");
    }

    private async Task LoadAsync() =>
        Tokens = await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == UserId).OrderByDescending(t => t.CreatedAt).ToListAsync(HttpContext.RequestAborted);
}
