using Formation.Application.Data;
using Formation.Application.Features.Work;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Features.Work;

/// <summary>The work plan as a filtered list, and the action that generates or updates it from the accepted plan.</summary>
public sealed class IndexModel(AppDbContext db, WorkPlans workPlans) : OrgPageModel
{
    public const int PageSize = 200;

    [BindProperty(SupportsGet = true)]
    public string? Post { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Phase { get; set; }

    [BindProperty(SupportsGet = true)]
    public WorkStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? DueFrom { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? DueTo { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool ShowRetired { get; set; }

    public List<WorkItem> Items { get; private set; } = [];

    public int Total { get; private set; }

    public List<string> Posts { get; private set; } = [];

    public GenerationResult? Generated { get; private set; }

    public bool NothingAccepted { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostGenerateAsync()
    {
        if (!CanEdit)
        {
            return Denied();
        }

        Generated = await workPlans.GenerateAsync(UserId, HttpContext.RequestAborted);
        NothingAccepted = Generated is null;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var query = db.WorkItems.AsNoTracking().Where(i => i.DeletedAt == null && (ShowRetired || !i.Retired));
        if (!string.IsNullOrEmpty(Post))
        {
            query = query.Where(i => i.OwnerPost == Post);
        }

        if (!string.IsNullOrEmpty(Phase))
        {
            query = query.Where(i => i.Phase == Phase);
        }

        if (Status is { } status)
        {
            query = query.Where(i => i.Status == status);
        }

        if (DueFrom is { } from)
        {
            query = query.Where(i => i.DueDate >= from);
        }

        if (DueTo is { } to)
        {
            query = query.Where(i => i.DueDate <= to);
        }

        Total = await query.CountAsync(HttpContext.RequestAborted);
        Items = await query.OrderBy(i => i.DueDate).ThenBy(i => i.OwnerPost).ThenBy(i => i.Key).Take(PageSize).ToListAsync(HttpContext.RequestAborted);
        Posts = await db.WorkItems.AsNoTracking().Select(i => i.OwnerPost).Distinct().OrderBy(p => p).ToListAsync(HttpContext.RequestAborted);
    }
}
