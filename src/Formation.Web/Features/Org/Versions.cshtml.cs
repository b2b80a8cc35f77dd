using Formation.Application.Data;
using Formation.Application.Features.Planning;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Formation.Web.Features.Org;

/// <summary>The accepted plan versions, newest first; right after accepting one, the offer to bring the work plan up to date.</summary>
public sealed class VersionsModel(Plans plans) : OrgPageModel
{
    /// <summary>The version just accepted, when the page follows an acceptance.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Accepted { get; set; }

    public List<PlanVersion> Versions { get; private set; } = [];

    public async Task OnGetAsync() => Versions = await plans.VersionsAsync(HttpContext.RequestAborted);
}
