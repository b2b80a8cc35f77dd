using Formation.Application.Features.Accounts;
using Formation.Web.Features.Setup;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using static Formation.Web.Infrastructure.Ui;

namespace Formation.Web.Features.Account;

/// <summary>Cookie sign-in, rate-limited per client and locked per account after repeated wrong passwords.</summary>
[EnableRateLimiting(WebSetup.SignInPolicy)]
public sealed class SignInModel(Accounts accounts) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await accounts.HasAnyUserAsync(HttpContext.RequestAborted) ? Page() : Redirect("/setup");

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            Problem = L("请填写邮箱和密码。", "Give your e-mail and password.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await accounts.SignInAsync(Email, Password, HttpContext.RequestAborted);
        if (result.User is not { } user)
        {
            Problem = result.Failure == SignInFailure.LockedOut
                ? L($"尝试次数过多，账户已锁定至 {Date(result.LockedUntil!.Value)}。", $"Too many attempts: the account is locked until {Date(result.LockedUntil!.Value)}.")
                : L("邮箱或密码不正确。", "The e-mail or password is wrong.");
            Response.StatusCode = result.Failure == SignInFailure.LockedOut ? StatusCodes.Status429TooManyRequests : StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AccountInput.Principal(user));
        if (user.Language is { } language)
        {
            LanguageModel.Remember(Response, language);
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
