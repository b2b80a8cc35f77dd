using Formation.Application.Data;
using Formation.Application.Features.Work;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Features.Work;

/// <summary>The work plan as a filtered list, and the action that generates or updates it from the accepted plan.</summary>
public sealed class IndexModel(AppDbContext db, WorkPlans workPlans, TimeProvider clock) : WorkViewPageModel(db, clock)
{
    public const int PageSize = 200;

    public override string View => "list";

    [BindProperty(SupportsGet = true)]
    public WorkStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool ShowRetired { get; set; }

    public List<WorkItem> Items { get; private set; } = [];

    public int Total { get; private set; }

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
        await LoadChoicesAsync();
        var query = Apply(Db.WorkItems.AsNoTracking().Where(i => i.DeletedAt == null && (ShowRetired || !i.Retired)));
        if (Status is { } status && Enum.IsDefined(status))
        {
            query = query.Where(i => i.Status == status);
        }

        Total = await query.CountAsync(HttpContext.RequestAborted);
        Items = await query.OrderBy(i => i.DueDate).ThenBy(i => i.OwnerPost).ThenBy(i => i.Key).Take(PageSize).ToListAsync(HttpContext.RequestAborted);
    }
}
