using Formation.Application.Features.Planning;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Formation.Web.Features.Org;

/// <summary>Two accepted versions side by side: head count, cost, posts added or removed, findings.</summary>
public sealed class CompareModel(Plans plans) : OrgPageModel
{
    public VersionComparison? Comparison { get; private set; }

    public async Task<IActionResult> OnGetAsync(int a, int b)
    {
        Comparison = await plans.CompareAsync(a, b, HttpContext.RequestAborted);
        return Comparison is null ? NotFound() : Page();
    }
}
