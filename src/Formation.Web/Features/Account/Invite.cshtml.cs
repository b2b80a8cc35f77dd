using Formation.Application.Data;
using Formation.Application.Features.Accounts;
using Formation.Web.Features.Setup;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using static Formation.Web.Infrastructure.Ui;

namespace Formation.Web.Features.Account;

/// <summary>Accepts a one-time invitation link: a new account, or the signed-in user joins.</summary>
[EnableRateLimiting(WebSetup.SignInPolicy)]
public sealed class InviteModel(Accounts accounts, AppDbContext db) : PageModel
{
    public string OrganizationName { get; private set; } = "";

    public string Email { get; private set; } = "";

    public string? Problem { get; private set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public async Task<IActionResult> OnGetAsync(string secret)
    {
        if (await accounts.FindInvitationAsync(secret, HttpContext.RequestAborted) is not { } found)
        {
            return NotFound();
        }

        (OrganizationName, Email) = (found.Organization.Name, found.Invitation.Email);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string secret)
    {
        if (await accounts.FindInvitationAsync(secret, HttpContext.RequestAborted) is not { } found)
        {
            return NotFound();
        }

        (OrganizationName, Email) = (found.Organization.Name, found.Invitation.Email);
        User? existing = null;
        if (User.UserId() is { } id)
        {
            existing = await db.Users.SingleAsync(u => u.Id == id, HttpContext.RequestAborted);
        }
        else
        {
            AccountInput.Validate(ModelState, "", Email, DisplayName, Password);

            if (await accounts.EmailTakenAsync(Email, HttpContext.RequestAborted))
            {
                ModelState.AddModelError(nameof(DisplayName), L("此邮箱已有账户：请先登录，再打开邀请链接。", "This e-mail already has an account: sign in first, then open the link again."));
            }

            if (!ModelState.IsValid)
            {
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
        }

        var outcome = await accounts.AcceptInvitationAsync(secret, existing, DisplayName, Password, Language == Formation.Domain.Text.Language.Zh ? "zh" : "en", HttpContext.RequestAborted);
        if (outcome.Failure == InvitationFailure.OtherAccount)
        {
            Problem = L($"这个邀请是发给 {Email} 的：请以该邮箱的账户登录后再打开链接。", $"This invitation is for {Email}: sign in with that address, then open the link again.");
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        if (outcome.User is not { } user)
        {
            return NotFound();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AccountInput.Principal(user));
        return Redirect($"/o/{found.Invitation.OrganizationId}");
    }
}
