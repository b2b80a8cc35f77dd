using System.Net;
using Formation.Web.Tests.Support;

namespace Formation.Web.Tests.Features.Org;

/// <summary>The live Erlang C calculator: the reference case, and input it cannot use.</summary>
[Collection(SharedWebApp.Name)]
public sealed class StaffingTests(WebAppFixture fixture)
{
    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Result_ReferenceCase_Needs14Agents(string provider)
    {
        var app = await fixture.GetAsync(provider);

        var result = await app[Application.Data.Role.Viewer].Session.GetAsync(
            $"/o/{app.OrganizationA}/staffing?handler=Result&contacts=100&intervalMinutes=30&ahtSeconds=180&targetSeconds=20&serviceLevel=0.8&shrinkage=0&concurrency=1");

        result.Status.ShouldBe(HttpStatusCode.OK);
        result.TestId("agents").ShouldBe("14");
        result.TestId("service-level").ShouldBe("88.8%");
        result.TestId("occupancy").ShouldBe("71.4%");
        result.Text.ShouldNotContain("<html"); // a fragment for htmx, not a page
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Result_UnusableInput_ListsEveryProblemWithoutFailing(string provider)
    {
        var app = await fixture.GetAsync(provider);

        var result = await app.Owner.Session.GetAsync(
            $"/o/{app.OrganizationA}/staffing?handler=Result&contacts=-1&intervalMinutes=0&ahtSeconds=abc&targetSeconds=20&serviceLevel=1.5&shrinkage=1&concurrency=7");

        result.Status.ShouldBe(HttpStatusCode.OK);
        result.TestId("staffing-result").ShouldBeNull();
        result.Text.ShouldContain("Contacts must be 0 to 10,000,000.");
        result.Text.ShouldContain("The service-level target must be between 0 and 1, such as 0.8.");
        result.Text.ShouldContain("Concurrent chats must be a whole number from 1 to 5.");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Result_HugeLoad_IsRefusedWithAMessage(string provider)
    {
        var app = await fixture.GetAsync(provider);

        var result = await app.Owner.Session.GetAsync(
            $"/o/{app.OrganizationA}/staffing?handler=Result&contacts=10000000&intervalMinutes=1&ahtSeconds=86400&targetSeconds=20&serviceLevel=0.8&shrinkage=0&concurrency=1");

        result.Status.ShouldBe(HttpStatusCode.OK);
        result.Text.ShouldContain("too large");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Staffing_WithAProfile_StartsFromItsVolumes(string provider)
    {
        var app = await fixture.GetAsync(provider);

        var page = await app.Owner.Session.GetAsync($"/o/{app.OrganizationA}/staffing");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Text.ShouldContain("name=\"contacts\" value=\"22.5\""); // 150 a day × 0.15 at the peak hour
        page.Text.ShouldContain("name=\"concurrency\" value=\"3\"");
        page.TestId("agents").ShouldNotBeNull();
    }
}
