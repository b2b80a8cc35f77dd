using System.Net;
using Formation.Application.Data;
using Formation.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Formation.Web.Tests.Features.Work;

/// <summary>
/// Follow-up in the app: the badge and the notices page of the member told, the rules page for those who may
/// change it (and 403/404 for the rest), and the background job running when the clock moves.
/// </summary>
[Collection(SharedWebApp.Name)]
public sealed class FollowUpPagesTests(WebAppFixture fixture)
{
    public static TheoryData<string, Role> BelowManager => TestProviders.With(Role.Supervisor, Role.Staff, Role.Viewer);

    /// <summary>A promoter in a fresh organisation with the retailer plan, whose one open task is a day overdue.</summary>
    private sealed record Overdue(SeededApp App, Guid Org, WebSession Owner, WebSession Promoter, Guid PromoterId, Guid Task);

    private static async Task<Overdue> OverdueTaskAsync(FormationWebFactory factory, WebSession owner, Guid org, DateOnly today)
    {
        await owner.UploadAndAcceptAsync(org, Profiles.Retailer);
        (await owner.SubmitAsync($"/o/{org}/work", $"/o/{org}/work?handler=Generate")).Status.ShouldBe(HttpStatusCode.OK);
        var email = $"promoter.{Guid.NewGuid():N}@follow.test";
        var promoter = factory.NewSession();
        await promoter.AcceptInvitationAsync(await owner.InviteAsync(org, email, Role.Staff), "Promoter");
        var promoterId = await factory.QueryAsync(org, db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        (await owner.SubmitAsync($"/o/{org}/people", $"/o/{org}/people?handler=Assign", ("post", "promoter"), ("user", promoterId.ToString()))).Status.ShouldBe(HttpStatusCode.Redirect);
        var task = await factory.QueryAsync(org, async db =>
        {
            var item = await db.WorkItems.Where(i => i.OwnerPost == "promoter").OrderBy(i => i.Key).FirstAsync();
            await db.WorkItems.Where(i => i.Id != item.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, WorkStatus.Done));
            await db.WorkItems.Where(i => i.Id == item.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.DueDate, today.AddDays(-1)));
            return item.Id;
        });
        return new Overdue(null!, org, owner, promoter, promoterId, task);
    }

    /// <summary>On the shared app: a fresh organisation of A's owner, the overdue task, and the owner's "run follow-up now".</summary>
    private async Task<Overdue> RunOnSharedAppAsync(string provider, string name)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var org = await owner.CreateOrganizationAsync($"{name} {provider}");
        var overdue = await OverdueTaskAsync(app.Factory, owner, org, Formation.Domain.Text.TimeZones.Today(DateTimeOffset.UtcNow, "Asia/Shanghai") /* the CNY test organisation's today */) with { App = app };
        var ran = await owner.SubmitAsync($"/o/{org}/follow-up", $"/o/{org}/follow-up?handler=Run");
        ran.Status.ShouldBe(HttpStatusCode.OK, ran.ToString());
        ran.TestId("ran").ShouldNotBeNull();
        return overdue;
    }

    private static Task<List<Notification>> NoticesAsync(FormationWebFactory factory, Guid org) =>
        factory.QueryAsync(org, db => db.Notifications.AsNoTracking().ToListAsync());

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Badge_MemberToldOfAnOverdueTask_ShowsTheUnreadCount(string provider)
    {
        var o = await RunOnSharedAppAsync(provider, "Badge");
        using var promoter = o.Promoter;

        var page = await promoter.GetAsync($"/o/{o.Org}/work");
        var ownersPage = await o.Owner.GetAsync($"/o/{o.Org}/work");

        var notices = await NoticesAsync(o.App.Factory, o.Org);
        notices.ShouldHaveSingleItem().UserId.ShouldBe(o.PromoterId);
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.TestId("unread-count").ShouldBe("1");
        page.Html.ShouldContain($"href=\"/o/{o.Org}/notifications\"");
        ownersPage.CountTestId("notification-badge").ShouldBe(1);
        ownersPage.TestId("unread-count").ShouldBeNull("the owner is not told of a promoter's task a day late");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task NotificationsPage_ListsTheNoticeAndMarksItRead(string provider)
    {
        var o = await RunOnSharedAppAsync(provider, "Notices");
        using var promoter = o.Promoter;
        var notice = (await NoticesAsync(o.App.Factory, o.Org)).ShouldHaveSingleItem();

        var list = await promoter.GetAsync($"/o/{o.Org}/notifications");
        var othersMark = await o.Owner.SubmitAsync($"/o/{o.Org}/notifications", $"/o/{o.Org}/notifications?handler=Read&id={notice.Id}");
        var mark = await promoter.SubmitAsync($"/o/{o.Org}/notifications", $"/o/{o.Org}/notifications?handler=Read&id={notice.Id}");
        var after = await promoter.GetAsync($"/o/{o.Org}/notifications");

        list.Status.ShouldBe(HttpStatusCode.OK);
        list.CountTestId("notice").ShouldBe(1);
        list.Html.ShouldContain("data-state=\"unread\"");
        list.TestId("notice-why").ShouldBe("1 day overdue");
        list.Html.ShouldContain($"href=\"/o/{o.Org}/work/{o.Task}\"");
        othersMark.Status.ShouldBe(HttpStatusCode.NotFound);
        mark.Status.ShouldBe(HttpStatusCode.Redirect);
        after.Html.ShouldContain("data-state=\"read\"");
        after.TestId("unread-count").ShouldBeNull();
        (await NoticesAsync(o.App.Factory, o.Org)).ShouldHaveSingleItem().ReadAt.ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task NotificationsPage_InChinese_SaysHowManyDaysOverdue(string provider)
    {
        var o = await RunOnSharedAppAsync(provider, "Chinese");
        using var promoter = o.Promoter;
        (await promoter.SubmitAsync($"/o/{o.Org}/notifications", "/language", ("lang", "zh"), ("returnUrl", "/"))).Status.ShouldBe(HttpStatusCode.Redirect);

        var list = await promoter.GetAsync($"/o/{o.Org}/notifications");
        var readAll = await promoter.SubmitAsync($"/o/{o.Org}/notifications", $"/o/{o.Org}/notifications?handler=ReadAll");

        list.TestId("notice-why").ShouldBe("逾期 1 天");
        list.TestId("unread-count").ShouldBe("1");
        readAll.Status.ShouldBe(HttpStatusCode.Redirect);
        (await promoter.GetAsync($"/o/{o.Org}/work")).TestId("unread-count").ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(BelowManager))]
    public async Task Settings_MembersBelowManager_ReadButCannotSaveOrRun(string provider, Role role)
    {
        var app = await fixture.GetAsync(provider);
        var member = app[role].Session;
        var page = $"/o/{app.OrganizationA}/follow-up";

        var read = await member.GetAsync(page);
        var save = await member.SubmitAsync(Flows.FormPageOf(app.OrganizationA), page,
            ("DueSoonDays", "1"), ("StalledDays", "3"), ("SupervisorAfterDays", "1"), ("ManagerAfterDays", "2"));
        var run = await member.SubmitAsync(Flows.FormPageOf(app.OrganizationA), $"{page}?handler=Run");

        read.Status.ShouldBe(HttpStatusCode.OK);
        read.TestId("read-only").ShouldNotBeNull();
        read.TestId("run-now").ShouldBeNull();
        save.Status.ShouldBe(HttpStatusCode.Forbidden);
        run.Status.ShouldBe(HttpStatusCode.Forbidden);
        (await app.Factory.QueryAsync(app.OrganizationA, db => db.FollowUpSettings.CountAsync(f => f.DueSoonDays == 1 && f.StalledDays == 3))).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Settings_AnotherOrganisationsMember_GetsNotFound(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var outsider = app.OwnerOfB.Session;
        var page = $"/o/{app.OrganizationA}/follow-up";

        var read = await outsider.GetAsync(page);
        var save = await outsider.SubmitAsync(Flows.FormPageOf(app.OrganizationB), page,
            ("DueSoonDays", "1"), ("StalledDays", "3"), ("SupervisorAfterDays", "1"), ("ManagerAfterDays", "2"));
        var notices = await outsider.GetAsync($"/o/{app.OrganizationA}/notifications");

        read.Status.ShouldBe(HttpStatusCode.NotFound);
        save.Status.ShouldBe(HttpStatusCode.NotFound);
        notices.Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Settings_Manager_SavesValidThresholdsAndRunsTheFollowUp(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var org = await app.NewOrganizationAsync("Rules");
        using var manager = app.Factory.NewSession();
        await manager.AcceptInvitationAsync(await app.Owner.Session.InviteAsync(org, $"manager.{Guid.NewGuid():N}@follow.test", Role.Manager), "Manager");
        var page = $"/o/{org}/follow-up";

        var save = await manager.SubmitAsync(page, page, ("DueSoonDays", "4"), ("StalledDays", "10"), ("SupervisorAfterDays", "3"), ("ManagerAfterDays", "6"));
        var read = await manager.GetAsync(save.LocationPath!);
        var run = await manager.SubmitAsync(page, $"{page}?handler=Run");

        save.Status.ShouldBe(HttpStatusCode.Redirect, save.ToString());
        read.TestId("saved").ShouldNotBeNull();
        read.TestId("read-only").ShouldBeNull();
        read.Html.ShouldMatch("id=\"StalledDays\"[^>]*value=\"10\"");
        run.Status.ShouldBe(HttpStatusCode.OK);
        run.TestId("ran").ShouldBe("Checked: 0 new, 0 updated, 0 cleared, 0 back again.");
        var stored = await app.Factory.QueryAsync(org, db => db.FollowUpSettings.AsNoTracking().SingleAsync());
        (stored.DueSoonDays, stored.StalledDays, stored.SupervisorAfterDays, stored.ManagerAfterDays).ShouldBe((4, 10, 3, 6));
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Settings_InvalidValues_400NamingTheField(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var org = await app.NewOrganizationAsync("Bad rules");
        var page = $"/o/{org}/follow-up";

        var managerFirst = await app.Owner.Session.SubmitAsync(page, page, ("DueSoonDays", "2"), ("StalledDays", "7"), ("SupervisorAfterDays", "5"), ("ManagerAfterDays", "2"));
        var notANumber = await app.Owner.Session.SubmitAsync(page, page, ("DueSoonDays", "soon"), ("StalledDays", "7"), ("SupervisorAfterDays", "2"), ("ManagerAfterDays", "5"));
        var neverStalled = await app.Owner.Session.SubmitAsync(page, page, ("DueSoonDays", "2"), ("StalledDays", "0"), ("SupervisorAfterDays", "2"), ("ManagerAfterDays", "5"));

        managerFirst.Status.ShouldBe(HttpStatusCode.BadRequest);
        managerFirst.Text.ShouldContain("“Escalate to the department lead after” must be no fewer days than “Escalate to the supervisor after”");
        managerFirst.Html.ShouldMatch("is-invalid\"\\s+id=\"ManagerAfterDays\"");
        notANumber.Status.ShouldBe(HttpStatusCode.BadRequest);
        notANumber.Text.ShouldContain("Due-soon warning: give a whole number of days.");
        neverStalled.Status.ShouldBe(HttpStatusCode.BadRequest);
        neverStalled.Text.ShouldContain("Stalled after must be between 1 and 365 days.");
        (await app.Factory.QueryAsync(org, db => db.FollowUpSettings.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Job_WhenTheClockMovesOnAnInterval_WritesNotificationsAndPurgesByItself(string provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = await FormationWebFactory.CreateAsync(provider, new Dictionary<string, string?> { ["Formation:FollowUpMinutes"] = "15" }, clock);
        using var owner = factory.NewSession();
        var org = await owner.SetUpAsync("Clockwork Tea", "owner@clock.test");
        var o = await OverdueTaskAsync(factory, owner, org, Formation.Domain.Text.TimeZones.Today(clock.GetUtcNow(), "Asia/Shanghai"));
        using var promoter = o.Promoter;
        var longDeleted = await factory.QueryAsync(org, async db =>
        {
            var item = await db.WorkItems.Where(i => i.Id != o.Task).OrderBy(i => i.Key).FirstAsync();
            item.DeletedAt = clock.GetUtcNow().UtcDateTime.AddDays(-31);
            await db.SaveChangesAsync();
            return item.Id;
        });

        clock.Advance(TimeSpan.FromMinutes(14));
        var early = await NoticesAsync(factory, org);
        clock.Advance(TimeSpan.FromMinutes(1));
        var notices = await PollAsync(() => NoticesAsync(factory, org), n => n.Count > 0, TimeSpan.FromSeconds(30));
        var purged = await PollAsync(() => factory.QueryAsync(org, db => db.WorkItems.AnyAsync(i => i.Id == longDeleted)), any => !any, TimeSpan.FromSeconds(30));

        early.ShouldBeEmpty();
        purged.ShouldBeFalse("the job purges tasks deleted more than 30 days ago");
        var notice = notices.ShouldHaveSingleItem();
        (notice.UserId, notice.TaskId, notice.Reason, notice.Level, notice.Days).ShouldBe((o.PromoterId, o.Task, "overdue", "owner", 1));
        (await promoter.GetAsync($"/o/{org}/work")).TestId("unread-count").ShouldBe("1");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Job_OneOrganisationFails_TheOthersStillGetTheirNotices(string provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = await FormationWebFactory.CreateAsync(provider, new Dictionary<string, string?> { ["Formation:FollowUpMinutes"] = "15" }, clock);
        using var owner = factory.NewSession();
        var broken = await owner.SetUpAsync("Broken Tea", "owner@broken.test");
        var ownerId = await factory.QueryAsync(broken, db => db.Users.Select(u => u.Id).SingleAsync());
        await factory.QueryAsync(broken, db =>
        {
            // An accepted version the current playbooks no longer read: its follow-up cannot find the reporting lines.
            db.PlanVersions.Add(new PlanVersion { OrganizationId = broken, Id = Guid.NewGuid(), Number = 1, ProfileYaml = "enterprise: [", CreatedBy = ownerId, CreatedAt = clock.GetUtcNow().UtcDateTime });
            return db.SaveChangesAsync();
        });
        clock.Advance(TimeSpan.FromSeconds(1));
        var working = await owner.CreateOrganizationAsync("Working Tea");
        var o = await OverdueTaskAsync(factory, owner, working, Formation.Domain.Text.TimeZones.Today(clock.GetUtcNow(), "Asia/Shanghai"));
        using var promoter = o.Promoter;

        clock.Advance(TimeSpan.FromMinutes(15));
        var notices = await PollAsync(() => NoticesAsync(factory, working), n => n.Count > 0, TimeSpan.FromSeconds(30));
        var errors = new List<string>();
        while (factory.LoggedErrors.TryDequeue(out var error))
        {
            errors.Add(error);
        }

        notices.ShouldHaveSingleItem().UserId.ShouldBe(o.PromoterId);
        errors.ShouldHaveSingleItem().ShouldContain($"Follow-up failed for organisation {broken}");
        (await NoticesAsync(factory, broken)).ShouldBeEmpty();
    }

    /// <summary>Reads until <paramref name="done"/> holds or <paramref name="limit"/> has passed on the wall clock; the last read either way.</summary>
    private static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan limit)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value) || watch.Elapsed > limit)
            {
                return value;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
