using Formation.Application.Data;
using Formation.Application.Features.Planning;
using Formation.Application.Features.Work;
using Formation.Domain.Planning;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Formation.Application.Features.Accounts;

namespace Formation.Web.Features.Work;

/// <summary>Members on the blueprint's posts: one person may hold several posts, a post takes people up to its head count; the rest are vacancies.</summary>
public sealed class PeopleModel(Accounts accounts, Plans plans, WorkPlans workPlans) : OrgPageModel
{
    public sealed record PostRow(PlannedPost Post, List<(Guid Id, string Name)> People, decimal Vacant, bool Full);

    public List<PostRow> Rows { get; private set; } = [];

    public List<(Guid Id, string Name)> Members { get; private set; } = [];

    public bool NoPlan { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAssignAsync(string post, Guid user)
    {
        if (!CanEdit)
        {
            return Denied();
        }

        await LoadAsync();
        var row = Rows.FirstOrDefault(r => r.Post.Id == post);
        if (row is null || Members.All(m => m.Id != user))
        {
            return BadRequest();
        }

        if (row.Full)
        {
            return StatusCode(StatusCodes.Status409Conflict);
        }

        await workPlans.AssignAsync(post, user, UserId, HttpContext.RequestAborted);
        return Redirect($"/o/{Organization.Id}/people");
    }

    public async Task<IActionResult> OnPostUnassignAsync(string post, Guid user)
    {
        if (!CanEdit)
        {
            return Denied();
        }

        await workPlans.UnassignAsync(post, user, UserId, HttpContext.RequestAborted);
        return Redirect($"/o/{Organization.Id}/people");
    }

    private async Task LoadAsync()
    {
        Members = (await accounts.MembersAsync(Organization.Id, HttpContext.RequestAborted)).Select(m => (m.Id, m.Name)).ToList();
        var names = Members.ToDictionary(m => m.Id, m => m.Name);
        var latest = (await plans.VersionsAsync(HttpContext.RequestAborted)).FirstOrDefault();
        if (latest is null)
        {
            NoPlan = true;
            return;
        }

        var assignments = await workPlans.AssignmentsAsync(HttpContext.RequestAborted);
        Rows = plans.BlueprintOf(latest).Posts.Select(p =>
        {
            var people = assignments.GetValueOrDefault(p.Id, []).Where(names.ContainsKey).Select(id => (id, names[id])).ToList();
            return new PostRow(p, people, Math.Max(0, p.Headcount - people.Count), people.Count >= Math.Ceiling(p.Headcount));
        }).ToList();
    }
}
