using System.Globalization;
using System.Text.Encodings.Web;
using Formation.Application.Data;
using Formation.Application.Features.Work;
using Formation.Domain.Planning;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Features.Work;

/// <summary>
/// What the work plan's views (list, board, calendar, Gantt) share: the filters by post, person, phase,
/// function (through the posts that belong to it) and due range, the choices the filter form offers, and
/// who the organisation's members are, read once per request so a view never looks a name up per task.
/// </summary>
public abstract class WorkViewPageModel(AppDbContext db, TimeProvider clock) : OrgPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Post { get; set; }

    /// <summary>The owner the tasks are assigned to.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Person { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Phase { get; set; }

    /// <summary>A business function id (<see cref="Ids.ToId(BusinessFunction)"/>); tasks of its posts.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Function { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? DueFrom { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? DueTo { get; set; }

    /// <summary>The posts that own tasks, in org-chart order, for the post filter.</summary>
    public List<string> Posts { get; private set; } = [];

    /// <summary>The organisation's members by name, for the person filter and the owners shown on tasks.</summary>
    public List<(Guid Id, string Name)> People { get; private set; } = [];

    public DateOnly Today { get; private set; }

    /// <summary>Which view this is (list, board, calendar, gantt), for the view tabs.</summary>
    public abstract string View { get; }

    /// <summary>True when any filter is set.</summary>
    public bool Filtered => !string.IsNullOrEmpty(Post) || Person is not null || !string.IsNullOrEmpty(Phase) || !string.IsNullOrEmpty(Function) || DueFrom is not null || DueTo is not null;

    protected AppDbContext Db => db;

    /// <summary>Now, from the injected clock.</summary>
    protected DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    private Dictionary<Guid, string> Names { get; set; } = [];

    /// <summary>The member's name, or null for an unclaimed task or someone no longer in the organisation.</summary>
    public string? NameOf(Guid? userId) => userId is { } id && Names.TryGetValue(id, out var name) ? name : null;

    /// <summary>
    /// The filters as a query string (with a leading <c>?</c>, or empty), to carry them to another view;
    /// <paramref name="extra"/> adds parameters or replaces a filter's value.
    /// </summary>
    public string FilterQuery(params (string Name, string? Value)[] extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        var parts = new List<(string Name, string? Value)>
        {
            (nameof(Post), Post),
            (nameof(Person), Person?.ToString()),
            (nameof(Phase), Phase),
            (nameof(Function), Function),
            (nameof(DueFrom), DueFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            (nameof(DueTo), DueTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        };
        parts.RemoveAll(p => extra.Any(e => e.Name == p.Name));
        parts.AddRange(extra);
        var query = string.Join('&', parts.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={UrlEncoder.Default.Encode(p.Value!)}"));
        return query.Length == 0 ? "" : "?" + query;
    }

    /// <summary>Live tasks (not deleted, not retired) that pass the filters.</summary>
    protected IQueryable<WorkItem> LiveTasks() => Apply(db.WorkItems.AsNoTracking().Where(i => i.DeletedAt == null && !i.Retired));

    /// <summary>Narrows tasks to the filters; an unknown function matches nothing rather than everything.</summary>
    protected IQueryable<WorkItem> Apply(IQueryable<WorkItem> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!string.IsNullOrEmpty(Post))
        {
            query = query.Where(i => i.OwnerPost == Post);
        }

        if (Person is { } person)
        {
            query = query.Where(i => i.OwnerUserId == person);
        }

        if (!string.IsNullOrEmpty(Phase))
        {
            query = query.Where(i => i.Phase == Phase);
        }

        if (!string.IsNullOrEmpty(Function))
        {
            var posts = Ids.TryParseFunction(Function, out var function)
                ? PostCatalog.All.Where(p => p.Function == function).Select(p => p.Id).ToList()
                : [];
            query = query.Where(i => posts.Contains(i.OwnerPost));
        }

        if (DueFrom is { } from)
        {
            query = query.Where(i => i.DueDate >= from);
        }

        if (DueTo is { } to)
        {
            query = query.Where(i => i.DueDate <= to);
        }

        return query;
    }

    /// <summary>Reads the filter form's choices and the members' names: two small queries.</summary>
    protected async Task LoadChoicesAsync()
    {
        var ct = HttpContext.RequestAborted;
        Today = Formation.Domain.Text.TimeZones.DayOf(UtcNow, Organization.TimeZone);
        var posts = await db.WorkItems.AsNoTracking().Where(i => i.DeletedAt == null).Select(i => i.OwnerPost).Distinct().ToListAsync(ct);
        Posts = posts.OrderBy(PostCatalog.IndexOf).ThenBy(p => p, StringComparer.Ordinal).ToList();
        var members = await (from m in db.Memberships
                             join u in db.Users on m.UserId equals u.Id
                             where m.OrganizationId == Organization.Id
                             orderby u.DisplayName
                             select new { u.Id, u.DisplayName }).ToListAsync(ct);
        People = members.Select(m => (m.Id, m.DisplayName)).ToList();
        Names = People.ToDictionary(m => m.Id, m => m.Name);
    }

    /// <summary>The actor for <see cref="Tasks"/>: the signed-in member with their role here.</summary>
    protected Actor Actor => new(UserId, Role);
}
