using Formation.Application.Data;
using Formation.Application.Features.Accounts;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static Formation.Web.Infrastructure.Ui;

namespace Formation.Web.Features.Home;

/// <summary>The organisations of the signed-in user, and a form to start another.</summary>
public sealed class IndexModel(Accounts accounts) : PageModel
{
    public List<(Organization Organization, Role Role)> Organizations { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Currency { get; set; } = "CNY";

    /// <summary>An IANA zone; blank takes the currency's.</summary>
    [BindProperty]
    public string? TimeZone { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Organizations = await accounts.OrganizationsOfAsync(User.UserId()!.Value, HttpContext.RequestAborted);
        return Organizations.Count == 1 ? Redirect($"/o/{Organizations[0].Organization.Id}") : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Setup.AccountInput.ValidateOrganization(ModelState, nameof(Name), nameof(Currency), Name, Currency);
        Setup.AccountInput.ValidateTimeZone(ModelState, nameof(TimeZone), TimeZone);

        if (!ModelState.IsValid)
        {
            Organizations = await accounts.OrganizationsOfAsync(User.UserId()!.Value, HttpContext.RequestAborted);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var organization = await accounts.CreateOrganizationAsync(User.UserId()!.Value, Name!, Currency!, TimeZone, HttpContext.RequestAborted);
        return Redirect($"/o/{organization.Id}");
    }

    public static string RoleName(Role role) => role switch
    {
        Role.Owner => L("所有者", "Owner"),
        Role.Manager => L("经理", "Manager"),
        Role.Supervisor => L("主管", "Supervisor"),
        Role.Staff => L("员工", "Staff"),
        _ => L("查看者", "Viewer"),
    };
}
