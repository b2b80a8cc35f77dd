using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Formation.Web.Features.Data;

/// <summary>
/// A commit running in the background: its progress, polled every second (htmx, or a refresh without script), then
/// how it ended: what was written, or why nothing was.
/// </summary>
public sealed class ImportProgressModel(ImportJobs jobs, ImportStaging staging) : OrgPageModel
{
    public ImportJob Job { get; private set; } = null!;

    public IActionResult OnGet(string id) => Find(id) ?? Page();

    /// <summary>Only the status panel, for polling.</summary>
    public IActionResult OnGetStatus(string id) => Find(id) ?? Partial("_ImportStatus", this);

    private IActionResult? Find(string id)
    {
        if (ImportStaging.IsId(id) && jobs.Find(Organization.Id, id) is { } job)
        {
            Job = job;
            return null;
        }

        // No commit of this upload is known (the app restarted, or none was started): back to its preview if it is still there.
        return staging.Find(Organization.Id, id) is not null ? Redirect($"/o/{Organization.Id}/data/imports/{id}/preview") : NotFound();
    }
}
