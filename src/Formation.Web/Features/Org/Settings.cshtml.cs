using Formation.Application.Data;
using Formation.Application.Features.Accounts;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using static Formation.Web.Infrastructure.Ui;

namespace Formation.Web.Features.Org;

/// <summary>The organisation's settings: its time zone, which decides its "today" (owners change it).</summary>
public sealed class SettingsModel(Accounts accounts, MetricPageCache pages, TimeProvider clock) : OrgPageModel
{
    [BindProperty]
    public string? TimeZone { get; set; }

    public bool Saved { get; private set; }

    public bool CanChange => Role == Role.Owner;

    /// <summary>The organisation's date and time now, to check the zone against a clock on the wall.</summary>
    public DateTime LocalNow => Formation.Domain.Text.TimeZones.LocalTime(clock.GetUtcNow(), Organization.TimeZone);

    public void OnGet() => TimeZone = Organization.TimeZone;

    public async Task<IActionResult> OnPostAsync()
    {
        if (!CanChange)
        {
            return Denied();
        }

        if (string.IsNullOrWhiteSpace(TimeZone))
        {
            ModelState.AddModelError(nameof(TimeZone), L("请填写 IANA 时区名，如 Asia/Shanghai。", "Give an IANA zone name such as Asia/Shanghai."));
        }
        else
        {
            Setup.AccountInput.ValidateTimeZone(ModelState, nameof(TimeZone), TimeZone);
        }

        if (!ModelState.IsValid || await accounts.SetTimeZoneAsync(Organization.Id, TimeZone!, HttpContext.RequestAborted) is not { } saved)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Organization.TimeZone = TimeZone = saved;
        await pages.ChangedAsync(Organization.Id, HttpContext.RequestAborted); // cached pages say "this month" by the old zone
        Saved = true;
        return Page();
    }
}
