using Formation.Application.Data;
using Formation.Application.Features.Accounts;
using Formation.Application.Features.Work;
using Formation.Application.Reports;
using Formation.Application.Tests.Reports;
using Formation.Domain.Text;
using Formation.Domain.WorkPlans;
using Microsoft.EntityFrameworkCore;

namespace Formation.Application.Tests.Features;

/// <summary>The weekly report loaded from the database, after moves made through <see cref="Tasks"/>.</summary>
public sealed class WeeklyReportsTests
{
    private static IsoWeek ThisWeek => IsoWeek.Containing(Formation.Domain.Text.TimeZones.Today(DateTimeOffset.UtcNow, "Asia/Shanghai") /* the CNY test organisation's today */);

    private static async Task<WeeklyReportResult?> ReportAsync(TestOrganization org, IsoWeek week)
    {
        await using var context = org.Context();
        return await new WeeklyReports(context, org.Plans(context)).BuildAsync(week);
    }

    private static async Task<TestOrganization> SetUpAsync(string provider, bool withPlan = true)
    {
        var org = await TestOrganization.CreateAsync(provider, ownerName: "Olga", name: "Tea House");
        if (withPlan)
        {
            await org.AcceptAsync(TestOrganization.Example("retailer.yaml"));
            (await org.GenerateAsync()).ShouldNotBeNull();
            await using var context = org.Context();
            (await org.WorkPlans(context).AssignAsync("manager", org.Owner, org.Owner)).ShouldBeTrue();
        }

        return org;
    }

    private static async Task<WorkItem> MoveAsync(Tasks tasks, AppDbContext context, Guid id, Actor actor, params WorkStatus[] steps)
    {
        WorkItem item = null!;
        foreach (var step in steps)
        {
            var version = await context.WorkItems.AsNoTracking().Where(i => i.Id == id).Select(i => i.Version).SingleAsync();
            var result = await tasks.MoveAsync(id, version, actor, step);
            result.Outcome.ShouldBe(TaskOutcome.Saved);
            item = result.Current!;
        }

        return item;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BuildAsync_AfterMovesThroughTasks_ListsThemFromTheAuditTrail(string provider)
    {
        await using var org = await SetUpAsync(provider);
        Guid passed, failed, moved;
        await using (var context = org.Context())
        {
            var tasks = new Tasks(context, TimeProvider.System);
            var actor = new Actor(org.Owner, Role.Owner);
            var picked = await context.WorkItems.AsNoTracking().Where(i => i.Kind != "milestone").OrderBy(i => i.DueDate).ThenBy(i => i.Key).Take(3).Select(i => i.Id).ToListAsync();
            (passed, failed, moved) = (picked[0], picked[1], picked[2]);
            await MoveAsync(tasks, context, passed, actor, WorkStatus.Doing, WorkStatus.Review, WorkStatus.Done);
            await MoveAsync(tasks, context, failed, actor, WorkStatus.Doing, WorkStatus.Review, WorkStatus.Doing);
            var item = await context.WorkItems.AsNoTracking().SingleAsync(i => i.Id == moved);
            (await tasks.EditAsync(moved, item.Version, actor, new TaskEdit(Due: item.DueDate.AddDays(14)))).Outcome.ShouldBe(TaskOutcome.Saved);
        }

        var result = await ReportAsync(org, ThisWeek);

        result.ShouldNotBeNull();
        result.Organization.ShouldBe("Tea House");
        var d = result.Report.Department;
        d.Done.Select(e => e.Task.Id).ShouldBe([passed]);
        d.CheckpointsPassed.Select(e => e.Task.Id).ShouldBe([passed]);
        d.CheckpointsFailed.Select(e => e.Task.Id).ShouldBe([failed]);
        d.Slipping.ShouldContain(e => e.Task.Id == moved && e.Slip == SlipReason.DueMoved);
        d.Overdue.ShouldNotContain(e => e.Task.Id == passed);

        // Olga holds the manager's post alone; posts nobody holds are vacant.
        var olga = result.Report.People.ShouldHaveSingleItem();
        olga.Person.Name.ShouldBe("Olga");
        olga.Posts.ShouldBe(["manager"]);
        result.Report.Capacity.Single(c => c.Post == "manager").CapacityHours.ShouldBe(40);
        result.Report.Capacity.Where(c => c.Post != "manager").ShouldAllBe(c => c.State == CapacityState.Vacant);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BuildAsync_WithoutAnAcceptedPlan_IsNull(string provider)
    {
        await using var org = await SetUpAsync(provider, withPlan: false);

        (await ReportAsync(org, ThisWeek)).ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BuildAsync_AnotherOrganisationsTasks_StayOut(string provider)
    {
        await using var org = await SetUpAsync(provider);
        await using (var context = org.Db.Target.CreateContext())
        {
            var other = await new Accounts(context, TimeProvider.System).CreateOrganizationAsync(org.Owner, "Other", "CNY");
            context.OrganizationId = other.Id;
            context.WorkItems.Add(new WorkItem
            {
                OrganizationId = other.Id, Id = Guid.NewGuid(), TitleZh = "别家", TitleEn = "Someone else's", Phase = "implementation", Kind = "manual",
                OwnerPost = "manager", Cadence = "once", EvidenceZh = "", EvidenceEn = "", CheckedBy = "manager",
                StartDate = ThisWeek.Monday, DueDate = ThisWeek.Monday, EffortHours = 1, Version = 1,
            });
            await context.SaveChangesAsync();
        }

        var result = await ReportAsync(org, ThisWeek);

        result!.Report.Department.Overdue.ShouldNotContain(e => e.Task.Title.En == "Someone else's");
    }

    [Theory]
    [InlineData(Language.Zh, "周报：Tea House", "本周完成", "岗位负荷")]
    [InlineData(Language.En, "Weekly report: Tea House", "Done this week", "Capacity by post")]
    public async Task Pdf_RendersTheReportInEitherLanguage(Language language, string title, string section, string capacity)
    {
        await using var org = await SetUpAsync("sqlite");
        var result = await ReportAsync(org, ThisWeek);

        var pdf = WeeklyReportPdf.Render(result!.Report, ReportScope.Department, language, result.Organization, includeCapacity: true);
        var text = ReportExamples.Run("pdftotext", "-layout", ReportExamples.WriteTemp(pdf, "weekly.pdf"), "-");

        text.ShouldContain(title);
        text.ShouldContain(section);
        text.ShouldContain(capacity);
        text.ShouldContain(ThisWeek.ToString());
        text.ShouldContain(language == Language.Zh ? "网络营销经理" : "Network marketing manager");
    }
}
