using Formation.Application.Features.Work;
using Microsoft.EntityFrameworkCore;

namespace Formation.Application.Tests.Features;

public class WorkPlansTests
{
    private static string Example(string name) => TestOrganization.Example(name);

    private static Task<TestOrganization> SetUpAsync(string provider) => TestOrganization.CreateAsync(provider);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Generate_BeforeAnyAcceptedVersion_DoesNothing(string provider)
    {
        await using var org = await SetUpAsync(provider);

        (await org.GenerateAsync()).ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Generate_Twice_ChangesNothingTheSecondTime(string provider)
    {
        await using var org = await SetUpAsync(provider);
        await org.AcceptAsync(Example("retailer.yaml"));

        var first = await org.GenerateAsync();
        int count;
        await using (var context = org.Context())
        {
            count = await context.WorkItems.CountAsync();
        }

        var second = await org.GenerateAsync();

        first!.Added.ShouldBeGreaterThan(0);
        count.ShouldBe(first.Added);
        second.ShouldBe(new GenerationResult(1, 0, 0, 0, 0));
        await using var check = org.Context();
        (await check.WorkItems.CountAsync()).ShouldBe(count);
        (await check.WorkProjects.CountAsync()).ShouldBeGreaterThan(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Generate_AfterTheStrategyChanges_AddsAndRetiresButKeepsEditedTasks(string provider)
    {
        await using var org = await SetUpAsync(provider);
        var retailer = Example("retailer.yaml");
        await org.AcceptAsync(retailer);
        await org.GenerateAsync();
        string editedKey;
        await using (var context = org.Context())
        {
            var search = await context.WorkItems.Where(i => i.Key!.StartsWith("search/")).OrderBy(i => i.Key).FirstAsync();
            search.TitleEn = "Keyword research, done our way";
            search.Edited = true;
            search.Version++;
            await context.SaveChangesAsync();
            editedKey = search.Key!;
        }

        // Drop search, add content PR.
        await org.AcceptAsync(retailer.Replace("models: [platform-retail, search]", "models: [platform-retail, content-pr]", StringComparison.Ordinal));
        var result = await org.GenerateAsync();

        result!.VersionNumber.ShouldBe(2);
        result.Added.ShouldBeGreaterThan(0);
        result.Retired.ShouldBeGreaterThan(0);
        result.KeptEdited.ShouldBeGreaterThanOrEqualTo(1);
        await using var check = org.Context();
        var edited = await check.WorkItems.SingleAsync(i => i.Key == editedKey);
        edited.TitleEn.ShouldBe("Keyword research, done our way");
        edited.Retired.ShouldBeFalse();
        (await check.WorkItems.CountAsync(i => i.Key!.StartsWith("content-pr/"))).ShouldBeGreaterThan(0);
        (await check.WorkItems.Where(i => i.Retired).ToListAsync()).ShouldAllBe(i => i.Key!.StartsWith("search/") || i.Key.StartsWith("platform-retail/"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Generate_Dependencies_LinkTasksOfThisPlan(string provider)
    {
        await using var org = await SetUpAsync(provider);
        await org.AcceptAsync(Example("b2b-leads.yaml"));

        await org.GenerateAsync();

        await using var check = org.Context();
        var ids = (await check.WorkItems.Select(i => i.Id).ToListAsync()).ToHashSet();
        var dependencies = await check.WorkDependencies.ToListAsync();
        dependencies.ShouldNotBeEmpty();
        dependencies.ShouldAllBe(d => ids.Contains(d.TaskId) && ids.Contains(d.DependsOnTaskId) && d.TaskId != d.DependsOnTaskId);
        (await check.WorkItems.CountAsync(i => i.Kind == "milestone")).ShouldBe(6);
    }
}
