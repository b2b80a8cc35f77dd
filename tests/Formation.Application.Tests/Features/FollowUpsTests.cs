using Formation.Application.Data;
using Formation.Application.Features.Accounts;
using Formation.Application.Features.Planning;
using Formation.Application.Features.Work;
using Formation.Domain.Playbooks;
using Formation.Domain.WorkPlans;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Formation.Application.Tests.Features;

/// <summary>The follow-up on a real database with a clock the tests move: who is told when, and that runs are idempotent.</summary>
public class FollowUpsTests
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The retailer example with enough content that promoters report to a promotion supervisor, who reports to the manager.</summary>
    private static string RetailerWithSupervisor()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Formation.slnx")))
        {
            dir = dir.Parent;
        }

        var retailer = File.ReadAllText(Path.Combine(dir.FullName, "examples", "retailer.yaml"));
        retailer.ShouldContain("contentPiecesPerWeek: 10");
        return retailer.Replace("contentPiecesPerWeek: 10", "contentPiecesPerWeek: 40", StringComparison.Ordinal);
    }

    /// <summary>One database, a fake clock, and organisations with a plan and a member on each post that matters.</summary>
    private sealed class World : IAsyncDisposable
    {
        private readonly BlueprintCache _cache = new();

        public required TestDatabase Db { get; init; }

        public FakeTimeProvider Clock { get; } = new(s_start);

        public AppDbContext Context(Guid organization)
        {
            var context = Db.Target.CreateContext();
            context.OrganizationId = organization;
            return context;
        }

        public Plans Plans(AppDbContext context) => new(context, PlaybookLibrary.Shipped, Clock, _cache, new NoPlanChanges());

        public FollowUps FollowUps(AppDbContext context) => new(context, Plans(context), Clock, new NoPlanChanges());

        public DateOnly Today => Formation.Domain.Text.TimeZones.Today(Clock.GetUtcNow(), "Asia/Shanghai"); // the CNY organisations' day

        public async Task<FollowUpRun> RunAsync(Guid organization)
        {
            await using var context = Context(organization);
            return await FollowUps(context).RunAsync();
        }

        public async ValueTask DisposeAsync()
        {
            _cache.Dispose();
            await Db.DisposeAsync();
        }
    }

    /// <summary>An organisation of the world: its owner and the members holding the promoter's, supervisor's and manager's posts.</summary>
    private sealed record Org(Guid Id, Guid Owner, Guid Promoter, Guid Supervisor, Guid Manager);

    private static async Task<World> WorldAsync(string provider)
    {
        var db = await TestDatabase.CreateAsync(provider);
        await db.Target.MigrateAsync(TimeProvider.System);
        return new World { Db = db };
    }

    private static async Task<Org> OrgAsync(World world, string name)
    {
        Guid ownerId, organizationId;
        await using (var context = world.Db.Target.CreateContext())
        {
            var accounts = new Accounts(context, world.Clock);
            var setUp = await accounts.SetUpAsync($"owner.{name}@example.com", "Owner", "correct horse battery", name, "CNY", "en");
            if (setUp is { } first)
            {
                (ownerId, organizationId) = (first.User.Id, first.Organization.Id);
            }
            else
            {
                ownerId = (await AddUserAsync(context, null, $"owner.{name}", Role.Owner)).Id;
                organizationId = (await accounts.CreateOrganizationAsync(ownerId, name, "CNY")).Id;
            }
        }

        await using var org = world.Context(organizationId);
        var plans = world.Plans(org);
        (await plans.SaveDraftAsync(RetailerWithSupervisor(), null, ownerId)).Saved.ShouldBeTrue();
        (await plans.AcceptAsync(ownerId, null)).ShouldNotBeNull();
        var work = new WorkPlans(org, plans, PlaybookLibrary.Shipped, world.Clock);
        (await work.GenerateAsync(ownerId))!.Added.ShouldBeGreaterThan(0);
        var promoter = await AddUserAsync(org, organizationId, $"promoter.{name}", Role.Staff);
        var supervisor = await AddUserAsync(org, organizationId, $"supervisor.{name}", Role.Supervisor);
        var manager = await AddUserAsync(org, organizationId, $"manager.{name}", Role.Manager);
        (await work.AssignAsync("promoter", promoter.Id, ownerId)).ShouldBeTrue();
        (await work.AssignAsync("promotion-supervisor", supervisor.Id, ownerId)).ShouldBeTrue();
        (await work.AssignAsync("manager", manager.Id, ownerId)).ShouldBeTrue();
        return new Org(organizationId, ownerId, promoter.Id, supervisor.Id, manager.Id);
    }

    private static async Task<User> AddUserAsync(AppDbContext context, Guid? organization, string name, Role role)
    {
        var user = new User { Id = Guid.CreateVersion7(), Email = $"{name}@example.com", NormalizedEmail = $"{name}@EXAMPLE.COM".ToUpperInvariant(), DisplayName = name, PasswordHash = "-", CreatedAt = DateTime.UtcNow };
        context.Users.Add(user);
        if (organization is { } o)
        {
            context.Memberships.Add(new Membership { OrganizationId = o, UserId = user.Id, Role = role, CreatedAt = DateTime.UtcNow });
        }

        await context.SaveChangesAsync();
        return user;
    }

    /// <summary>A promoter's task, due on <paramref name="due"/> and last changed now; every other task is done, so only this one is followed up.</summary>
    private static async Task<Guid> OnlyOpenTaskAsync(World world, Org org, DateOnly due)
    {
        await using var context = world.Context(org.Id);
        var task = await context.WorkItems.Where(i => i.OwnerPost == "promoter").OrderBy(i => i.Key).FirstAsync();
        await context.WorkItems.Where(i => i.Id != task.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, WorkStatus.Done));
        task.DueDate = due;
        task.Status = WorkStatus.Doing;
        task.UpdatedAt = world.Clock.GetUtcNow().UtcDateTime;
        await context.SaveChangesAsync();
        task.OwnerUserId.ShouldBe(org.Promoter, "a post held by one person gives its tasks to that person");
        return task.Id;
    }

    /// <summary>Who is told about the task now: unresolved notices as (member, reason, level).</summary>
    private static async Task<List<(Guid User, string Reason, string Level)>> ActiveAsync(World world, Org org, Guid task)
    {
        await using var context = world.Context(org.Id);
        return (await context.Notifications.AsNoTracking().Where(n => n.TaskId == task && n.ResolvedAt == null).ToListAsync())
            .Select(n => (n.UserId, n.Reason, n.Level)).OrderBy(n => n.Level == "owner" ? 0 : n.Level == "supervisor" ? 1 : 2).ThenBy(n => n.Reason).ToList();
    }

    private static async Task<List<Notification>> AllAsync(World world, Guid organization)
    {
        await using var context = world.Context(organization);
        return await context.Notifications.AsNoTracking().OrderBy(n => n.Id).ToListAsync();
    }

    private static async Task SetStatusAsync(World world, Org org, Guid task, WorkStatus status)
    {
        await using var context = world.Context(org.Id);
        var version = await context.WorkItems.Where(i => i.Id == task).Select(i => i.Version).SingleAsync();
        var result = await new Tasks(context, world.Clock).MoveAsync(task, version, new Actor(org.Owner, Role.Owner), status);
        result.Outcome.ShouldBe(TaskOutcome.Saved);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Run_TaskGoesOverdue_TellsOwnerThenSupervisorThenLeadAndCompletingResolves(string provider)
    {
        await using var world = await WorldAsync(provider);
        var org = await OrgAsync(world, "Tea");
        var rules = new FollowUpRules();
        var task = await OnlyOpenTaskAsync(world, org, world.Today.AddDays(rules.DueSoonDays + 1));

        // Stalled notices come too once the task has been quiet for a week; this test follows the due date.
        async Task<List<(Guid User, string Reason, string Level)>> DueAsync() =>
            (await ActiveAsync(world, org, task)).Where(n => n.Reason != "stalled").ToList();
        await world.RunAsync(org.Id);
        var beforeWindow = await DueAsync();
        world.Clock.Advance(TimeSpan.FromDays(rules.DueSoonDays + 1));
        await world.RunAsync(org.Id);
        var dueToday = await DueAsync();
        world.Clock.Advance(TimeSpan.FromDays(1));
        await world.RunAsync(org.Id);
        var oneDayOver = await DueAsync();
        world.Clock.Advance(TimeSpan.FromDays(rules.SupervisorAfterDays - 1));
        await world.RunAsync(org.Id);
        var supervisorDays = await DueAsync();
        world.Clock.Advance(TimeSpan.FromDays(rules.ManagerAfterDays - rules.SupervisorAfterDays));
        await world.RunAsync(org.Id);
        var managerDays = await DueAsync();
        var activeBeforeDone = (await ActiveAsync(world, org, task)).Count;
        await SetStatusAsync(world, org, task, WorkStatus.Done);
        var afterDone = await world.RunAsync(org.Id);

        beforeWindow.ShouldBeEmpty();
        dueToday.ShouldBe([(org.Promoter, "due-soon", "owner")]);
        oneDayOver.ShouldBe([(org.Promoter, "overdue", "owner")]);
        supervisorDays.ShouldBe([(org.Promoter, "overdue", "owner"), (org.Supervisor, "overdue", "supervisor")]);
        managerDays.ShouldBe([(org.Promoter, "overdue", "owner"), (org.Supervisor, "overdue", "supervisor"), (org.Manager, "overdue", "manager")]);
        afterDone.ShouldBe(new FollowUpRun(0, 0, activeBeforeDone, 0));
        (await ActiveAsync(world, org, task)).ShouldBeEmpty();
        var rows = await AllAsync(world, org.Id);
        rows.Single(n => n.Level == "owner" && n.Reason == "overdue").Days.ShouldBe(rules.ManagerAfterDays);
        rows.ShouldAllBe(n => n.ResolvedAt != null);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Run_TwiceOnTheSameDay_ChangesNothing(string provider)
    {
        await using var world = await WorldAsync(provider);
        var org = await OrgAsync(world, "Tea");
        var task = await OnlyOpenTaskAsync(world, org, world.Today);
        world.Clock.Advance(TimeSpan.FromDays(new FollowUpRules().ManagerAfterDays));

        var first = await world.RunAsync(org.Id);
        var rows = await AllAsync(world, org.Id);
        world.Clock.Advance(TimeSpan.FromHours(3));
        var second = await world.RunAsync(org.Id);

        first.Created.ShouldBe(3);
        second.IsEmpty.ShouldBeTrue();
        var again = await AllAsync(world, org.Id);
        again.Select(n => (n.Id, n.UserId, n.TaskId, n.Reason, n.Level, n.Days, n.UpdatedAt, n.ReadAt, n.ResolvedAt))
            .ShouldBe(rows.Select(n => (n.Id, n.UserId, n.TaskId, n.Reason, n.Level, n.Days, n.UpdatedAt, n.ReadAt, n.ResolvedAt)));
        rows.ShouldAllBe(n => n.TaskId == task);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Run_TwoAtOnce_SettleOnTheSameRows(string provider)
    {
        await using var world = await WorldAsync(provider);
        var org = await OrgAsync(world, "Tea");
        await OnlyOpenTaskAsync(world, org, world.Today.AddDays(-new FollowUpRules().ManagerAfterDays));

        var runs = await Task.WhenAll(world.RunAsync(org.Id), world.RunAsync(org.Id));
        var third = await world.RunAsync(org.Id);

        runs.Sum(r => r.Created).ShouldBe(3);
        third.IsEmpty.ShouldBeTrue();
        (await AllAsync(world, org.Id)).Select(n => n.Level).ShouldBe(["owner", "supervisor", "manager"], ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Run_NextDay_UpdatesTheDaysOfTheSameNotices(string provider)
    {
        await using var world = await WorldAsync(provider);
        var org = await OrgAsync(world, "Tea");
        await OnlyOpenTaskAsync(world, org, world.Today.AddDays(-1));

        await world.RunAsync(org.Id);
        var before = (await AllAsync(world, org.Id)).ShouldHaveSingleItem();
        world.Clock.Advance(TimeSpan.FromDays(1));
        var run = await world.RunAsync(org.Id);

        run.Updated.ShouldBe(1);
        var after = (await AllAsync(world, org.Id)).Where(n => n.Level == "owner").ShouldHaveSingleItem();
        after.Id.ShouldBe(before.Id);
        after.Days.ShouldBe(before.Days + 1);
        after.UpdatedAt.ShouldBeGreaterThan(before.UpdatedAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Run_TaskNotUpdatedForTooLong_IsStalledAndEscalates(string provider)
    {
        await using var world = await WorldAsync(provider);
        var org = await OrgAsync(world, "Tea");
        var rules = new FollowUpRules();
        var task = await OnlyOpenTaskAsync(world, org, world.Today.AddDays(60));

        world.Clock.Advance(TimeSpan.FromDays(rules.StalledDays - 1));
        await world.RunAsync(org.Id);
        var quiet = await ActiveAsync(world, org, task);
        world.Clock.Advance(TimeSpan.FromDays(1));
        await world.RunAsync(org.Id);
        var stalled = await ActiveAsync(world, org, task);
        world.Clock.Advance(TimeSpan.FromDays(rules.SupervisorAfterDays));
        await world.RunAsync(org.Id);
        var escalated = await ActiveAsync(world, org, task);
        await SetStatusAsync(world, org, task, WorkStatus.Review);
        await world.RunAsync(org.Id);

        quiet.ShouldBeEmpty();
        stalled.ShouldBe([(org.Promoter, "stalled", "owner")]);
        escalated.ShouldBe([(org.Promoter, "stalled", "owner"), (org.Supervisor, "stalled", "supervisor")]);
        (await ActiveAsync(world, org, task)).ShouldBeEmpty("moving the task along is an update");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Run_ConditionComesBack_ReopensTheNoticeUnread(string provider)
    {
        await using var world = await WorldAsync(provider);
        var org = await OrgAsync(world, "Tea");
        var task = await OnlyOpenTaskAsync(world, org, world.Today.AddDays(-1));
        await world.RunAsync(org.Id);
        await using (var context = world.Context(org.Id))
        {
            (await world.FollowUps(context).MarkAllReadAsync(org.Promoter)).ShouldBe(1);
        }

        await SetStatusAsync(world, org, task, WorkStatus.Done);
        var resolved = await world.RunAsync(org.Id);
        await SetStatusAsync(world, org, task, WorkStatus.Doing);
        var reopened = await world.RunAsync(org.Id);

        resolved.Resolved.ShouldBe(1);
        reopened.ShouldBe(new FollowUpRun(0, 0, 0, 1));
        var row = (await AllAsync(world, org.Id)).ShouldHaveSingleItem();
        row.ResolvedAt.ShouldBeNull();
        row.ReadAt.ShouldBeNull();
        await using var check = world.Context(org.Id);
        (await world.FollowUps(check).UnreadCountAsync(org.Promoter)).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Run_OrganisationThresholds_TakeEffect(string provider)
    {
        await using var world = await WorldAsync(provider);
        var org = await OrgAsync(world, "Tea");
        var task = await OnlyOpenTaskAsync(world, org, world.Today.AddDays(5));
        var strict = new FollowUpRules(DueSoonDays: 5, StalledDays: 30, SupervisorAfterDays: 1, ManagerAfterDays: 1);
        await using (var context = world.Context(org.Id))
        {
            (await world.FollowUps(context).SaveSettingsAsync(strict)).ShouldBeEmpty();
        }

        await world.RunAsync(org.Id);
        var early = await ActiveAsync(world, org, task);
        world.Clock.Advance(TimeSpan.FromDays(6));
        await world.RunAsync(org.Id);
        var oneDayOver = await ActiveAsync(world, org, task);

        early.ShouldBe([(org.Promoter, "due-soon", "owner")]);
        oneDayOver.ShouldBe([(org.Promoter, "overdue", "owner"), (org.Supervisor, "overdue", "supervisor"), (org.Manager, "overdue", "manager")]);
        await using var check = world.Context(org.Id);
        (await world.FollowUps(check).SettingsAsync()).ShouldBe(strict);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveSettings_Invalid_NamesTheFieldAndSavesNothing(string provider)
    {
        await using var world = await WorldAsync(provider);
        var org = await OrgAsync(world, "Tea");
        await using var context = world.Context(org.Id);
        var followUps = world.FollowUps(context);

        var managerFirst = await followUps.SaveSettingsAsync(new FollowUpRules(SupervisorAfterDays: 4, ManagerAfterDays: 3));
        var neverStalled = await followUps.SaveSettingsAsync(new FollowUpRules(StalledDays: 0));

        managerFirst.ShouldHaveSingleItem().Field.ShouldBe(nameof(FollowUpRules.ManagerAfterDays));
        neverStalled.ShouldHaveSingleItem().Field.ShouldBe(nameof(FollowUpRules.StalledDays));
        (await followUps.SettingsAsync()).ShouldBe(new FollowUpRules());
        (await context.FollowUpSettings.CountAsync()).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Run_OneOrganisation_NeverWritesAnothersNotifications(string provider)
    {
        await using var world = await WorldAsync(provider);
        var a = await OrgAsync(world, "Alpha");
        var b = await OrgAsync(world, "Beta");
        await OnlyOpenTaskAsync(world, a, world.Today.AddDays(-10));
        await OnlyOpenTaskAsync(world, b, world.Today.AddDays(-10));

        var run = await world.RunAsync(a.Id);

        run.Created.ShouldBe(3);
        (await AllAsync(world, a.Id)).ShouldAllBe(n => n.OrganizationId == a.Id);
        (await AllAsync(world, b.Id)).ShouldBeEmpty();
        await using var any = world.Db.Target.CreateContext();
        (await any.Notifications.IgnoreQueryFilters().CountAsync(n => n.OrganizationId != a.Id)).ShouldBe(0);
        (await any.Notifications.IgnoreQueryFilters().Select(n => n.UserId).Distinct().ToListAsync()).ShouldBe([a.Promoter, a.Supervisor, a.Manager], ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ListAndMarkRead_OnlyTheMembersOwnNotices(string provider)
    {
        await using var world = await WorldAsync(provider);
        var org = await OrgAsync(world, "Tea");
        var task = await OnlyOpenTaskAsync(world, org, world.Today.AddDays(-10));
        await world.RunAsync(org.Id);
        await using var context = world.Context(org.Id);
        var followUps = world.FollowUps(context);

        var list = await followUps.ListAsync(org.Promoter);
        var supervisorsNotice = (await followUps.ListAsync(org.Supervisor)).ShouldHaveSingleItem().Notice.Id;
        var markOthers = await followUps.MarkReadAsync(org.Promoter, supervisorsNotice);
        var markOwn = await followUps.MarkReadAsync(org.Promoter, list[0].Notice.Id);

        list.ShouldHaveSingleItem().Notice.TaskId.ShouldBe(task);
        list[0].Notice.Reason.ShouldBe("overdue");
        list[0].Due.ShouldBe(world.Today.AddDays(-10));
        markOthers.ShouldBeFalse();
        markOwn.ShouldBeTrue();
        (await followUps.UnreadCountAsync(org.Promoter)).ShouldBe(0);
        (await followUps.UnreadCountAsync(org.Supervisor)).ShouldBe(1);
        (await followUps.MarkAllReadAsync(org.Supervisor)).ShouldBe(1);
        (await followUps.UnreadCountAsync(org.Supervisor)).ShouldBe(0);
        (await followUps.UnreadCountAsync(org.Manager)).ShouldBe(1);
    }
}
