using System.Net;
using Formation.Application.Data;
using Formation.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Tests.Features.Org;

/// <summary>Members and one-time invitation links.</summary>
[Collection(SharedWebApp.Name)]
public sealed class MembersTests(WebAppFixture fixture)
{
    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Members_ListsEveryMemberWithTheirRole(string provider)
    {
        var app = await fixture.GetAsync(provider);

        var page = await app[Role.Staff].Session.GetAsync($"/o/{app.OrganizationA}/members");

        page.Status.ShouldBe(HttpStatusCode.OK);
        foreach (var role in Enum.GetValues<Role>())
        {
            page.Text.ShouldContain(app[role].Email);
        }

        page.Text.ShouldNotContain("owner@beta.test");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Invite_LinkAccepted_JoinsWithTheRoleAndWorksOnlyOnce(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var email = $"once-{Guid.NewGuid():N}@alpha.test";
        var link = await app.Owner.Session.InviteAsync(app.OrganizationA, email, Role.Supervisor);
        using var invitee = app.Factory.NewSession();
        using var latecomer = app.Factory.NewSession();

        var open = await invitee.GetAsync(link);
        await invitee.AcceptInvitationAsync(link, "Once Only");
        var again = await latecomer.GetAsync(link);

        open.Status.ShouldBe(HttpStatusCode.OK);
        open.Text.ShouldContain(email);
        open.Text.ShouldContain(app.OrganizationAName);
        again.Status.ShouldBe(HttpStatusCode.NotFound);
        (await invitee.GetAsync($"/o/{app.OrganizationA}")).Text.ShouldContain("Supervisor");
        var user = await app.Factory.QueryAsync(app.OrganizationA, db => db.Users.SingleAsync(u => u.Email == email));
        (await app.Factory.QueryAsync(app.OrganizationA, db => db.Memberships.SingleAsync(m => m.UserId == user.Id))).Role.ShouldBe(Role.Supervisor);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Invite_ShortPassword_Returns400AndCreatesNoAccount(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var email = $"short-{Guid.NewGuid():N}@alpha.test";
        var link = await app.Owner.Session.InviteAsync(app.OrganizationA, email, Role.Staff);
        using var invitee = app.Factory.NewSession();

        var response = await invitee.SubmitAsync(link, link, ("DisplayName", "Shorty"), ("Password", "short"));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Text.ShouldContain("The password needs at least 10 characters.");
        (await app.Factory.QueryAsync(app.OrganizationA, db => db.Users.CountAsync(u => u.Email == email))).ShouldBe(0);
        (await invitee.GetAsync(link)).Status.ShouldBe(HttpStatusCode.OK, "the link stays usable");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Invite_SignedInUserOfAnotherOrganization_JoinsWithTheCurrentAccount(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var o = await app.NewOrganizationAsync("Joinable");
        var link = await app.Owner.Session.InviteAsync(o, "owner@beta.test", Role.Viewer);
        using var beta = app.Factory.NewSession();
        await beta.SignInOrFailAsync("owner@beta.test");

        var response = await beta.SubmitAsync(link, link);
        var page = await beta.GetAsync($"/o/{o}");

        response.Status.ShouldBe(HttpStatusCode.Redirect);
        response.LocationPath.ShouldBe($"/o/{o}");
        page.Status.ShouldBe(HttpStatusCode.OK);
        (await beta.GetAsync($"/o/{app.OrganizationA}")).Status.ShouldBe(HttpStatusCode.NotFound, "joining one organisation opens no other");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Invite_BadEmail_Returns400AndCreatesNoInvitation(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var before = await app.Factory.QueryAsync(app.OrganizationA, db => db.Invitations.CountAsync());

        var response = await app.Owner.Session.PostInviteAsync(app.OrganizationA, "not an e-mail", Role.Staff);

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Text.ShouldContain("Give a valid e-mail address.");
        (await app.Factory.QueryAsync(app.OrganizationA, db => db.Invitations.CountAsync())).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Invite_UnknownRole_Returns400AndCreatesNoInvitation(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var before = await app.Factory.QueryAsync(app.OrganizationA, db => db.Invitations.CountAsync());

        foreach (var role in new[] { "Emperor", "99" })
        {
            var response = await app.Owner.Session.SubmitAsync(Flows.FormPageOf(app.OrganizationA), $"/o/{app.OrganizationA}/members?handler=Invite",
                ("Email", "emperor@alpha.test"), ("InviteRole", role));

            response.Status.ShouldBe(HttpStatusCode.BadRequest, role);
            response.TestId("invite-link").ShouldBeNull();
        }

        (await app.Factory.QueryAsync(app.OrganizationA, db => db.Invitations.CountAsync())).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Invite_UnknownLink_Returns404(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var stranger = app.Factory.NewSession();

        (await stranger.GetAsync("/invite/inv_not-a-real-secret")).Status.ShouldBe(HttpStatusCode.NotFound);
    }
}
