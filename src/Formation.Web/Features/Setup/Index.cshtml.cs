using System.Security.Claims;
using Formation.Application.Features.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static Formation.Web.Infrastructure.Ui;

namespace Formation.Web.Features.Setup;

/// <summary>First run: creates the first owner and organisation. Gone once any user exists.</summary>
public sealed class IndexModel(Accounts accounts) : PageModel
{
    [BindProperty]
    public SetupInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() =>
        await accounts.HasAnyUserAsync(HttpContext.RequestAborted) ? Redirect("/signin") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await accounts.HasAnyUserAsync(HttpContext.RequestAborted))
        {
            return NotFound();
        }

        AccountInput.Validate(ModelState, "Input", Input.Email, Input.DisplayName, Input.Password);
        AccountInput.ValidateOrganization(ModelState, "Input.OrganizationName", "Input.Currency", Input.OrganizationName, Input.Currency);
        AccountInput.ValidateTimeZone(ModelState, "Input.TimeZone", Input.TimeZone);

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var created = await accounts.SetUpAsync(Input.Email!, Input.DisplayName!, Input.Password!, Input.OrganizationName!, Input.Currency!, Language == Formation.Domain.Text.Language.Zh ? "zh" : "en", Input.TimeZone, HttpContext.RequestAborted);
        if (created is not { } done)
        {
            return NotFound();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AccountInput.Principal(done.User));
        return Redirect($"/o/{done.Organization.Id}");
    }

    public sealed class SetupInput
    {
        public string? OrganizationName { get; set; }

        public string? Currency { get; set; } = "CNY";

        /// <summary>An IANA zone; blank takes the currency's.</summary>
        public string? TimeZone { get; set; }

        public string? DisplayName { get; set; }

        public string? Email { get; set; }

        public string? Password { get; set; }
    }
}

/// <summary>Checks shared by the set-up and invitation forms.</summary>
public static class AccountInput
{
    public const int MinPasswordLength = 10;

    public static void Validate(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, string prefix, string? email, string? displayName, string? password)
    {
        ArgumentNullException.ThrowIfNull(state);
        string Key(string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";
        if (email is null || email.Length > 320 || !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            state.AddModelError(Key("Email"), L("请填写有效的邮箱地址。", "Give a valid e-mail address."));
        }

        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > 200)
        {
            state.AddModelError(Key("DisplayName"), L("请填写名字（200 字以内）。", "Give your name (at most 200 characters)."));
        }

        if (password is null || password.Length < MinPasswordLength)
        {
            state.AddModelError(Key("Password"), L($"密码至少 {MinPasswordLength} 位。", $"The password needs at least {MinPasswordLength} characters."));
        }
    }

    /// <summary>A zone that is given but names none known here (<see cref="Formation.Domain.Text.TimeZones.Canonical"/>); a blank one takes the currency's zone.</summary>
    public static void ValidateTimeZone(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, string key, string? timeZone)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!string.IsNullOrWhiteSpace(timeZone) && Formation.Domain.Text.TimeZones.Canonical(timeZone) is null)
        {
            state.AddModelError(key, L($"未知时区“{timeZone.Trim()}”：请填写 IANA 时区名，如 Asia/Shanghai。", $"Unknown time zone \"{timeZone.Trim()}\": give an IANA zone name such as Asia/Shanghai."));
        }
    }

    /// <summary>An organisation's name and currency, as the set-up and new-organisation forms ask for them.</summary>
    public static void ValidateOrganization(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, string nameKey, string currencyKey, string? name, string? currency)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            state.AddModelError(nameKey, L("请填写组织名称（200 字以内）。", "Give the organisation a name (at most 200 characters)."));
        }

        if (currency is not { Length: 3 } code || !code.All(char.IsAsciiLetterUpper))
        {
            state.AddModelError(currencyKey, L("请填写三位大写货币代码，如 CNY。", "Give a three-letter currency code such as CNY."));
        }
    }

    public static ClaimsPrincipal Principal(Application.Data.User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new Claim(ClaimTypes.Name, user.DisplayName),
            new Claim(ClaimTypes.Email, user.Email),
        ], CookieAuthenticationDefaults.AuthenticationScheme));
    }
}
