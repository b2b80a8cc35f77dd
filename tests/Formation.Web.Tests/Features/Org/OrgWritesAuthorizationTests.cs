using System.Net;
using Formation.Application.Data;
using Formation.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Tests.Features.Org;

/// <summary>
/// Changing the plan or the membership is for owners and managers: supervisors, staff and viewers get 403
/// and nothing is written; a member of another organisation gets 404 and nothing is written.
/// </summary>
[Collection(SharedWebApp.Name)]
public sealed class OrgWritesAuthorizationTests(WebAppFixture fixture)
{
    public static TheoryData<string, Role> ReadOnlyRoles => TestProviders.With(Role.Supervisor, Role.Staff, Role.Viewer);

    public static TheoryData<string, Role> EditorRoles => TestProviders.With(Role.Owner, Role.Manager);

    [Theory]
    [MemberData(nameof(ReadOnlyRoles))]
    public async Task Writes_ReadOnlyRole_Return403AndWriteNothing(string provider, Role role)
    {
        var app = await fixture.GetAsync(provider);
        var session = app[role].Session;
        var a = app.OrganizationA;
        var before = await SnapshotAsync(app);
        var revision = await session.ProfileRevisionAsync(a);

        var save = await session.SaveProfileAsync(a, Profiles.WithContentPieces(20), revision);
        var upload = await session.UploadProfileAsync(a, Profiles.WithContentPieces(21));
        var accept = await session.AcceptPlanAsync(a, "not mine to accept");
        var invite = await session.PostInviteAsync(a, $"friend-of-{role}@alpha.test", Role.Viewer);
        var wizardSave = await session.SubmitAsync(Flows.FormPageOf(a), $"/o/{a}/wizard?handler=Save&accept=true", ("enterprise.name", "Hijacked"));
        var wizardGo = await session.SubmitAsync(Flows.FormPageOf(a), $"/o/{a}/wizard?handler=Go&to=2", ("from", "1"));
        var generate = await session.SubmitAsync(Flows.FormPageOf(a), $"/o/{a}/work?handler=Generate");
        var assign = await session.SubmitAsync(Flows.FormPageOf(a), $"/o/{a}/people?handler=Assign", ("post", "promoter"), ("user", Guid.NewGuid().ToString()));

        save.Status.ShouldBe(HttpStatusCode.Forbidden, save.ToString());
        upload.Status.ShouldBe(HttpStatusCode.Forbidden, upload.ToString());
        accept.Status.ShouldBe(HttpStatusCode.Forbidden, accept.ToString());
        invite.Status.ShouldBe(HttpStatusCode.Forbidden, invite.ToString());
        wizardSave.Status.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound); // 404 until the wizard exists
        wizardGo.Status.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
        generate.Status.ShouldBe(HttpStatusCode.Forbidden, generate.ToString());
        assign.Status.ShouldBe(HttpStatusCode.Forbidden, assign.ToString());
        save.Text.ShouldContain("Your role in this organisation does not allow this.");
        (await SnapshotAsync(app)).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(ReadOnlyRoles))]
    public async Task ReadOnlyRole_Pages_OfferNoEditing(string provider, Role role)
    {
        var app = await fixture.GetAsync(provider);
        var session = app[role].Session;

        var start = await session.GetAsync($"/o/{app.OrganizationA}");
        var profile = await session.GetAsync($"/o/{app.OrganizationA}/profile");
        var members = await session.GetAsync($"/o/{app.OrganizationA}/members");

        start.Form($"/o/{app.OrganizationA}?handler=Accept").ShouldBeNull();
        profile.Form($"/o/{app.OrganizationA}/profile?handler=Upload").ShouldBeNull();
        members.Form($"/o/{app.OrganizationA}/members?handler=Invite").ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(EditorRoles))]
    public async Task Writes_OwnerOrManager_Work(string provider, Role role)
    {
        var app = await fixture.GetAsync(provider);
        var session = app[role].Session;
        var a = app.OrganizationA;
        var before = await SnapshotAsync(app);

        var save = await session.SaveProfileAsync(a, Profiles.WithContentPieces(12), await session.ProfileRevisionAsync(a));
        var afterSave = await SnapshotAsync(app);
        var upload = await session.UploadProfileAsync(a, Profiles.Retailer);
        var accept = await session.AcceptPlanAsync(a, $"accepted by the {role}");
        var link = await session.InviteAsync(a, $"invited-by-{role}-{Guid.NewGuid():N}@alpha.test", Role.Staff);
        var after = await SnapshotAsync(app);

        save.Status.ShouldBe(HttpStatusCode.Redirect, save.ToString());
        save.LocationPath.ShouldBe($"/o/{a}/blueprint");
        afterSave.DraftRevision.ShouldBe(before.DraftRevision + 1);
        upload.Status.ShouldBe(HttpStatusCode.Redirect, upload.ToString());
        accept.Status.ShouldBe(HttpStatusCode.Redirect, accept.ToString());
        accept.LocationPath.ShouldBe($"/o/{a}/versions?accepted={after.Versions}");
        link.ShouldStartWith("/invite/inv_");
        after.DraftRevision.ShouldBe(before.DraftRevision + 2);
        after.Versions.ShouldBe(before.Versions + 1);
        after.Invitations.ShouldBe(before.Invitations + 1);
        (await app.Factory.QueryAsync(a, db => db.PlanVersions.OrderByDescending(v => v.Number).FirstAsync())).Note.ShouldBe($"accepted by the {role}");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Invite_ManagerAskingForAnOwner_Returns403AndWritesNothing(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var before = await SnapshotAsync(app);

        var response = await app[Role.Manager].Session.PostInviteAsync(app.OrganizationA, "would-be-owner@alpha.test", Role.Owner);

        response.Status.ShouldBe(HttpStatusCode.Forbidden);
        (await SnapshotAsync(app)).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Writes_OwnerOfAnotherOrganization_Return404AndWriteNothing(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var intruder = app.OwnerOfB.Session;
        var a = app.OrganizationA;
        var before = await SnapshotAsync(app);
        var token = await intruder.AntiforgeryTokenAsync(Flows.FormPageOf(app.OrganizationB));

        var save = await intruder.PostFormAsync($"/o/{a}/profile?handler=Save", token, ("Yaml", Profiles.WithContentPieces(30)), ("revision", before.DraftRevision.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var accept = await intruder.PostFormAsync($"/o/{a}?handler=Accept", token, ("note", "intruder"));
        var invite = await intruder.PostFormAsync($"/o/{a}/members?handler=Invite", token, ("Email", "accomplice@beta.test"), ("InviteRole", "Owner"));
        var newToken = await intruder.PostFormAsync($"/o/{a}/tokens?handler=Create", token, ("Name", "a way in"));
        var generate = await intruder.PostFormAsync($"/o/{a}/work?handler=Generate", token);
        var assign = await intruder.PostFormAsync($"/o/{a}/people?handler=Assign", token, ("post", "promoter"), ("user", Guid.NewGuid().ToString()));

        save.Status.ShouldBe(HttpStatusCode.NotFound);
        accept.Status.ShouldBe(HttpStatusCode.NotFound);
        invite.Status.ShouldBe(HttpStatusCode.NotFound);
        newToken.Status.ShouldBe(HttpStatusCode.NotFound);
        generate.Status.ShouldBe(HttpStatusCode.NotFound);
        assign.Status.ShouldBe(HttpStatusCode.NotFound);
        (await SnapshotAsync(app)).ShouldBe(before);
    }

    private static Task<Snapshot> SnapshotAsync(SeededApp app) =>
        app.Factory.QueryAsync(app.OrganizationA, async db => new Snapshot(
            (await db.ProfileDrafts.SingleAsync()).Revision,
            await db.ProfileDrafts.Select(d => d.Yaml).SingleAsync(),
            await db.PlanVersions.CountAsync(),
            await db.Invitations.CountAsync(),
            await db.PersonalAccessTokens.CountAsync(),
            await db.Memberships.CountAsync(m => m.OrganizationId == app.OrganizationA),
            await db.WorkItems.CountAsync(),
            await db.PostAssignments.CountAsync()));

    private sealed record Snapshot(int DraftRevision, string DraftYaml, int Versions, int Invitations, int Tokens, int Members, int WorkItems, int Assignments);
}
