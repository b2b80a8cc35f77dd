using System.Net;
using Formation.Application.Data;
using Formation.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Tests.Features.Work;

/// <summary>Comments and evidence on a task, its history, and deleting and restoring tasks and projects.</summary>
[Collection(SharedWebApp.Name)]
public sealed class TaskEvidenceTests(WebAppFixture fixture)
{
    private static async Task<(SeededApp App, Guid Org, WebSession Owner, WorkItem Item)> OrgWithPlanAsync(WebAppFixture fixture, string provider, string name)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var org = await owner.CreateOrganizationAsync($"{name} {provider}");
        await owner.UploadAndAcceptAsync(org, Profiles.Retailer);
        await owner.SubmitAsync($"/o/{org}/work", $"/o/{org}/work?handler=Generate");
        var item = await app.Factory.QueryAsync(org, db => db.WorkItems.AsNoTracking().Where(i => i.OwnerPost == "promoter").OrderBy(i => i.Key).FirstAsync());
        return (app, org, owner, item);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Evidence_CommentLinkAndFile_ShowOnTheTaskAndTheFileDownloads(string provider)
    {
        var (_, org, owner, item) = await OrgWithPlanAsync(fixture, provider, "Evidence");
        var page = $"/o/{org}/work/{item.Id}";

        var comment = await owner.SubmitAsync(page, $"{page}?handler=Comment", ("body", "首页已上线，请检查"));
        var link = await owner.SubmitAsync(page, $"{page}?handler=Link", ("url", "https://shop.example.com/home"), ("note", "live page"));
        var file = await owner.UploadAsync(page, $"{page}?handler=File", "file", "截图.png", [0x89, 0x50, 0x4E, 0x47]);
        var shown = await owner.GetAsync(page);

        comment.Status.ShouldBe(HttpStatusCode.Redirect);
        link.Status.ShouldBe(HttpStatusCode.Redirect);
        file.Status.ShouldBe(HttpStatusCode.Redirect);
        shown.CountTestId("comment").ShouldBe(3);
        shown.Text.ShouldContain("首页已上线，请检查");
        shown.Text.ShouldContain("https://shop.example.com/home");
        shown.Text.ShouldContain("截图.png");
        shown.CountTestId("history-row").ShouldBeGreaterThanOrEqualTo(4);
        var href = System.Text.RegularExpressions.Regex.Match(shown.Html, "href=\"([^\"]+handler=File[^\"]+)\"").Groups[1].Value;
        var download = await owner.GetAsync(WebUtility.HtmlDecode(href));
        download.Status.ShouldBe(HttpStatusCode.OK);
        download.Body.ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47 });
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task History_SaysWhoChangedWhatFromWhatToWhat_InTheReadersWords(string provider)
    {
        var (_, org, owner, item) = await OrgWithPlanAsync(fixture, provider, "History");
        var page = $"/o/{org}/work/{item.Id}";

        var saved = await owner.SubmitAsync(page, page,
            ("Input.Title", "Store launch, checked"), ("Input.Due", item.DueDate.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ("Input.Status", "Doing"), ("Input.Version", item.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var shown = await owner.GetAsync(page);

        saved.Status.ShouldBe(HttpStatusCode.Redirect);
        var history = System.Text.RegularExpressions.Regex.Replace(shown.Text, "\\s+", " ");
        history.ShouldContain($"English title: {item.TitleEn} → Store launch, checked");
        history.ShouldContain("Status: To do → Doing");
        history.ShouldContain($"Due: {item.DueDate.ToString("d", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))} → {item.DueDate.AddDays(3).ToString("d", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))}");
        shown.Text.ShouldNotContain("{\"status\"");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Evidence_BadInput_IsA400ThatSaysWhat(string provider)
    {
        var (app, org, owner, item) = await OrgWithPlanAsync(fixture, provider, "Bad evidence");
        var page = $"/o/{org}/work/{item.Id}";

        var script = await owner.SubmitAsync(page, $"{page}?handler=Link", ("url", "javascript:alert(1)"));
        var empty = await owner.SubmitAsync(page, $"{page}?handler=Comment", ("body", "   "));
        var large = await owner.UploadAsync(page, $"{page}?handler=File", "file", "video.mp4", new byte[(10 * 1024 * 1024) + 1]);

        script.Status.ShouldBe(HttpStatusCode.BadRequest);
        script.TestId("attach-error").ShouldNotBeNull().ShouldContain("http");
        empty.Status.ShouldBe(HttpStatusCode.BadRequest);
        large.Status.ShouldBe(HttpStatusCode.BadRequest);
        large.TestId("attach-error").ShouldNotBeNull().ShouldContain("video.mp4");
        (await app.Factory.QueryAsync(org, db => db.WorkComments.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Evidence_ViewersAndOtherOrganisations_CannotAddOrRead(string provider)
    {
        var (app, org, owner, item) = await OrgWithPlanAsync(fixture, provider, "Evidence readers");
        var page = $"/o/{org}/work/{item.Id}";
        var viewer = app.Factory.NewSession();
        await viewer.AcceptInvitationAsync(await owner.InviteAsync(org, $"viewer.{Guid.NewGuid():N}@work.test", Role.Viewer), "Viewer");
        var staff = app.Factory.NewSession();
        await staff.AcceptInvitationAsync(await owner.InviteAsync(org, $"staff.{Guid.NewGuid():N}@work.test", Role.Staff), "Staff");

        var byViewer = await viewer.SubmitAsync($"/o/{org}/work", $"{page}?handler=Comment", ("body", "viewer"));
        var staffLinkOnOthersTask = await staff.SubmitAsync($"/o/{org}/work", $"{page}?handler=Link", ("url", "https://example.com"));
        var staffComment = await staff.SubmitAsync($"/o/{org}/work", $"{page}?handler=Comment", ("body", "Can I help?"));
        var foreign = await app.OwnerOfB.Session.SubmitAsync(Flows.FormPageOf(app.OrganizationB), $"{page}?handler=Comment", ("body", "intruder"));
        var foreignDelete = await app.OwnerOfB.Session.SubmitAsync(Flows.FormPageOf(app.OrganizationB), $"{page}?handler=Delete");

        byViewer.Status.ShouldBe(HttpStatusCode.Forbidden);
        staffLinkOnOthersTask.Status.ShouldBe(HttpStatusCode.Forbidden);
        staffComment.Status.ShouldBe(HttpStatusCode.Redirect);
        foreign.Status.ShouldBe(HttpStatusCode.NotFound);
        foreignDelete.Status.ShouldBe(HttpStatusCode.NotFound);
        (await app.Factory.QueryAsync(org, db => db.WorkComments.Select(c => c.Body).ToListAsync())).ShouldBe(["Can I help?"]);
        (await app.Factory.QueryAsync(org, db => db.WorkItems.SingleAsync(i => i.Id == item.Id))).DeletedAt.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task DeletedProject_IsListedAndRestoredWithItsTasks(string provider)
    {
        var (app, org, owner, _) = await OrgWithPlanAsync(fixture, provider, "Restore");
        var project = await app.Factory.QueryAsync(org, db => db.WorkProjects.AsNoTracking().OrderBy(p => p.Key).FirstAsync());
        var tasks = await app.Factory.QueryAsync(org, db => db.WorkItems.CountAsync(i => i.ProjectId == project.Id));
        var staff = app.Factory.NewSession();
        await staff.AcceptInvitationAsync(await owner.InviteAsync(org, $"staff.{Guid.NewGuid():N}@work.test", Role.Staff), "Staff");

        var byStaff = await staff.SubmitAsync($"/o/{org}/work", $"/o/{org}/work/projects?handler=Delete", ("id", project.Id.ToString()));
        var deleted = await owner.SubmitAsync($"/o/{org}/work/projects", $"/o/{org}/work/projects?handler=Delete", ("id", project.Id.ToString()));
        var listed = await owner.GetAsync($"/o/{org}/work/deleted");
        var hidden = await app.Factory.QueryAsync(org, db => db.WorkItems.CountAsync(i => i.ProjectId == project.Id && i.DeletedAt == null));
        var restoreByStaff = await staff.SubmitAsync($"/o/{org}/work", $"/o/{org}/work/deleted?handler=Restore", ("kind", "project"), ("id", project.Id.ToString()));
        var restored = await owner.SubmitAsync($"/o/{org}/work/deleted", $"/o/{org}/work/deleted?handler=Restore", ("kind", "project"), ("id", project.Id.ToString()));

        byStaff.Status.ShouldBe(HttpStatusCode.Forbidden);
        deleted.Status.ShouldBe(HttpStatusCode.Redirect);
        listed.CountTestId("deleted-entry").ShouldBe(1);
        hidden.ShouldBe(0);
        restoreByStaff.Status.ShouldBe(HttpStatusCode.Forbidden);
        restored.Status.ShouldBe(HttpStatusCode.Redirect);
        (await app.Factory.QueryAsync(org, db => db.WorkItems.CountAsync(i => i.ProjectId == project.Id && i.DeletedAt == null))).ShouldBe(tasks);
        (await owner.GetAsync($"/o/{org}/work/deleted")).CountTestId("deleted-entry").ShouldBe(0);
    }
}
