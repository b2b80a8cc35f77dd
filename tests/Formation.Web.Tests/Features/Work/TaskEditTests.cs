using System.Globalization;
using System.Net;
using Formation.Application.Data;
using Formation.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Tests.Features.Work;

/// <summary>Editing a task: optimistic concurrency tells the second writer; staff change only their own tasks; viewers nothing.</summary>
[Collection(SharedWebApp.Name)]
public sealed class TaskEditTests(WebAppFixture fixture)
{
    private static (string, string)[] Fields(string title, WorkItem item, int? version = null) =>
    [
        ("Input.Title", title),
        ("Input.Due", item.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ("Input.Status", "Doing"),
        ("Input.Version", (version ?? item.Version).ToString(CultureInfo.InvariantCulture)),
    ];

    private static async Task<(SeededApp App, Guid Org, WebSession Owner)> OrgWithPlanAsync(WebAppFixture fixture, string provider, string name)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var org = await owner.CreateOrganizationAsync($"{name} {provider}");
        await owner.UploadAndAcceptAsync(org, Profiles.Retailer);
        await owner.SubmitAsync($"/o/{org}/work", $"/o/{org}/work?handler=Generate");
        return (app, org, owner);
    }

    private static Task<WorkItem> TaskOfAsync(SeededApp app, Guid org, string post) =>
        app.Factory.QueryAsync(org, db => db.WorkItems.AsNoTracking().Where(i => i.OwnerPost == post).OrderBy(i => i.Key).FirstAsync());

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Edit_TwoWritersOnOneVersion_TheSecondIsToldAndSeesBoth(string provider)
    {
        var (app, org, owner) = await OrgWithPlanAsync(fixture, provider, "Race");
        var item = await TaskOfAsync(app, org, "promoter");
        var page = $"/o/{org}/work/{item.Id}";

        var first = await owner.SubmitAsync(page, page, Fields("First writer's title", item));
        var second = await owner.SubmitAsync(page, page, Fields("Second writer's title", item));

        first.Status.ShouldBe(HttpStatusCode.Redirect);
        second.Status.ShouldBe(HttpStatusCode.Conflict);
        second.Text.ShouldContain("Someone changed this task");
        second.Text.ShouldContain("First writer's title");
        second.Text.ShouldContain("Second writer's title");
        var saved = await TaskOfAsync(app, org, "promoter");
        saved.TitleEn.ShouldBe("First writer's title");
        saved.Edited.ShouldBeTrue();
        saved.Version.ShouldBe(item.Version + 1);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Edit_Staff_OnlyTheirOwnPostsTasks(string provider)
    {
        var (app, org, owner) = await OrgWithPlanAsync(fixture, provider, "Staff");
        var email = $"staff.{Guid.NewGuid():N}@work.test";
        var staff = app.Factory.NewSession();
        await staff.AcceptInvitationAsync(await owner.InviteAsync(org, email, Role.Staff), "Staff Member");
        var staffId = await app.Factory.QueryAsync(org, db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        await owner.SubmitAsync($"/o/{org}/people", $"/o/{org}/people?handler=Assign", ("post", "frontend-editor"), ("user", staffId.ToString()));
        var mine = await TaskOfAsync(app, org, "frontend-editor");
        var theirs = await TaskOfAsync(app, org, "promoter");

        var own = await staff.SubmitAsync($"/o/{org}/work", $"/o/{org}/work/{mine.Id}", Fields("Mine, updated", mine));
        var other = await staff.SubmitAsync($"/o/{org}/work", $"/o/{org}/work/{theirs.Id}", Fields("Not mine", theirs));

        var mineNow = await TaskOfAsync(app, org, "frontend-editor");
        var farFuture = await staff.SubmitAsync($"/o/{org}/work", $"/o/{org}/work/{mine.Id}",
            ("Input.Title", "Mine"), ("Input.Due", "9999-12-31"), ("Input.Status", "Doing"), ("Input.Version", mineNow.Version.ToString(CultureInfo.InvariantCulture)));
        var noStatus = await staff.SubmitAsync($"/o/{org}/work", $"/o/{org}/work/{mine.Id}",
            ("Input.Title", "   "), ("Input.Due", mine.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("Input.Version", mineNow.Version.ToString(CultureInfo.InvariantCulture)));

        own.Status.ShouldBe(HttpStatusCode.Redirect);
        other.Status.ShouldBe(HttpStatusCode.Forbidden);
        farFuture.Status.ShouldBe(HttpStatusCode.BadRequest);
        noStatus.Status.ShouldBe(HttpStatusCode.BadRequest);
        (await TaskOfAsync(app, org, "frontend-editor")).Version.ShouldBe(mineNow.Version);
        (await TaskOfAsync(app, org, "promoter")).TitleEn.ShouldBe(theirs.TitleEn);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Edit_ViewerOrAnotherOrganisation_ChangesNothing(string provider)
    {
        var (app, org, owner) = await OrgWithPlanAsync(fixture, provider, "Readers");
        var viewer = app.Factory.NewSession();
        await viewer.AcceptInvitationAsync(await owner.InviteAsync(org, $"viewer.{Guid.NewGuid():N}@work.test", Role.Viewer), "Viewer");
        var item = await TaskOfAsync(app, org, "promoter");
        var page = $"/o/{org}/work/{item.Id}";

        var read = await viewer.GetAsync(page);
        var write = await viewer.SubmitAsync($"/o/{org}/work", page, Fields("Viewer was here", item));
        var foreign = await app.OwnerOfB.Session.GetAsync(page);
        var foreignWrite = await app.OwnerOfB.Session.SubmitAsync(Flows.FormPageOf(app.OrganizationB), page, Fields("Intruder", item));

        read.Status.ShouldBe(HttpStatusCode.OK);
        read.Html.ShouldNotContain("name=\"Input.Title\"");
        write.Status.ShouldBe(HttpStatusCode.Forbidden);
        foreign.Status.ShouldBe(HttpStatusCode.NotFound);
        foreignWrite.Status.ShouldBe(HttpStatusCode.NotFound);
        (await TaskOfAsync(app, org, "promoter")).Version.ShouldBe(item.Version);
    }
}
