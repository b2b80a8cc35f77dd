using System.Globalization;
using Formation.Application.Data;
using Formation.Application.Features.Planning;
using Formation.Domain.Metrics;
using Formation.Domain.Playbooks;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using static Formation.Web.Infrastructure.Ui;

namespace Formation.Web.Features.Data;

/// <summary>
/// Channels and their campaigns, as imports created them or as added by hand. Owners and managers link each to the
/// playbook module and the post of the current plan that run it, and give a campaign its planned budget, dates and
/// the conclusions drawn from it; everyone else reads.
/// </summary>
public sealed class ChannelsModel(AppDbContext db, DatabaseTarget target, Plans plans, PlaybookLibrary library, TimeProvider clock, MetricPageCache pages) : OrgPageModel
{
    public const int MaxConclusions = 20_000;

    private const int MaxName = 200;

    /// <summary>Largest planned budget accepted: far above any department's, far below what ten-thousandths in 64 bits hold.</summary>
    private const decimal MaxBudget = 100_000_000_000m;

    public sealed record LinkOption(string Id, string Label);

    public List<Channel> ChannelList { get; private set; } = [];

    public ILookup<long, Campaign> CampaignsOf { get; private set; } = Array.Empty<Campaign>().ToLookup(c => c.ChannelId);

    /// <summary>The modules of the current plan's marketing models; empty without an accepted plan.</summary>
    public List<LinkOption> Modules { get; private set; } = [];

    /// <summary>The posts of the current plan.</summary>
    public List<LinkOption> Posts { get; private set; } = [];

    public bool HasPlan { get; private set; }

    /// <summary>Why a change was refused, shown with a 400.</summary>
    public string? Error { get; private set; }

    /// <summary>The form the error belongs to (e.g. <c>campaign-3</c>), so it shows next to it.</summary>
    public string? ErrorFor { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddChannelAsync(string? name, string? module, string? post)
    {
        if (!CanEdit)
        {
            return Denied();
        }

        await LoadAsync();
        var clean = name?.Trim() ?? "";
        if (NameProblem(clean, L("渠道名称", "Channel name")) is { } bad)
        {
            return Bad("new-channel", bad);
        }

        if (ChannelList.Any(c => c.Name == clean))
        {
            return Bad("new-channel", L($"渠道名称：已有名为“{clean}”的渠道。", $"Channel name: a channel named \"{clean}\" exists."));
        }

        if (LinkProblem(module, post) is { } wrong)
        {
            return Bad("new-channel", wrong);
        }

        await InsertAsync(async () =>
        {
            var id = await db.Channels.Select(c => (long?)c.Id).MaxAsync(HttpContext.RequestAborted) ?? 0;
            db.Channels.Add(new Channel { OrganizationId = Organization.Id, Id = id + 1, Name = clean, ModuleId = Blank(module), PostId = Blank(post), CreatedAt = clock.GetUtcNow().UtcDateTime });
        });
        await pages.ChangedAsync(Organization.Id, CancellationToken.None);
        return Redirect($"/o/{Organization.Id}/data/channels");
    }

    public async Task<IActionResult> OnPostAddCampaignAsync(long? channel, string? name)
    {
        if (!CanEdit)
        {
            return Denied();
        }

        await LoadAsync();
        var owner = ChannelList.FirstOrDefault(c => c.Id == channel);
        if (owner is null)
        {
            return Bad("new-campaign", L("渠道：请选择本组织的一个渠道。", "Channel: choose one of this organisation's channels."));
        }

        var clean = name?.Trim() ?? "";
        if (NameProblem(clean, L("活动名称", "Campaign name")) is { } bad)
        {
            return Bad("new-campaign", bad);
        }

        if (CampaignsOf[owner.Id].Any(c => c.Name == clean))
        {
            return Bad("new-campaign", L($"活动名称：渠道“{owner.Name}”中已有名为“{clean}”的活动。", $"Campaign name: the channel \"{owner.Name}\" has a campaign named \"{clean}\"."));
        }

        await InsertAsync(async () =>
        {
            var id = await db.Campaigns.Select(c => (long?)c.Id).MaxAsync(HttpContext.RequestAborted) ?? 0;
            db.Campaigns.Add(new Campaign { OrganizationId = Organization.Id, Id = id + 1, ChannelId = owner.Id, Name = clean, CreatedAt = clock.GetUtcNow().UtcDateTime });
        });
        await pages.ChangedAsync(Organization.Id, CancellationToken.None);
        return Redirect($"/o/{Organization.Id}/data/channels#campaign-{owner.Id}");
    }

    public async Task<IActionResult> OnPostChannelAsync(long id, string? module, string? post)
    {
        if (!CanEdit)
        {
            return Denied();
        }

        var channel = await db.Channels.SingleOrDefaultAsync(c => c.Id == id, HttpContext.RequestAborted);
        if (channel is null)
        {
            return NotFound();
        }

        await LoadAsync();
        if (LinkProblem(module, post) is { } wrong)
        {
            return Bad($"channel-{id}", wrong);
        }

        channel.ModuleId = Blank(module);
        channel.PostId = Blank(post);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        await pages.ChangedAsync(Organization.Id, CancellationToken.None);
        return Redirect($"/o/{Organization.Id}/data/channels#channel-{id}");
    }

    public async Task<IActionResult> OnPostCampaignAsync(long id, string? module, string? post, string? budget, string? startsOn, string? endsOn, string? conclusions)
    {
        if (!CanEdit)
        {
            return Denied();
        }

        var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == id, HttpContext.RequestAborted);
        if (campaign is null)
        {
            return NotFound();
        }

        await LoadAsync();
        var form = $"campaign-{id}";
        if (LinkProblem(module, post) is { } wrong)
        {
            return Bad(form, wrong);
        }

        long? budgetE4 = null;
        if (!string.IsNullOrWhiteSpace(budget))
        {
            var digits = Currencies.MinorDigits(Organization.Currency);
            if (!decimal.TryParse(budget.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount > MaxBudget)
            {
                return Bad(form, L($"计划预算：“{budget}”不是不小于 0 的金额（例如 12000 或 12000.50）。", $"Planned budget: \"{budget}\" is not an amount of 0 or more (e.g. 12000 or 12000.50)."));
            }

            if (Kpis.RoundMoney(amount, Organization.Currency) != amount)
            {
                return Bad(form, L($"计划预算：{Organization.Currency} 金额最多 {digits} 位小数。", $"Planned budget: {Organization.Currency} amounts have at most {digits} decimals."));
            }

            budgetE4 = (long)(amount * 10_000m);
        }

        if (!TryDay(startsOn, out var starts) || !TryDay(endsOn, out var ends))
        {
            return Bad(form, L("开始和结束日期须写成 yyyy-MM-dd，年份在 2000–2199 之间。", "The start and end dates must be yyyy-MM-dd, in the years 2000–2199."));
        }

        if (starts is { } s && ends is { } e && e < s)
        {
            return Bad(form, L($"结束日期（{DataText.Day(e)}）不能早于开始日期（{DataText.Day(s)}）。", $"The end date ({DataText.Day(e)}) must not be before the start date ({DataText.Day(s)})."));
        }

        conclusions = conclusions?.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (conclusions?.Length > MaxConclusions)
        {
            return Bad(form, L($"结论最多 {MaxConclusions:N0} 个字符（当前 {conclusions.Length:N0}）。", $"Conclusions may have at most {MaxConclusions:N0} characters (these have {conclusions.Length:N0})."));
        }

        campaign.ModuleId = Blank(module);
        campaign.PostId = Blank(post);
        campaign.PlannedBudgetE4 = budgetE4;
        campaign.StartsOn = starts;
        campaign.EndsOn = ends;
        campaign.Conclusions = string.IsNullOrWhiteSpace(conclusions) ? null : conclusions;
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        await pages.ChangedAsync(Organization.Id, CancellationToken.None);
        return Redirect($"/o/{Organization.Id}/data/channels#campaign-{id}");
    }

    /// <summary>A label for a module or post id; ids the plan no longer has are shown as they are.</summary>
    public string LabelOf(List<LinkOption> options, string? id) => id is null ? "—" : options.FirstOrDefault(o => o.Id == id)?.Label ?? id;

    public string Budget(long? e4) => e4 is { } v ? (v / 10_000m).ToString("0.##", CultureInfo.InvariantCulture) : "";

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool TryDay(string? text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) && parsed.Year is >= 2000 and <= 2199)
        {
            day = parsed;
            return true;
        }

        return false;
    }

    private static string? NameProblem(string name, string what) =>
        name.Length is 0 or > MaxName || name.Any(char.IsControl)
            ? L($"{what}：请填写 1–{MaxName} 个字符，不含换行。", $"{what}: give 1–{MaxName} characters without line breaks.")
            : null;

    private string? LinkProblem(string? module, string? post)
    {
        if (Blank(module) is { } m && Modules.All(o => o.Id != m))
        {
            return L($"模块：当前规划中没有“{m}”。", $"Module: the current plan has no module \"{m}\".");
        }

        return Blank(post) is { } p && Posts.All(o => o.Id != p)
            ? L($"岗位：当前规划中没有“{p}”。", $"Post: the current plan has no post \"{p}\".")
            : null;
    }

    private PageResult Bad(string form, string message)
    {
        Error = message;
        ErrorFor = form;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>
    /// Adds a row whose id is the organisation's max + 1 under the importer's lock (the write lock taken at BEGIN on
    /// SQLite; the organisation's advisory lock on PostgreSQL), so a hand-made channel and an import never take one id.
    /// </summary>
    private async Task InsertAsync(Func<Task> add)
    {
        var ct = HttpContext.RequestAborted;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (target.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({Organization.Id}::text, 0))", ct);
        }

        await add();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        ChannelList = await db.Channels.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);
        CampaignsOf = (await db.Campaigns.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct)).ToLookup(c => c.ChannelId);
        var latest = (await plans.VersionsAsync(ct)).FirstOrDefault();
        if (latest is null)
        {
            return;
        }

        HasPlan = true;
        var blueprint = plans.BlueprintOf(latest);
        Posts = [.. blueprint.Posts.Select(p => new LinkOption(p.Id, T(p.Title)))];
        Modules = [.. blueprint.Models.Where(library.Playbooks.ContainsKey).SelectMany(m => library.Playbooks[m].Modules
            .Select(x => new LinkOption(x.Id, $"{T(library.Playbooks[m].Name)} · {T(x.Name)}")))];
    }
}
