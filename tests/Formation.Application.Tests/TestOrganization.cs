using Formation.Application.Data;
using Formation.Application.Features.Accounts;
using Formation.Application.Features.Data;
using Formation.Application.Features.Planning;
using Formation.Application.Features.Work;
using Formation.Application.Tests.Reports;
using Formation.Domain.DataImport;
using Formation.Domain.Playbooks;

namespace Formation.Application.Tests;

/// <summary>
/// One organisation on a fresh, migrated database, set up as the app's first sign-up does (owner o@example.com),
/// with the services feature tests build on it. Disposing it removes the database.
/// </summary>
internal sealed class TestOrganization : IAsyncDisposable
{
    private readonly BlueprintCache _cache = new();

    private TestOrganization(TestDatabase db, TimeProvider clock, Guid id, Guid owner)
    {
        Db = db;
        Clock = clock;
        Id = id;
        Owner = owner;
    }

    public TestDatabase Db { get; }

    public TimeProvider Clock { get; }

    public Guid Id { get; }

    public Guid Owner { get; }

    public static async Task<TestOrganization> CreateAsync(string provider, TimeProvider? clock = null, string ownerName = "O", string name = "Tea")
    {
        clock ??= TimeProvider.System;
        var db = await TestDatabase.CreateAsync(provider);
        await db.Target.MigrateAsync(clock);
        await using var context = db.Target.CreateContext();
        var (user, organization) = (await new Accounts(context, clock).SetUpAsync("o@example.com", ownerName, "correct horse battery", name, "CNY", "en"))!.Value;
        return new TestOrganization(db, clock, organization.Id, user.Id);
    }

    /// <summary>The text of a profile in <c>examples/</c>.</summary>
    public static string Example(string fileName) => File.ReadAllText(Path.Combine(ReportExamples.RepositoryRoot, "examples", fileName));

    /// <summary>A context scoped to this organisation.</summary>
    public AppDbContext Context()
    {
        var context = Db.Target.CreateContext();
        context.OrganizationId = Id;
        return context;
    }

    public Plans Plans(AppDbContext context) => new(context, PlaybookLibrary.Shipped, Clock, _cache, new NoPlanChanges());

    public WorkPlans WorkPlans(AppDbContext context) => new(context, Plans(context), PlaybookLibrary.Shipped, Clock);

    /// <summary>Saves <paramref name="yaml"/> as the draft and accepts it, as the owner.</summary>
    public async Task AcceptAsync(string yaml)
    {
        await using var context = Context();
        (await Plans(context).SaveDraftAsync(yaml, null, Owner)).Saved.ShouldBeTrue();
        (await Plans(context).AcceptAsync(Owner, null)).ShouldNotBeNull();
    }

    /// <summary>Generates (or updates) the work plan from the accepted version, as the owner.</summary>
    public async Task<GenerationResult?> GenerateAsync()
    {
        await using var context = Context();
        return await WorkPlans(context).GenerateAsync(Owner);
    }

    /// <summary>Invites <paramref name="email"/> with <paramref name="role"/> and accepts the invitation; the new member's id.</summary>
    public async Task<Guid> MemberAsync(string email, Role role)
    {
        await using var context = Context();
        var accounts = new Accounts(context, Clock);
        var (_, secret) = await accounts.InviteAsync(email, role, Owner, TimeSpan.FromDays(1));
        var outcome = await accounts.AcceptInvitationAsync(secret, null, email, "correct horse battery", "en");
        outcome.User.ShouldNotBeNull();
        return outcome.User.Id;
    }

    /// <summary>Commits rows of the formation-standard shape (<see cref="MetricHeader"/>) through the importer; the result must be committed.</summary>
    public ImportResult Import(params IEnumerable<string> rows)
    {
        var path = Path.Combine(Path.GetTempPath(), $"formation-test-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, new[] { MetricHeader }.Concat(rows), new System.Text.UTF8Encoding(false));
        try
        {
            using var stream = File.OpenRead(path);
            using var source = CsvSource.Open(stream);
            var result = new MetricImporter(Db.Target, Clock).Commit(source, new ImportRequest(Id, Owner, "test.csv", MappingCatalog.Standard));
            result.Committed.ShouldBeTrue(string.Join("; ", result.Problems.Select(p => p.ToString())));
            return result;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The columns of <see cref="Import"/>'s rows.</summary>
    public const string MetricHeader = "date,channel,campaign,segment,impressions,clicks,cost,conversions,leads,orders,revenue";

    public async ValueTask DisposeAsync()
    {
        _cache.Dispose();
        await Db.DisposeAsync();
    }
}
