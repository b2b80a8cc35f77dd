using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Formation.Application.Data;
using Formation.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Tests.Api;

/// <summary>Tasks over the API: list, read, change with the version read; roles and organisations as on the pages.</summary>
[Collection(SharedWebApp.Name)]
public sealed class TaskEndpointsTests(WebAppFixture fixture)
{
    private static async Task<(SeededApp App, Guid Org, WorkItem Item)> OrgWithPlanAsync(WebAppFixture fixture, string provider, string name)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var org = await owner.CreateOrganizationAsync($"{name} {provider}");
        await owner.UploadAndAcceptAsync(org, Profiles.Retailer);
        await owner.SubmitAsync($"/o/{org}/work", $"/o/{org}/work?handler=Generate");
        var item = await app.Factory.QueryAsync(org, db => db.WorkItems.AsNoTracking().Where(i => i.OwnerPost == "promoter").OrderBy(i => i.Key).FirstAsync());
        return (app, org, item);
    }

    private static async Task<Reply> PatchAsync(WebSession script, Guid org, Guid id, string token, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/organizations/{org}/tasks/{id}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await script.SendAsync(request);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Tasks_ListFilterAndPatch_WithTheVersionRead_TheSecondWriterGets409WithTheCurrentTask(string provider)
    {
        var (app, org, item) = await OrgWithPlanAsync(fixture, provider, "API tasks");
        var token = await app.Owner.Session.CreateTokenAsync(org, "tasks");
        using var script = app.Factory.NewSession();

        var all = await script.GetAsync($"/api/v1/organizations/{org}/tasks?limit=1000", token);
        var promoter = await script.GetAsync($"/api/v1/organizations/{org}/tasks?post=promoter&limit=1000", token);
        var one = await script.GetAsync($"/api/v1/organizations/{org}/tasks/{item.Id}", token);
        var first = await PatchAsync(script, org, item.Id, token, $$"""{"version":{{item.Version}},"status":"doing"}""");
        var second = await PatchAsync(script, org, item.Id, token, $$"""{"version":{{item.Version}},"status":"done"}""");
        var badStatus = await PatchAsync(script, org, item.Id, token, $$"""{"version":{{item.Version + 1}},"status":"finished"}""");
        var noVersion = await PatchAsync(script, org, item.Id, token, """{"status":"Done"}""");

        var count = await app.Factory.QueryAsync(org, db => db.WorkItems.CountAsync(i => !i.Retired));
        JsonDocument.Parse(all.Body).RootElement.GetArrayLength().ShouldBe(Math.Min(count, 1000));
        JsonDocument.Parse(promoter.Body).RootElement.EnumerateArray().ShouldAllBe(t => t.GetProperty("post").GetString() == "promoter");
        one.Headers.ETag!.Tag.ShouldBe($"\"{item.Version}\"");
        first.Status.ShouldBe(HttpStatusCode.OK, first.ToString());
        JsonDocument.Parse(first.Body).RootElement.GetProperty("status").GetString().ShouldBe("Doing");
        second.Status.ShouldBe(HttpStatusCode.Conflict);
        using (var problem = JsonDocument.Parse(second.Body))
        {
            problem.RootElement.GetProperty("current").GetProperty("status").GetString().ShouldBe("Doing");
            problem.RootElement.GetProperty("current").GetProperty("version").GetInt32().ShouldBe(item.Version + 1);
        }

        badStatus.Status.ShouldBe(HttpStatusCode.BadRequest);
        badStatus.Text.ShouldContain("finished");
        noVersion.Status.ShouldBe(HttpStatusCode.BadRequest);
        (await app.Factory.QueryAsync(org, db => db.WorkItems.SingleAsync(i => i.Id == item.Id))).Status.ShouldBe(WorkStatus.Doing);
        (await app.Factory.QueryAsync(org, db => db.WorkChanges.CountAsync(c => c.SubjectId == item.Id && c.Action == "status"))).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Tasks_ViewersAndStaffOnOthersTasks_Get403_OtherOrganisations404(string provider)
    {
        var (app, org, item) = await OrgWithPlanAsync(fixture, provider, "API task roles");
        var owner = app.Owner.Session;
        var viewer = app.Factory.NewSession();
        await viewer.AcceptInvitationAsync(await owner.InviteAsync(org, $"viewer.{Guid.NewGuid():N}@api.test", Role.Viewer), "Viewer");
        var staff = app.Factory.NewSession();
        await staff.AcceptInvitationAsync(await owner.InviteAsync(org, $"staff.{Guid.NewGuid():N}@api.test", Role.Staff), "Staff");
        var viewerToken = await viewer.CreateTokenAsync(org, "viewer");
        var staffToken = await staff.CreateTokenAsync(org, "staff");
        var foreignToken = await app.OwnerOfB.Session.CreateTokenAsync(app.OrganizationB, "foreign");
        using var script = app.Factory.NewSession();
        var body = $$"""{"version":{{item.Version}},"status":"Done"}""";

        var read = await script.GetAsync($"/api/v1/organizations/{org}/tasks", viewerToken);
        var byViewer = await PatchAsync(script, org, item.Id, viewerToken, body);
        var byStaff = await PatchAsync(script, org, item.Id, staffToken, body);
        var foreignList = await script.GetAsync($"/api/v1/organizations/{org}/tasks", foreignToken);
        var foreignInOwnOrg = await PatchAsync(script, app.OrganizationB, item.Id, foreignToken, body);

        read.Status.ShouldBe(HttpStatusCode.OK);
        byViewer.Status.ShouldBe(HttpStatusCode.Forbidden);
        byStaff.Status.ShouldBe(HttpStatusCode.Forbidden);
        foreignList.Status.ShouldBe(HttpStatusCode.NotFound);
        foreignInOwnOrg.Status.ShouldBe(HttpStatusCode.NotFound);
        (await app.Factory.QueryAsync(org, db => db.WorkItems.SingleAsync(i => i.Id == item.Id))).Version.ShouldBe(item.Version);
    }
}
