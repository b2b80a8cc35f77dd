using Formation.Application.Data;
using Formation.Application.Features.Planning;
using Formation.Web.Infrastructure;

namespace Formation.Web.Features.Org;

/// <summary>The accepted plan versions, newest first.</summary>
public sealed class VersionsModel(Plans plans) : OrgPageModel
{
    public List<PlanVersion> Versions { get; private set; } = [];

    public async Task OnGetAsync() => Versions = await plans.VersionsAsync(HttpContext.RequestAborted);
}
