using System.Globalization;
using System.Net;
using System.Text.Json;
using Formation.Application.Data;
using Formation.Domain.Planning;
using Formation.Web.Features.Work;
using Formation.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Tests.Features.Work;

/// <summary>
/// The work plan's views: the board and its moves (through Tasks: role, version, audit), the calendar,
/// the Gantt chart and the list's function and person filters.
/// </summary>
[Collection(SharedWebApp.Name)]
public sealed class WorkViewsTests(WebAppFixture fixture)
{
    private static async Task<(SeededApp App, Guid Org, WebSession Owner)> OrgWithPlanAsync(WebAppFixture fixture, string provider, string name)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var org = await owner.CreateOrganizationAsync($"{name} {provider}");
        await owner.UploadAndAcceptAsync(org, Profiles.Retailer);
        await owner.SubmitAsync($"/o/{org}/work", $"/o/{org}/work?handler=Generate");
        return (app, org, owner);
    }

    /// <summary>The soonest-due open task of a post: one the board draws in its first column.</summary>
    private static Task<WorkItem> TaskOfAsync(SeededApp app, Guid org, string post) =>
        app.Factory.QueryAsync(org, db => db.WorkItems.AsNoTracking().Where(i => i.OwnerPost == post && i.Status == WorkStatus.Todo).OrderBy(i => i.DueDate).ThenBy(i => i.Id).FirstAsync());

    private static Task<WorkItem> ReloadAsync(SeededApp app, Guid org, Guid id) =>
        app.Factory.QueryAsync(org, db => db.WorkItems.AsNoTracking().SingleAsync(i => i.Id == id));

    private static (string, string)[] Move(WorkItem item, string status, int? version = null) =>
    [
        ("id", item.Id.ToString()),
        ("version", (version ?? item.Version).ToString(CultureInfo.InvariantCulture)),
        ("status", status),
    ];

    /// <summary>Posts a move as the board's script does: the card's form fields, asking for JSON.</summary>
    private static async Task<(HttpStatusCode Status, JsonElement Body)> MoveAsJsonAsync(WebSession session, Guid org, WorkItem item, string status, int? version = null)
    {
        var token = await session.AntiforgeryTokenAsync($"/o/{org}/work/board");
        var fields = Move(item, status, version).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)).Append(new("__RequestVerificationToken", token));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/o/{org}/work/board?handler=Move") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.ParseAdd("application/json");
        var reply = await session.SendAsync(request);
        reply.MediaType.ShouldBe("application/json");
        return (reply.Status, JsonDocument.Parse(reply.Body).RootElement.Clone());
    }

    private static async Task<(WebSession Session, Guid Id)> StaffOnAsync(SeededApp app, WebSession owner, Guid org, string post)
    {
        var email = $"staff.{Guid.NewGuid():N}@views.test";
        var staff = app.Factory.NewSession();
        await staff.AcceptInvitationAsync(await owner.InviteAsync(org, email, Role.Staff), $"Staff {post}");
        var id = await app.Factory.QueryAsync(org, db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        (await owner.SubmitAsync($"/o/{org}/people", $"/o/{org}/people?handler=Assign", ("post", post), ("user", id.ToString()))).Status.ShouldBe(HttpStatusCode.Redirect);
        return (staff, id);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Board_RetailerPlan_ShowsItsTasksInTheirColumns(string provider)
    {
        var (app, org, owner) = await OrgWithPlanAsync(fixture, provider, "Board");
        var first = await app.Factory.QueryAsync(org, db => db.WorkItems.AsNoTracking().Where(i => !i.Retired).OrderBy(i => i.DueDate).ThenBy(i => i.Id).FirstAsync());
        var live = await app.Factory.QueryAsync(org, db => db.WorkItems.CountAsync(i => !i.Retired && i.DeletedAt == null));

        var board = await owner.GetAsync($"/o/{org}/work/board");

        board.Status.ShouldBe(HttpStatusCode.OK);
        board.CountTestId("board-column").ShouldBe(4);
        board.CountTestId("board-card").ShouldBe(Math.Min(live, BoardModel.PerColumn)); // all to do, the soonest due drawn
        board.Text.ShouldContain(first.TitleEn);
        board.Html.ShouldContain($"href=\"/o/{org}/work/{first.Id}\"");
        board.Text.ShouldContain("Promoter");
        board.Text.ShouldContain("In review");
        board.Html.ShouldContain("js/board.js");
        board.Form($"/o/{org}/work/board?handler=Move").ShouldNotBeNull().AntiforgeryToken.ShouldNotBeNullOrEmpty();
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Move_ByFormAndByScript_ChangesStatusAndWritesTheAuditTrail(string provider)
    {
        var (app, org, owner) = await OrgWithPlanAsync(fixture, provider, "Move");
        var byForm = await TaskOfAsync(app, org, PostCatalog.Promoter);
        var byScript = await TaskOfAsync(app, org, PostCatalog.FrontendEditor);

        var board = await owner.GetAsync($"/o/{org}/work/board?Post=promoter");
        var button = $"{byForm.Id}:{byForm.Version}:Doing"; // a card's "Doing" button, as posted without script

        var form = await owner.SubmitAsync($"/o/{org}/work/board", $"/o/{org}/work/board?handler=Move&Post=promoter", ("move", button));
        var (status, json) = await MoveAsJsonAsync(owner, org, byScript, "Review");

        board.Html.ShouldContain($"form=\"board-move\" name=\"move\" value=\"{button}\"");
        board.Form($"/o/{org}/work/board?Post=promoter&handler=Move").ShouldNotBeNull();
        form.Status.ShouldBe(HttpStatusCode.Redirect);
        form.LocationPath.ShouldBe($"/o/{org}/work/board?Post=promoter");
        status.ShouldBe(HttpStatusCode.OK);
        json.GetProperty("status").GetString().ShouldBe("Review");
        json.GetProperty("version").GetInt32().ShouldBe(byScript.Version + 1);
        (await ReloadAsync(app, org, byForm.Id)).Status.ShouldBe(WorkStatus.Doing);
        (await ReloadAsync(app, org, byScript.Id)).Status.ShouldBe(WorkStatus.Review);
        var audit = await app.Factory.QueryAsync(org, db => db.WorkChanges.AsNoTracking().Where(c => c.SubjectId == byForm.Id && c.Action == "status").ToListAsync());
        audit.Count.ShouldBe(1);
        audit[0].Before.ShouldNotBeNull().ShouldContain("Todo");
        audit[0].After.ShouldNotBeNull().ShouldContain("Doing");
        (await app.Factory.QueryAsync(org, db => db.WorkChanges.CountAsync(c => c.SubjectId == byScript.Id && c.Action == "status"))).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Move_StaleVersion_Returns409AndLeavesTheFirstMove(string provider)
    {
        var (app, org, owner) = await OrgWithPlanAsync(fixture, provider, "Stale");
        var item = await TaskOfAsync(app, org, PostCatalog.Promoter);

        var first = await owner.SubmitAsync($"/o/{org}/work/board", $"/o/{org}/work/board?handler=Move", Move(item, "Doing"));
        var staleForm = await owner.SubmitAsync($"/o/{org}/work/board", $"/o/{org}/work/board?handler=Move", Move(item, "Done"));
        var (staleStatus, staleJson) = await MoveAsJsonAsync(owner, org, item, "Review");

        first.Status.ShouldBe(HttpStatusCode.Redirect);
        staleForm.Status.ShouldBe(HttpStatusCode.Conflict);
        staleForm.TestId("board-message").ShouldNotBeNull().ShouldContain("Someone else changed this task");
        staleStatus.ShouldBe(HttpStatusCode.Conflict);
        staleJson.GetProperty("status").GetString().ShouldBe("Doing");
        staleJson.GetProperty("version").GetInt32().ShouldBe(item.Version + 1);
        staleJson.GetProperty("message").GetString().ShouldNotBeNull().ShouldContain("Someone else changed this task");
        var saved = await ReloadAsync(app, org, item.Id);
        saved.Status.ShouldBe(WorkStatus.Doing);
        saved.Version.ShouldBe(item.Version + 1);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Move_StaffOnAnotherPersonsTaskOrViewer_Returns403AndChangesNothing(string provider)
    {
        var (app, org, owner) = await OrgWithPlanAsync(fixture, provider, "Roles");
        var (staff, _) = await StaffOnAsync(app, owner, org, PostCatalog.FrontendEditor);
        var (_, promoterId) = await StaffOnAsync(app, owner, org, PostCatalog.Promoter);
        var viewer = app.Factory.NewSession();
        await viewer.AcceptInvitationAsync(await owner.InviteAsync(org, $"viewer.{Guid.NewGuid():N}@views.test", Role.Viewer), "Viewer");
        var mine = await TaskOfAsync(app, org, PostCatalog.FrontendEditor);
        var theirs = await TaskOfAsync(app, org, PostCatalog.Promoter);
        theirs.OwnerUserId.ShouldBe(promoterId);

        var own = await staff.SubmitAsync($"/o/{org}/work/board", $"/o/{org}/work/board?handler=Move", Move(mine, "Doing"));
        var other = await staff.SubmitAsync($"/o/{org}/work/board", $"/o/{org}/work/board?handler=Move", Move(theirs, "Doing"));
        var (otherByScript, otherJson) = await MoveAsJsonAsync(staff, org, theirs, "Doing");
        var byViewer = await viewer.SubmitAsync($"/o/{org}/work/board", $"/o/{org}/work/board?handler=Move", Move(theirs, "Done"));
        var viewerBoard = await viewer.GetAsync($"/o/{org}/work/board");

        own.Status.ShouldBe(HttpStatusCode.Redirect);
        other.Status.ShouldBe(HttpStatusCode.Forbidden);
        other.TestId("board-message").ShouldNotBeNull().ShouldContain("You may not move this task");
        otherByScript.ShouldBe(HttpStatusCode.Forbidden);
        otherJson.GetProperty("message").GetString().ShouldNotBeNull().ShouldContain("You may not move this task");
        byViewer.Status.ShouldBe(HttpStatusCode.Forbidden);
        viewerBoard.Status.ShouldBe(HttpStatusCode.OK);
        viewerBoard.CountTestId("board-card").ShouldBeGreaterThan(0);
        viewerBoard.Form($"/o/{org}/work/board?handler=Move").ShouldBeNull();
        (await ReloadAsync(app, org, mine.Id)).Status.ShouldBe(WorkStatus.Doing);
        var unchanged = await ReloadAsync(app, org, theirs.Id);
        unchanged.Status.ShouldBe(WorkStatus.Todo);
        unchanged.Version.ShouldBe(theirs.Version);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Move_AnotherOrganisationsTask_Returns404AndChangesNothing(string provider)
    {
        var (app, org, _) = await OrgWithPlanAsync(fixture, provider, "Isolated");
        var item = await TaskOfAsync(app, org, PostCatalog.Promoter);
        var intruder = app.OwnerOfB.Session;
        var b = app.OrganizationB;

        var throughOwnBoard = await intruder.SubmitAsync($"/o/{b}/work/board", $"/o/{b}/work/board?handler=Move", Move(item, "Done"));
        var (throughOwnByScript, _) = await MoveAsJsonAsync(intruder, b, item, "Done");
        var throughTheirs = await intruder.SubmitAsync(Flows.FormPageOf(b), $"/o/{org}/work/board?handler=Move", Move(item, "Done"));
        var theirBoard = await intruder.GetAsync($"/o/{org}/work/board");

        throughOwnBoard.Status.ShouldBe(HttpStatusCode.NotFound);
        throughOwnByScript.ShouldBe(HttpStatusCode.NotFound);
        throughTheirs.Status.ShouldBe(HttpStatusCode.NotFound);
        theirBoard.Status.ShouldBe(HttpStatusCode.NotFound);
        throughOwnBoard.Text.ShouldNotContain(item.TitleEn);
        var unchanged = await ReloadAsync(app, org, item.Id);
        unchanged.Status.ShouldBe(WorkStatus.Todo);
        unchanged.Version.ShouldBe(item.Version);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Move_BadStatus_Returns400(string provider)
    {
        var (app, org, owner) = await OrgWithPlanAsync(fixture, provider, "Bad move");
        var item = await TaskOfAsync(app, org, PostCatalog.Promoter);

        var bogus = await owner.SubmitAsync($"/o/{org}/work/board", $"/o/{org}/work/board?handler=Move", Move(item, "Bogus"));
        var number = await owner.SubmitAsync($"/o/{org}/work/board", $"/o/{org}/work/board?handler=Move", Move(item, "7"));

        bogus.Status.ShouldBe(HttpStatusCode.BadRequest);
        bogus.TestId("board-message").ShouldNotBeNull().ShouldContain("a valid status");
        number.Status.ShouldBe(HttpStatusCode.BadRequest);
        (await ReloadAsync(app, org, item.Id)).Version.ShouldBe(item.Version);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Calendar_MonthOfAMilestone_ShowsItOnItsDueDay(string provider)
    {
        var (app, org, owner) = await OrgWithPlanAsync(fixture, provider, "Calendar");
        var milestone = await app.Factory.QueryAsync(org, db => db.WorkItems.AsNoTracking().Where(i => i.Kind == "milestone").OrderBy(i => i.DueDate).FirstAsync());
        var month = milestone.DueDate.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var nextMonth = new DateOnly(milestone.DueDate.Year, milestone.DueDate.Month, 1).AddMonths(1);
        var later = await app.Factory.QueryAsync(org, db => db.WorkItems.AsNoTracking().Where(i => i.DueDate >= nextMonth.AddDays(14)).FirstOrDefaultAsync());

        var calendar = await owner.GetAsync($"/o/{org}/work/calendar?month={month}");
        var bad = await owner.GetAsync($"/o/{org}/work/calendar?month=2026-13");
        var garbage = await owner.GetAsync($"/o/{org}/work/calendar?month=%3Cscript%3E");

        calendar.Status.ShouldBe(HttpStatusCode.OK);
        calendar.Html.ShouldContain($"href=\"/o/{org}/work/{milestone.Id}\"");
        calendar.Text.ShouldContain(milestone.TitleEn);
        calendar.Html.ShouldContain($"data-day=\"{milestone.DueDate:yyyy-MM-dd}\"");
        calendar.Html.ShouldContain($"month={nextMonth:yyyy-MM}");
        if (later is not null)
        {
            calendar.Html.ShouldNotContain($"/work/{later.Id}\"");
        }

        bad.Status.ShouldBe(HttpStatusCode.OK);
        bad.TestId("calendar-warning").ShouldNotBeNull().ShouldContain("2026-13");
        garbage.Status.ShouldBe(HttpStatusCode.OK);
        garbage.Html.ShouldNotContain("<script>");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Gantt_RetailerPlan_ShowsEachProjectWithItsTasks(string provider)
    {
        var (app, org, owner) = await OrgWithPlanAsync(fixture, provider, "Gantt");
        var projects = await app.Factory.QueryAsync(org, db => db.WorkProjects.AsNoTracking()
            .Where(p => db.WorkItems.Any(i => i.ProjectId == p.Id && !i.Retired)).Select(p => p.NameEn).ToListAsync());
        var empty = await app.Factory.QueryAsync(org, db => db.WorkProjects.AsNoTracking()
            .Where(p => !db.WorkItems.Any(i => i.ProjectId == p.Id && !i.Retired)).Select(p => p.NameEn).ToListAsync());
        var task = await app.Factory.QueryAsync(org, db => db.WorkItems.AsNoTracking().Where(i => i.ProjectId != null && !i.Retired).OrderBy(i => i.StartDate).ThenBy(i => i.DueDate).ThenBy(i => i.Id).FirstAsync());

        var gantt = await owner.GetAsync($"/o/{org}/work/gantt");

        gantt.Status.ShouldBe(HttpStatusCode.OK);
        projects.Count.ShouldBeGreaterThan(0);
        foreach (var name in projects)
        {
            gantt.Text.ShouldContain(name);
        }

        foreach (var name in empty)
        {
            gantt.Text.ShouldNotContain(name); // a project with nothing to do draws no bar
        }

        gantt.CountTestId("gantt-row").ShouldBe(projects.Count + 1); // and the milestones' row
        gantt.Text.ShouldContain("Milestones");
        gantt.Html.ShouldContain($"href=\"/o/{org}/work/{task.Id}\"");
        gantt.Html.ShouldContain("gantt-today");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task List_FunctionAndPersonFilters_ShowOnlyMatchingTasks(string provider)
    {
        var (app, org, owner) = await OrgWithPlanAsync(fixture, provider, "Filters");
        var (staff, staffId) = await StaffOnAsync(app, owner, org, PostCatalog.FrontendEditor);
        var promotionPosts = PostCatalog.All.Where(p => p.Function == BusinessFunction.Promotion).Select(p => p.Id).ToList();
        var promotion = await app.Factory.QueryAsync(org, db => db.WorkItems.CountAsync(i => !i.Retired && promotionPosts.Contains(i.OwnerPost)));
        var theirs = await app.Factory.QueryAsync(org, db => db.WorkItems.CountAsync(i => !i.Retired && i.OwnerUserId == staffId));

        var byFunction = await owner.GetAsync($"/o/{org}/work?Function=promotion");
        var byPerson = await owner.GetAsync($"/o/{org}/work?Person={staffId}");
        var unknown = await owner.GetAsync($"/o/{org}/work?Function=astrology&Person=not-a-guid");
        var boardByPerson = await owner.GetAsync($"/o/{org}/work/board?Person={staffId}");
        var mine = await staff.GetAsync($"/o/{org}/my-work");

        promotion.ShouldBeGreaterThan(0);
        theirs.ShouldBeGreaterThan(0);
        byFunction.TestId("work-total").ShouldBe($"{promotion} tasks");
        byFunction.Text.ShouldContain("Promoter</td>");
        byFunction.Text.ShouldNotContain("Front-end designer and editor</td>");
        byPerson.TestId("work-total").ShouldBe($"{theirs} tasks");
        byPerson.Text.ShouldContain("Front-end designer and editor</td>");
        byPerson.Text.ShouldNotContain("Promoter</td>");
        unknown.Status.ShouldBe(HttpStatusCode.OK);
        unknown.TestId("work-total").ShouldBe("0 tasks");
        boardByPerson.CountTestId("board-card").ShouldBe(Math.Min(theirs, BoardModel.PerColumn));
        mine.CountTestId("my-item").ShouldBe(theirs); // all open, in the three groups
        (mine.Html.Contains("my-group-week", StringComparison.Ordinal) || mine.Html.Contains("my-group-later", StringComparison.Ordinal)).ShouldBeTrue();
    }
}
