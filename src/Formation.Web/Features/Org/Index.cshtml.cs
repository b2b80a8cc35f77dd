using Formation.Application.Data;
using Formation.Application.Features.Planning;
using Formation.Domain.Planning;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Formation.Web.Features.Org;

/// <summary>The organisation's start page: the working plan's headline figures and the accept action.</summary>
public sealed class IndexModel(Plans plans) : OrgPageModel
{
    public ProfileDraft? Draft { get; private set; }

    public Blueprint? Blueprint { get; private set; }

    public int VersionCount { get; private set; }

    public async Task OnGetAsync()
    {
        Draft = await plans.DraftAsync(HttpContext.RequestAborted);
        Blueprint = Draft is null ? null : plans.Compute(Draft.Yaml).Blueprint;
        VersionCount = (await plans.VersionsAsync(HttpContext.RequestAborted)).Count;
    }

    public async Task<IActionResult> OnPostAcceptAsync(string? note)
    {
        if (!CanEdit)
        {
            return Denied();
        }

        if (note is { Length: > 500 })
        {
            return BadRequest();
        }

        var version = await plans.AcceptAsync(UserId, note, HttpContext.RequestAborted);
        return version is null ? BadRequest() : Redirect($"/o/{Organization.Id}/versions?accepted={version.Number}");
    }
}
