using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Formation.Application.Data;
using Formation.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Tests.Features.Work;

/// <summary>Members on posts: tasks follow the person holding a post, "my work" shows them, a post takes no more people than its head count.</summary>
[Collection(SharedWebApp.Name)]
public sealed partial class PeopleTests(WebAppFixture fixture)
{
    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Assign_OnePersonToAPost_GivesThemItsTasksUpToTheHeadCount(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var org = await owner.CreateOrganizationAsync($"People {provider}");
        await owner.UploadAndAcceptAsync(org, Profiles.Retailer); // 2 promoters
        await owner.SubmitAsync($"/o/{org}/work", $"/o/{org}/work?handler=Generate");
        var (first, firstId) = await JoinAsync(app, owner, org, "first");
        var (_, secondId) = await JoinAsync(app, owner, org, "second");
        var (_, thirdId) = await JoinAsync(app, owner, org, "third");

        (await AssignAsync(owner, org, firstId)).Status.ShouldBe(HttpStatusCode.Redirect);
        var owners = await app.Factory.QueryAsync(org, db => db.WorkItems.Where(i => i.OwnerPost == "promoter").Select(i => i.OwnerUserId).Distinct().ToListAsync());
        var mine = await first.GetAsync($"/o/{org}/my-work");
        var people = await owner.GetAsync($"/o/{org}/people");

        owners.ShouldBe([firstId]);
        TestId().Count(mine.Html).ShouldBeGreaterThan(0);
        people.Text.ShouldContain("1 vacant");

        (await AssignAsync(owner, org, secondId)).Status.ShouldBe(HttpStatusCode.Redirect);
        var shared = await app.Factory.QueryAsync(org, db => db.WorkItems.Where(i => i.OwnerPost == "promoter").Select(i => i.OwnerUserId).Distinct().ToListAsync());
        var full = await AssignAsync(owner, org, thirdId);

        shared.ShouldBe([null]); // two people on the post: the post owns its tasks until someone takes one
        full.Status.ShouldBe(HttpStatusCode.Conflict);
        (await app.Factory.QueryAsync(org, db => db.PostAssignments.CountAsync(a => a.Post == "promoter"))).ShouldBe(2);
    }

    private static Task<Reply> AssignAsync(WebSession owner, Guid org, Guid user) =>
        owner.SubmitAsync($"/o/{org}/people", $"/o/{org}/people?handler=Assign", ("post", "promoter"), ("user", user.ToString()));

    private static async Task<(WebSession Session, Guid Id)> JoinAsync(SeededApp app, WebSession owner, Guid org, string who)
    {
        var email = $"{who}.{Guid.NewGuid():N}@people.test";
        var link = await owner.InviteAsync(org, email, Role.Staff);
        var session = app.Factory.NewSession();
        await session.AcceptInvitationAsync(link, who.ToUpper(CultureInfo.InvariantCulture));
        var id = await app.Factory.QueryAsync(org, db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        return (session, id);
    }

    [GeneratedRegex("data-testid=\"my-item\"")]
    private static partial Regex TestId();
}
