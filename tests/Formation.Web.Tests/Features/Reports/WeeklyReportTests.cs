using System.Net;
using System.Text;
using Formation.Application.Data;
using Formation.Domain.WorkPlans;
using Formation.Web.Tests.Support;

namespace Formation.Web.Tests.Features.Reports;

/// <summary>The weekly report page: the sections, the capacity table for those who manage, downloads, bad weeks and who may read what.</summary>
[Collection(SharedWebApp.Name)]
public sealed class WeeklyReportTests(WebAppFixture fixture)
{
    public static TheoryData<string, string> BadWeeks => TestProviders.With("2026-W99", "48", "2026-11-23", "w48-2026");

    private static string ThisWeek => IsoWeek.Containing(Formation.Domain.Text.TimeZones.Today(DateTimeOffset.UtcNow, "Asia/Shanghai") /* the CNY test organisation's today */).ToString();

    private static async Task<Guid> RetailerWithWorkPlanAsync(SeededApp app, string provider)
    {
        var owner = app.Owner.Session;
        var org = await owner.CreateOrganizationAsync($"Weekly {provider}");
        await owner.UploadAndAcceptAsync(org, Profiles.Retailer);
        (await owner.SubmitAsync($"/o/{org}/work", $"/o/{org}/work?handler=Generate")).Status.ShouldBe(HttpStatusCode.OK);
        return org;
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Get_RetailerPlan_ShowsEverySectionAndTheCapacityTable(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var org = await RetailerWithWorkPlanAsync(app, provider);

        var page = await app.Owner.Session.GetAsync($"/o/{org}/reports/weekly?week={ThisWeek}");

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.TestId("week").ShouldBe(ThisWeek);
        foreach (var section in new[] { "done", "overdue", "slipping", "upcoming", "passed", "failed" })
        {
            page.CountTestId($"section-{section}").ShouldBe(1);
        }

        page.CountTestId("capacity").ShouldBe(1);
        page.CountTestId("capacity-row").ShouldBeGreaterThan(3);
        page.Html.ShouldContain("data-state=\"vacant\"");
        page.CountTestId("summary-functions").ShouldBe(1);
        page.CountTestId("week-picker").ShouldBe(1);
        page.Text.ShouldContain("Network marketing manager");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Get_NoWeek_ShowsTheCurrentWeekAndAFunctionScope(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var org = await RetailerWithWorkPlanAsync(app, provider);

        var page = await app.Owner.Session.GetAsync($"/o/{org}/reports/weekly?scope=function:promotion");

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.TestId("week").ShouldBe(ThisWeek);
        page.TestId("scope").ShouldBe("Function: Promotion");
        page.CountTestId("summary-people").ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Export_MarkdownAndPdf_DownloadWithANamedFile(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var org = await RetailerWithWorkPlanAsync(app, provider);

        var md = await app.Owner.Session.GetAsync($"/o/{org}/reports/weekly?week=2026-W48&handler=Export&format=md");
        var pdf = await app.Owner.Session.GetAsync($"/o/{org}/reports/weekly?week=2026-W48&handler=Export&format=pdf");

        md.Status.ShouldBe(HttpStatusCode.OK, md.ToString());
        md.MediaType.ShouldBe("text/markdown");
        Encoding.UTF8.GetString(md.Body).ShouldStartWith("# Weekly report: Weekly ");
        Encoding.UTF8.GetString(md.Body).ShouldContain("## Capacity by post");
        FileName(md).ShouldEndWith("-weekly-2026-W48-department-en.md");
        pdf.Status.ShouldBe(HttpStatusCode.OK);
        pdf.MediaType.ShouldBe("application/pdf");
        Encoding.ASCII.GetString(pdf.Body, 0, 5).ShouldBe("%PDF-");
        FileName(pdf).ShouldEndWith("-weekly-2026-W48-department-en.pdf");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Export_InChinese_IsInChinese(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var viewer = await app.AddMemberOfAAsync(Role.Viewer, acceptLanguage: "zh-CN");

        var md = await viewer.Session.GetAsync($"/o/{app.OrganizationA}/reports/weekly?week=2026-W48&handler=Export&format=md");

        md.Status.ShouldBe(HttpStatusCode.OK, md.ToString());
        var text = Encoding.UTF8.GetString(md.Body);
        text.ShouldStartWith($"# 周报：{app.OrganizationAName} · 2026-W48");
        text.ShouldNotContain("岗位负荷");
        FileName(md).ShouldEndWith("-zh.md");
    }

    [Theory]
    [MemberData(nameof(BadWeeks))]
    public async Task Get_BadWeek_Is400WithAMessage(string provider, string week)
    {
        var app = await fixture.GetAsync(provider);

        var page = await app.Owner.Session.GetAsync($"/o/{app.OrganizationA}/reports/weekly?week={Uri.EscapeDataString(week)}");
        var export = await app.Owner.Session.GetAsync($"/o/{app.OrganizationA}/reports/weekly?week={Uri.EscapeDataString(week)}&handler=Export&format=md");

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.TestId("error")!.ShouldContain("is not a week: write an ISO week such as 2026-W48");
        export.Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Get_BadWeekInChinese_SaysSoInChinese(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var member = await app.AddMemberOfAAsync(Role.Viewer, acceptLanguage: "zh-CN");

        var page = await member.Session.GetAsync($"/o/{app.OrganizationA}/reports/weekly?week=next");

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.TestId("error")!.ShouldContain("不是有效的周次");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Get_BadScopeOrFormat_Is400(string provider)
    {
        var app = await fixture.GetAsync(provider);

        (await app.Owner.Session.GetAsync($"/o/{app.OrganizationA}/reports/weekly?scope=team")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await app.Owner.Session.GetAsync($"/o/{app.OrganizationA}/reports/weekly?handler=Export&format=docx")).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Get_ByRole_StaffReadTheirOwnViewersTheDepartmentsSupervisorsAny(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var a = app.OrganizationA;
        var staff = app[Role.Staff].Session;
        var viewer = app[Role.Viewer].Session;
        var supervisor = app[Role.Supervisor].Session;

        var own = await staff.GetAsync($"/o/{a}/reports/weekly");
        own.Status.ShouldBe(HttpStatusCode.OK, own.ToString());
        own.TestId("scope")!.ShouldStartWith("Person: ");
        own.CountTestId("capacity").ShouldBe(0);
        (await staff.GetAsync($"/o/{a}/reports/weekly?scope=department")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await staff.GetAsync($"/o/{a}/reports/weekly?scope=person:{Guid.NewGuid()}")).Status.ShouldBe(HttpStatusCode.Forbidden);

        var department = await viewer.GetAsync($"/o/{a}/reports/weekly");
        department.Status.ShouldBe(HttpStatusCode.OK);
        department.TestId("scope").ShouldBe("Whole department");
        department.CountTestId("capacity").ShouldBe(0);
        (await viewer.GetAsync($"/o/{a}/reports/weekly?scope=function:promotion")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await viewer.GetAsync($"/o/{a}/reports/weekly?handler=Export&format=md&scope=function:promotion")).Status.ShouldBe(HttpStatusCode.Forbidden);

        var function = await supervisor.GetAsync($"/o/{a}/reports/weekly?scope=function:promotion");
        function.Status.ShouldBe(HttpStatusCode.OK);
        function.CountTestId("capacity").ShouldBe(1);
        (await supervisor.GetAsync($"/o/{a}/reports/weekly?scope=person:{Guid.NewGuid()}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Get_AnotherOrganisation_Is404(string provider)
    {
        var app = await fixture.GetAsync(provider);

        (await app.OwnerOfB.Session.GetAsync($"/o/{app.OrganizationA}/reports/weekly")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await app.OwnerOfB.Session.GetAsync($"/o/{app.OrganizationA}/reports/weekly?handler=Export&format=pdf")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Get_WithoutAnAcceptedPlan_SaysSo(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var org = await app.NewOrganizationAsync("Planless");

        var page = await app.Owner.Session.GetAsync($"/o/{org}/reports/weekly");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.CountTestId("no-plan").ShouldBe(1);
        (await app.Owner.Session.GetAsync($"/o/{org}/reports/weekly?handler=Export&format=md")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    private static string FileName(Reply reply) =>
        reply.ContentHeaders.ContentDisposition!.FileNameStar ?? reply.ContentHeaders.ContentDisposition.FileName ?? "";
}
