using System.Text.Json;
using Formation.Application.Data;
using Formation.Application.Features.Accounts;
using Formation.Application.Features.Planning;
using Formation.Application.Features.Work;
using Formation.Domain.Playbooks;
using Microsoft.EntityFrameworkCore;

namespace Formation.Application.Tests.Features;

/// <summary>Changing tasks: concurrency, role checks, the audit trail and the 30 days a deletion can be undone.</summary>
public sealed class TasksTests
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static Tasks TasksOf(TestOrganization org, AppDbContext context) => new(context, org.Clock);

    private static Clock ClockOf(TestOrganization org) => (Clock)org.Clock;

    private static async Task<WorkItem> FirstTaskAsync(TestOrganization org, string post)
    {
        await using var context = org.Context();
        return await context.WorkItems.AsNoTracking().Where(i => i.OwnerPost == post).OrderBy(i => i.Key).FirstAsync();
    }

    private static async Task<TestOrganization> SetUpAsync(string provider)
    {
        var org = await TestOrganization.CreateAsync(provider, new Clock(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)));
        await org.AcceptAsync(TestOrganization.Example("retailer.yaml"));
        (await org.GenerateAsync()).ShouldNotBeNull();
        return org;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Edit_TwoWritersAtOnceOnOneVersion_OneWinsAndTheOtherGetsTheWinnersVersion(string provider)
    {
        await using var org = await SetUpAsync(provider);
        var item = await FirstTaskAsync(org, "promoter");
        var owner = new Actor(org.Owner, Role.Owner);

        await using var first = org.Context();
        await using var second = org.Context();
        var results = await Task.WhenAll(
            TasksOf(org, first).EditAsync(item.Id, item.Version, owner, new TaskEdit(TitleEn: "First writer")),
            TasksOf(org, second).EditAsync(item.Id, item.Version, owner, new TaskEdit(TitleEn: "Second writer")));

        results.Count(r => r.Outcome == TaskOutcome.Saved).ShouldBe(1);
        var loser = results.Single(r => r.Outcome == TaskOutcome.Conflict);
        await using var check = org.Context();
        var saved = await check.WorkItems.AsNoTracking().SingleAsync(i => i.Id == item.Id);
        saved.Version.ShouldBe(item.Version + 1);
        loser.Current!.TitleEn.ShouldBe(saved.TitleEn);
        saved.TitleEn.ShouldBeOneOf("First writer", "Second writer");
        (await check.WorkChanges.CountAsync(c => c.SubjectId == item.Id && c.Action == "updated")).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Edit_WithAStaleVersion_IsAConflictAndChangesNothing(string provider)
    {
        await using var org = await SetUpAsync(provider);
        var item = await FirstTaskAsync(org, "promoter");
        var owner = new Actor(org.Owner, Role.Owner);
        await using (var context = org.Context())
        {
            (await TasksOf(org, context).MoveAsync(item.Id, item.Version, owner, WorkStatus.Doing)).Outcome.ShouldBe(TaskOutcome.Saved);
        }

        await using var late = org.Context();
        var result = await TasksOf(org, late).EditAsync(item.Id, item.Version, owner, new TaskEdit(TitleEn: "Stale"));

        result.Outcome.ShouldBe(TaskOutcome.Conflict);
        result.Current!.Status.ShouldBe(WorkStatus.Doing);
        await using var check = org.Context();
        (await check.WorkItems.SingleAsync(i => i.Id == item.Id)).TitleEn.ShouldBe(item.TitleEn);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Move_IsInTheAuditTrailWithWhoBeforeAndAfter_AndDoesNotMarkTheTaskEdited(string provider)
    {
        await using var org = await SetUpAsync(provider);
        var item = await FirstTaskAsync(org, "promoter");
        ClockOf(org).Now = ClockOf(org).Now.AddHours(2);

        await using (var context = org.Context())
        {
            (await TasksOf(org, context).MoveAsync(item.Id, item.Version, new Actor(org.Owner, Role.Owner), WorkStatus.Review)).Outcome.ShouldBe(TaskOutcome.Saved);
        }

        await using var check = org.Context();
        var change = await check.WorkChanges.SingleAsync(c => c.SubjectId == item.Id && c.Action == "status");
        change.UserId.ShouldBe(org.Owner);
        change.At.ShouldBe(ClockOf(org).Now.UtcDateTime);
        JsonDocument.Parse(change.Before!).RootElement.GetProperty("status").GetString().ShouldBe("Todo");
        JsonDocument.Parse(change.After!).RootElement.GetProperty("status").GetString().ShouldBe("Review");
        JsonDocument.Parse(change.After!).RootElement.EnumerateObject().Count().ShouldBe(1);
        (await check.WorkItems.SingleAsync(i => i.Id == item.Id)).Edited.ShouldBeFalse();
        (await check.WorkChanges.CountAsync(c => c.SubjectId == item.Id && c.Action == "created")).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Roles_StaffChangeTheirOwnTasksOnly_ViewersNothing_SupervisorsAny(string provider)
    {
        await using var org = await SetUpAsync(provider);
        var staff = await org.MemberAsync("staff@example.com", Role.Staff);
        var viewer = await org.MemberAsync("viewer@example.com", Role.Viewer);
        var supervisor = await org.MemberAsync("sup@example.com", Role.Supervisor);
        var mine = await FirstTaskAsync(org, "promoter");
        WorkItem theirs;
        await using (var context = org.Context())
        {
            theirs = await context.WorkItems.AsNoTracking().Where(i => i.OwnerPost != "promoter").OrderBy(i => i.Key).FirstAsync();
        }

        await using (var context = org.Context())
        {
            var plans = new Plans(context, PlaybookLibrary.Shipped, org.Clock, new BlueprintCache(), new NoPlanChanges());
            (await new WorkPlans(context, plans, PlaybookLibrary.Shipped, org.Clock).AssignAsync("promoter", staff, org.Owner)).ShouldBeTrue();
        }

        mine = await FirstTaskAsync(org, "promoter");
        mine.OwnerUserId.ShouldBe(staff);
        await using var db = org.Context();
        var tasks = TasksOf(org, db);

        (await tasks.MoveAsync(mine.Id, mine.Version, new Actor(staff, Role.Staff), WorkStatus.Doing)).Outcome.ShouldBe(TaskOutcome.Saved);
        (await tasks.MoveAsync(theirs.Id, theirs.Version, new Actor(staff, Role.Staff), WorkStatus.Doing)).Outcome.ShouldBe(TaskOutcome.Forbidden);
        var current = (await tasks.EditAsync(mine.Id, mine.Version + 1, new Actor(staff, Role.Staff), new TaskEdit())).Current!;
        (await tasks.EditAsync(mine.Id, current.Version, new Actor(staff, Role.Staff), new TaskEdit(Owner: supervisor))).Outcome.ShouldBe(TaskOutcome.Forbidden);
        (await tasks.EditAsync(mine.Id, current.Version, new Actor(staff, Role.Staff), new TaskEdit(Due: new DateOnly(9999, 12, 31)))).Outcome.ShouldBe(TaskOutcome.Invalid);
        (await tasks.MoveAsync(theirs.Id, theirs.Version, new Actor(viewer, Role.Viewer), WorkStatus.Doing)).Outcome.ShouldBe(TaskOutcome.Forbidden);
        (await tasks.CommentAsync(theirs.Id, new Actor(viewer, Role.Viewer), "Looks fine")).ShouldBe(TaskOutcome.Forbidden);
        (await tasks.CommentAsync(theirs.Id, new Actor(staff, Role.Staff), "Can I help?")).ShouldBe(TaskOutcome.Saved);
        (await tasks.AddLinkAsync(theirs.Id, new Actor(staff, Role.Staff), new Uri("https://example.com/x"), "")).ShouldBe(TaskOutcome.Forbidden);
        (await tasks.DeleteAsync(mine.Id, new Actor(staff, Role.Staff))).Outcome.ShouldBe(TaskOutcome.Forbidden);
        (await tasks.MoveAsync(theirs.Id, theirs.Version, new Actor(supervisor, Role.Supervisor), WorkStatus.Doing)).Outcome.ShouldBe(TaskOutcome.Saved);
        await using var check = org.Context();
        (await check.WorkItems.SingleAsync(i => i.Id == theirs.Id)).Status.ShouldBe(WorkStatus.Doing);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DeletedProject_IsRestoredWithItsTasks_ButNotTasksDeletedBeforeIt(string provider)
    {
        await using var org = await SetUpAsync(provider);
        var owner = new Actor(org.Owner, Role.Owner);
        WorkProject project;
        List<Guid> taskIds;
        Guid deletedEarlier;
        await using (var context = org.Context())
        {
            project = await context.WorkProjects.AsNoTracking().OrderBy(p => p.Key).FirstAsync();
            taskIds = await context.WorkItems.Where(i => i.ProjectId == project.Id).OrderBy(i => i.Key).Select(i => i.Id).ToListAsync();
            taskIds.Count.ShouldBeGreaterThan(1);
            deletedEarlier = taskIds[0];
            (await TasksOf(org, context).DeleteAsync(deletedEarlier, owner)).Outcome.ShouldBe(TaskOutcome.Saved);
        }

        ClockOf(org).Now = ClockOf(org).Now.AddHours(1);
        await using (var context = org.Context())
        {
            (await TasksOf(org, context).DeleteProjectAsync(project.Id, owner)).ShouldBe(TaskOutcome.Saved);
            (await context.WorkItems.CountAsync(i => i.ProjectId == project.Id && i.DeletedAt == null)).ShouldBe(0);
            var deleted = await TasksOf(org, context).DeletedAsync();
            deleted.ShouldContain(e => e.Kind == "project" && e.Id == project.Id && e.TaskCount == taskIds.Count);
        }

        ClockOf(org).Now = ClockOf(org).Now.AddDays(29);
        await using (var context = org.Context())
        {
            (await TasksOf(org, context).RestoreProjectAsync(project.Id, owner)).ShouldBe(TaskOutcome.Saved);
        }

        await using var check = org.Context();
        (await check.WorkProjects.SingleAsync(p => p.Id == project.Id)).DeletedAt.ShouldBeNull();
        var restored = await check.WorkItems.Where(i => i.ProjectId == project.Id && i.DeletedAt == null).Select(i => i.Id).ToListAsync();
        restored.ShouldBe(taskIds.Skip(1), ignoreOrder: true);
        (await check.WorkChanges.CountAsync(c => c.SubjectId == project.Id)).ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Deleted_After30Days_CannotBeRestoredAndIsPurged(string provider)
    {
        await using var org = await SetUpAsync(provider);
        var owner = new Actor(org.Owner, Role.Owner);
        var item = await FirstTaskAsync(org, "promoter");
        int before;
        await using (var context = org.Context())
        {
            before = await context.WorkItems.CountAsync();
            (await TasksOf(org, context).DeleteAsync(item.Id, owner)).Outcome.ShouldBe(TaskOutcome.Saved);
        }

        ClockOf(org).Now = ClockOf(org).Now.AddDays(30).AddMinutes(1);
        await using (var context = org.Context())
        {
            (await TasksOf(org, context).RestoreAsync(item.Id, owner)).Outcome.ShouldBe(TaskOutcome.Expired);
            (await TasksOf(org, context).DeletedAsync()).ShouldBeEmpty();
            (await TasksOf(org, context).PurgeAsync()).ShouldBe(1);
        }

        await using var check = org.Context();
        (await check.WorkItems.CountAsync()).ShouldBe(before - 1);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Evidence_FileAndLink_AreKeptWithTheTaskAndTheFileReadsBack(string provider)
    {
        await using var org = await SetUpAsync(provider);
        var owner = new Actor(org.Owner, Role.Owner);
        var item = await FirstTaskAsync(org, "promoter");
        var bytes = "首页截图"u8.ToArray();
        ClockOf(org).Now = ClockOf(org).Now.AddDays(3);
        await using (var context = org.Context())
        {
            (await TasksOf(org, context).AddLinkAsync(item.Id, owner, new Uri("https://shop.example.com/p/1"), "上线页面")).ShouldBe(TaskOutcome.Saved);
            (await TasksOf(org, context).AddFileAsync(item.Id, owner, "../../etc/shot.png", "image/png", bytes, "")).ShouldBe(TaskOutcome.Saved);
        }

        await using var check = org.Context();
        var after = await check.WorkItems.AsNoTracking().SingleAsync(i => i.Id == item.Id);
        after.UpdatedAt.ShouldBe(ClockOf(org).Now.UtcDateTime);
        after.Version.ShouldBe(item.Version);
        var comments = await TasksOf(org, check).CommentsAsync(item.Id);
        comments.Select(c => c.Comment.Kind).ShouldBe(["link", "file"]);
        comments[0].Author.ShouldBe("O");
        comments[1].Comment.FileName.ShouldBe("shot.png");
        var file = await TasksOf(org, check).FileAsync(comments[1].Comment.Id);
        file!.Value.Content.ShouldBe(bytes);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnotherOrganisation_SeesNoneOfTheseTasks(string provider)
    {
        await using var org = await SetUpAsync(provider);
        var item = await FirstTaskAsync(org, "promoter");
        Guid other;
        await using (var context = org.Db.Target.CreateContext())
        {
            other = (await new Accounts(context, org.Clock).CreateOrganizationAsync(org.Owner, "Other", "CNY")).Id;
        }

        await using var foreign = org.Db.Target.CreateContext();
        foreign.OrganizationId = other;
        var tasks = new Tasks(foreign, org.Clock);
        var owner = new Actor(org.Owner, Role.Owner);

        (await tasks.MoveAsync(item.Id, item.Version, owner, WorkStatus.Done)).Outcome.ShouldBe(TaskOutcome.NotFound);
        (await tasks.DeleteAsync(item.Id, owner)).Outcome.ShouldBe(TaskOutcome.NotFound);
        (await tasks.CommentAsync(item.Id, owner, "x")).ShouldBe(TaskOutcome.NotFound);
        (await tasks.HistoryAsync(item.Id)).ShouldBeEmpty();
    }
}
