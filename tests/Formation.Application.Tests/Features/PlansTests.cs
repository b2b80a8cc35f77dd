using Formation.Application.Data;
using Formation.Application.Features.Accounts;
using Formation.Application.Features.Planning;
using Formation.Domain.Playbooks;
using Microsoft.EntityFrameworkCore;

namespace Formation.Application.Tests.Features;

public class PlansTests
{
    private static string Retailer => File.ReadAllText(Path.Combine(Root(), "examples", "retailer.yaml"));

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Formation.slnx")))
        {
            dir = dir.Parent;
        }

        return dir.FullName;
    }

    private static Plans PlansFor(AppDbContext context, BlueprintCache cache) =>
        new(context, PlaybookLibrary.Shipped, TimeProvider.System, cache, new NoPlanChanges());

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Accept_ManyAtOnce_NumbersVersionsWithoutGapsOrFailures(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await db.Target.MigrateAsync(TimeProvider.System);
        using var cache = new BlueprintCache();
        Guid organization, owner;
        await using (var context = db.Target.CreateContext())
        {
            var (user, org) = (await new Accounts(context, TimeProvider.System).SetUpAsync("o@example.com", "O", "correct horse battery", "Tea", "CNY", "en"))!.Value;
            (organization, owner) = (org.Id, user.Id);
            context.OrganizationId = organization;
            (await PlansFor(context, cache).SaveDraftAsync(Retailer, null, owner)).Saved.ShouldBeTrue();
        }

        // SQLite serialises writers itself; PostgreSQL lets the accepts race for the next number.
        var versions = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            await using var context = db.Target.CreateContext();
            context.OrganizationId = organization;
            return await PlansFor(context, cache).AcceptAsync(owner, null);
        }));

        versions.ShouldAllBe(v => v != null);
        versions.Select(v => v!.Number).Order().ShouldBe([1, 2, 3, 4, 5, 6]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveDraft_Invalid_WritesNothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await db.Target.MigrateAsync(TimeProvider.System);
        using var cache = new BlueprintCache();
        await using var context = db.Target.CreateContext();
        var (user, org) = (await new Accounts(context, TimeProvider.System).SetUpAsync("o@example.com", "O", "correct horse battery", "Tea", "CNY", "en"))!.Value;
        context.OrganizationId = org.Id;

        var result = await PlansFor(context, cache).SaveDraftAsync("enterprise: [", null, user.Id);

        result.Saved.ShouldBeFalse();
        result.Errors.ShouldNotBeEmpty();
        (await context.ProfileDrafts.CountAsync()).ShouldBe(0);
    }
}
