using System.Net;
using Formation.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Tests.Features.Work;

/// <summary>The work plan page: generated from the accepted plan by an owner, idempotent, filterable, read by everyone.</summary>
[Collection(SharedWebApp.Name)]
public sealed class WorkPlanPageTests(WebAppFixture fixture)
{
    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Generate_TwiceFromTheAcceptedPlan_AddsTasksOnceAndListsThem(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var org = await owner.CreateOrganizationAsync($"Work {provider}");
        await owner.UploadAndAcceptAsync(org, Profiles.Retailer);

        var first = await owner.SubmitAsync($"/o/{org}/work", $"/o/{org}/work?handler=Generate");
        var count = await app.Factory.QueryAsync(org, db => db.WorkItems.CountAsync());
        var second = await owner.SubmitAsync($"/o/{org}/work", $"/o/{org}/work?handler=Generate");
        var filtered = await owner.GetAsync($"/o/{org}/work?Post=promoter");

        first.Status.ShouldBe(HttpStatusCode.OK);
        first.Text.ShouldContain($"{count} added");
        count.ShouldBeGreaterThan(0);
        second.Text.ShouldContain("0 added, 0 updated, 0 retired");
        (await app.Factory.QueryAsync(org, db => db.WorkItems.CountAsync())).ShouldBe(count);
        filtered.Status.ShouldBe(HttpStatusCode.OK);
        filtered.Text.ShouldContain("Promoter");
        filtered.Text.ShouldNotContain("Front-end designer and editor</td>");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Generate_BeforeAnyAcceptedVersion_SaysSoAndWritesNothing(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var org = await owner.CreateOrganizationAsync($"Empty {provider}");

        var reply = await owner.SubmitAsync($"/o/{org}/work", $"/o/{org}/work?handler=Generate");

        reply.Status.ShouldBe(HttpStatusCode.OK);
        reply.Text.ShouldContain("No plan version has been accepted yet");
        (await app.Factory.QueryAsync(org, db => db.WorkItems.CountAsync())).ShouldBe(0);
    }
}
