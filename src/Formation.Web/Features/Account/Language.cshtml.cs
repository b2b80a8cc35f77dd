using Formation.Application.Features.Accounts;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Formation.Web.Features.Account;

/// <summary>Switches the language: a cookie for everyone, and the user's preference when signed in.</summary>
public sealed class LanguageModel(Accounts accounts) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(string? lang, string? returnUrl)
    {
        if (lang is not ("zh" or "en"))
        {
            return BadRequest();
        }

        Remember(Response, lang);
        if (User.UserId() is { } user)
        {
            await accounts.SetLanguageAsync(user, lang, HttpContext.RequestAborted);
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    public static void Remember(HttpResponse response, string language)
    {
        ArgumentNullException.ThrowIfNull(response);
        var culture = language == "zh" ? Ui.Chinese.Name : Ui.English.Name;
        response.Cookies.Append(WebSetup.LanguageCookie, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
    }
}
