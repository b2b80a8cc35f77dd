using Formation.Domain.Text;
using Formation.Application.Data;
using Formation.Application.Features.Work;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using static Formation.Web.Infrastructure.Ui;

namespace Formation.Web.Features.Work;

/// <summary>
/// The work plan as a board: a column per status, a card per live task. A card moves by drag and drop
/// (wwwroot/js/board.js posts to <see cref="OnPostMoveAsync"/> and reads JSON) or, without script or
/// mouse, by the small form on each card, which posts the same fields and gets the page back. Every move
/// goes through <see cref="Tasks.MoveAsync"/> with the version the card was drawn from. Columns are
/// bounded so a plan of thousands of tasks still draws quickly: the soonest due first, and Done only for
/// the last <see cref="DoneDays"/> days.
/// </summary>
public sealed class BoardModel(AppDbContext db, Tasks tasks, TimeProvider clock) : WorkViewPageModel(db, clock)
{
    /// <summary>
    /// The most cards a column shows, soonest due first; the column says how many more there are and links
    /// to them in the list. More than a person reads on a board, few enough that the page stays quick.
    /// </summary>
    public const int PerColumn = 50;

    /// <summary>Done tasks last changed within this many days are shown; older ones are counted.</summary>
    public const int DoneDays = 14;

    /// <summary>One card: only the columns the board draws.</summary>
    public sealed record Card(Guid Id, string TitleZh, string TitleEn, string Kind, string Post, Guid? Owner, WorkStatus Status, DateOnly Due, int Version);

    /// <summary>A column: its cards and how many tasks it holds in all.</summary>
    public sealed record Column(WorkStatus Status, List<Card> Cards, int Total);

    public override string View => "board";

    public List<Column> Columns { get; private set; } = [];

    /// <summary>Done tasks older than <see cref="DoneDays"/> days, not drawn.</summary>
    public int OlderDone { get; private set; }

    /// <summary>What the last move came to, for the form without script.</summary>
    public string? Message { get; private set; }

    public bool MessageIsError { get; private set; }

    private HashSet<string> MyPosts { get; set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>
    /// Moves a card. The board's script and tests post <c>id</c>, <c>version</c> and <c>status</c>; the
    /// buttons of a card without script post one <c>move</c> value, <c>id:version:status</c>. Answers JSON
    /// when asked for it (Accept: application/json) and the board otherwise.
    /// </summary>
    public async Task<IActionResult> OnPostMoveAsync(Guid? id, int? version, string? status, string? move)
    {
        var wantsJson = Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);
        if (move?.Split(':') is [var moveId, var moveVersion, var moveStatus])
        {
            (id, version, status) = (Guid.TryParse(moveId, out var g) ? g : null, int.TryParse(moveVersion, out var v) ? v : null, moveStatus);
        }

        if (id is null || version is null || !EnumNames.TryParse<WorkStatus>(status, out var to, ignoreCase: false))
        {
            return await AnswerAsync(wantsJson, StatusCodes.Status400BadRequest, L("请选择一个任务和一个有效的状态。", "Choose a task and a valid status."), null);
        }

        var result = await tasks.MoveAsync(id.Value, version.Value, Actor, to, HttpContext.RequestAborted);
        return result.Outcome switch
        {
            TaskOutcome.Saved when wantsJson => new JsonResult(new MoveReply(result.Current!.Status.ToString(), result.Current.Version, L($"已移到「{WorkText.Status(to)}」。", $"Moved to {WorkText.Status(to)}."))),
            TaskOutcome.Saved => Redirect($"/o/{Organization.Id}/work/board{FilterQuery()}"),
            TaskOutcome.Conflict => await AnswerAsync(wantsJson, StatusCodes.Status409Conflict,
                L($"这个任务已被其他人修改（现为「{WorkText.Status(result.Current!.Status)}」），你的移动未保存。卡片已刷新，请再试一次。",
                  $"Someone else changed this task (it is now in {WorkText.Status(result.Current!.Status)}); your move was not saved. The card has been refreshed; try again."),
                result.Current),
            TaskOutcome.Forbidden => await AnswerAsync(wantsJson, StatusCodes.Status403Forbidden,
                L("你不能移动这个任务：员工只能移动自己的任务或自己岗位上未认领的任务，查看者不能修改。", "You may not move this task: staff move only their own tasks or their post's unclaimed ones, and viewers change nothing."),
                result.Current),
            _ => await AnswerAsync(wantsJson, StatusCodes.Status404NotFound, L("没有这个任务，或它已被删除。", "There is no such task, or it has been deleted."), null),
        };
    }

    /// <summary>Whether this member may move the card; <see cref="Tasks"/> decides again on the move.</summary>
    public bool MayMove(Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return Tasks.MayEdit(Probe(card), Actor, MyPosts);
    }

    private static WorkItem Probe(Card card) => new()
    {
        TitleZh = card.TitleZh,
        TitleEn = card.TitleEn,
        Phase = "",
        Kind = card.Kind,
        OwnerPost = card.Post,
        OwnerUserId = card.Owner,
        Cadence = "",
        EvidenceZh = "",
        EvidenceEn = "",
        CheckedBy = "",
    };

    private async Task<IActionResult> AnswerAsync(bool json, int status, string message, WorkItem? current)
    {
        if (json)
        {
            return new JsonResult(new MoveReply(current?.Status.ToString(), current?.Version, message)) { StatusCode = status };
        }

        await LoadAsync();
        Message = message;
        MessageIsError = true;
        Response.StatusCode = status;
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        await LoadChoicesAsync();
        MyPosts = Role == Role.Staff ? await tasks.PostsOfAsync(UserId, ct) : [];
        var live = LiveTasks();
        var doneSince = UtcNow.AddDays(-DoneDays);

        // One query counts every column (the old Done apart); then each column reads only the cards it draws.
        // A query per column beats one windowed query: SQLite stops sorting at PerColumn rows here, while a
        // window over all statuses sorts the whole plan with every column it reads.
        var counts = await live.GroupBy(i => new { i.Status, Recent = i.Status != WorkStatus.Done || i.UpdatedAt >= doneSince })
            .Select(g => new { g.Key.Status, g.Key.Recent, Count = g.Count() })
            .ToListAsync(ct);
        OlderDone = counts.Where(c => !c.Recent).Sum(c => c.Count);
        Columns = [];
        foreach (var status in Enum.GetValues<WorkStatus>())
        {
            var total = counts.Where(c => c.Status == status && c.Recent).Sum(c => c.Count);
            var cards = total == 0 ? [] : await live.Where(i => i.Status == status && (status != WorkStatus.Done || i.UpdatedAt >= doneSince))
                .OrderBy(i => i.DueDate).ThenBy(i => i.Id).Take(PerColumn)
                .Select(i => new Card(i.Id, i.TitleZh, i.TitleEn, i.Kind, i.OwnerPost, i.OwnerUserId, i.Status, i.DueDate, i.Version))
                .ToListAsync(ct);
            Columns.Add(new Column(status, cards, total));
        }
    }

    /// <summary>What the board's script reads after a move: the task's status and version as they now stand, and a message.</summary>
    public sealed record MoveReply(string? Status, int? Version, string Message);
}
