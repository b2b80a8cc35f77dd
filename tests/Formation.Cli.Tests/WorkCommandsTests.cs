using System.Text.Json;
using Formation.Application.Data;
using Formation.Application.Features.Accounts;
using Formation.Application.Features.Planning;
using Formation.Application.Features.Work;
using Formation.Cli.Tests.Support;
using Formation.Domain.Playbooks;
using Formation.Domain.WorkPlans;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Formation.Cli.Tests;

/// <summary><c>formation tasks …</c> and <c>formation report weekly</c> on a real SQLite file (and PostgreSQL when configured) holding the retailer's work plan.</summary>
public sealed class WorkCommandsTests : IAsyncLifetime, IDisposable
{
    private const string PostgresVariable = "FORMATION_TEST_POSTGRES";
    private const string OrgName = "Tea House";

    private readonly TempDirectory _temp = new();
    private readonly List<string> _postgresDatabases = [];

    public static TheoryData<string> Providers
    {
        get
        {
            var data = new TheoryData<string> { "sqlite" };
            if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable)))
            {
                data.Add("postgres");
            }

            return data;
        }
    }

    private static string ThisWeek => IsoWeek.Containing(Formation.Domain.Text.TimeZones.Today(DateTimeOffset.UtcNow, "Asia/Shanghai") /* the CNY test organisation's today */).ToString();

    public Task InitializeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    public async Task DisposeAsync()
    {
        foreach (var name in _postgresDatabases)
        {
            await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable));
            await admin.OpenAsync();
            await using var command = admin.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS {name} WITH (FORCE)";
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>A database with organisation "Tea House": the retailer plan accepted and its work plan generated, the owner on the manager's post, and a viewer.</summary>
    private sealed record Seeded(DatabaseTarget Target, string[] DbArgs, Guid Org, Guid Owner, Guid Viewer)
    {
        public async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
        {
            await using var db = Target.CreateContext();
            db.OrganizationId = Org;
            return await query(db);
        }
    }

    private async Task<Seeded> SeedAsync(string provider, bool withPlan = true)
    {
        DatabaseTarget target;
        string[] args;
        if (provider == "sqlite")
        {
            var file = _temp.PathOf($"formation-{Guid.NewGuid():N}.db");
            target = new DatabaseTarget(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
            args = ["--connection", $"Data Source={file}"];
        }
        else
        {
            var name = $"formation_cli_{Guid.NewGuid():N}";
            await using (var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable)))
            {
                await admin.OpenAsync();
                await using var command = admin.CreateCommand();
                command.CommandText = $"CREATE DATABASE {name}";
                await command.ExecuteNonQueryAsync();
            }

            _postgresDatabases.Add(name);
            var connection = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresVariable)) { Database = name, Pooling = false }.ToString();
            target = new DatabaseTarget(DatabaseProvider.Postgres, connection);
            args = ["--database", "postgres", "--connection", connection];
        }

        await target.MigrateAsync(TimeProvider.System);
        await using var db = target.CreateContext();
        var (owner, org) = (await new Accounts(db, TimeProvider.System).SetUpAsync("owner@tea.test", "Olga", "correct horse battery", OrgName, "CNY", "en"))!.Value;
        var viewer = new User { Id = Guid.NewGuid(), Email = "viewer@tea.test", NormalizedEmail = Accounts.Normalize("viewer@tea.test"), DisplayName = "Vic", PasswordHash = "-", CreatedAt = DateTime.UtcNow };
        db.Users.Add(viewer);
        db.Memberships.Add(new Membership { OrganizationId = org.Id, UserId = viewer.Id, Role = Role.Viewer, CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        db.OrganizationId = org.Id;
        if (withPlan)
        {
            using var cache = new BlueprintCache();
            var plans = new Plans(db, PlaybookLibrary.Shipped, TimeProvider.System, cache, new NoPlanChanges());
            (await plans.SaveDraftAsync(await File.ReadAllTextAsync(RepositoryPaths.Example("retailer.yaml")), null, owner.Id)).Saved.ShouldBeTrue();
            (await plans.AcceptAsync(owner.Id, null)).ShouldNotBeNull();
            var work = new WorkPlans(db, plans, PlaybookLibrary.Shipped, TimeProvider.System);
            (await work.GenerateAsync(owner.Id)).ShouldNotBeNull();
            (await work.AssignAsync("manager", owner.Id, owner.Id)).ShouldBeTrue();
        }

        return new Seeded(target, args, org.Id, owner.Id, viewer.Id);
    }

    private static Task<CliRun> Run(Seeded seeded, params string[] args) => CliRunner.RunAsync([.. args, .. seeded.DbArgs, "--lang", "en"]);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Import_WithAnAcceptedPlan_SaysWhereEachGoalStandsAndOpensTheCorrectiveTasks(string provider)
    {
        var seeded = await SeedAsync(provider);
        var today = Formation.Domain.Text.TimeZones.Today(DateTimeOffset.UtcNow, "Asia/Shanghai") /* the CNY test organisation's today */.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var file = _temp.Write("today.csv", $"date,channel,campaign,segment,impressions,clicks,cost,conversions,leads,orders,revenue\n{today},天猫,店铺推广,,1000,10,20.00,1,0,1,99.00\n");

        var run = await Run(seeded, "import", file, "--mapping", "formation-standard", "--org", OrgName);

        run.ExitCode.ShouldBe(ExitCodes.Ok, run.Output);
        run.Output.ShouldContain("Goal Orders: ");
        run.Output.ShouldContain("Goal Revenue: ");
        var opened = await seeded.QueryAsync(db => db.WorkItems.CountAsync(w => w.Kind == "goal"));
        if (opened > 0)
        {
            run.Output.ShouldContain($"{opened} goal(s) went off track: a corrective task was opened for the owning post of each.");
        }

        var again = await Run(seeded, "import", file, "--mapping", "formation-standard", "--org", OrgName);
        again.ExitCode.ShouldBe(ExitCodes.Ok, again.Output);
        again.Output.ShouldNotContain("went off track"); // the same status again opens nothing new
        (await seeded.QueryAsync(db => db.WorkItems.CountAsync(w => w.Kind == "goal"))).ShouldBe(opened);
    }

    [Fact]
    public async Task Import_WithoutAPlan_ReportsNoGoals()
    {
        var seeded = await SeedAsync("sqlite", withPlan: false);
        var file = _temp.Write("day.csv", "date,channel,campaign,segment,impressions,clicks,cost,conversions,leads,orders,revenue\n2026-11-02,天猫,店铺推广,,1000,10,20.00,1,0,1,99.00\n");

        var run = await Run(seeded, "import", file, "--mapping", "formation-standard", "--org", OrgName);

        run.ExitCode.ShouldBe(ExitCodes.Ok, run.Output);
        run.Output.ShouldContain("1 row");
        run.Output.ShouldNotContain("Goal ");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AddListDone_RoundTrip_LeavesAuditRowsAndShowsInTheWeeklyReport(string provider)
    {
        var seeded = await SeedAsync(provider);
        var due = Formation.Domain.Text.TimeZones.Today(DateTimeOffset.UtcNow, "Asia/Shanghai") /* the CNY test organisation's today */.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var added = await Run(seeded, "tasks", "add", "--org", OrgName, "--title", "Refresh the spring banner", "--post", "promoter", "--due", due, "--effort", "3");
        added.ExitCode.ShouldBe(ExitCodes.Ok, added.Output);
        var id = Guid.Parse(added.Lines[0].Trim());
        added.Output.ShouldContain("Added: Refresh the spring banner (promoter, due");

        var listed = await Run(seeded, "tasks", "list", "--org", seeded.Org.ToString(), "--post", "promoter", "--status", "todo", "--json");
        listed.ExitCode.ShouldBe(ExitCodes.Ok, listed.Output);
        using (var json = JsonDocument.Parse(listed.Output))
        {
            var mine = json.RootElement.EnumerateArray().Single(e => e.GetProperty("id").GetGuid() == id);
            mine.GetProperty("title").GetString().ShouldBe("Refresh the spring banner");
            mine.GetProperty("due").GetString().ShouldBe(due);
            mine.GetProperty("effortHours").GetDouble().ShouldBe(3);
            json.RootElement.EnumerateArray().ShouldAllBe(e => e.GetProperty("post").GetString() == "promoter" && e.GetProperty("status").GetString() == "todo");
        }

        var done = await Run(seeded, "tasks", "done", "--org", OrgName, id.ToString(), "--as", "owner@tea.test");
        done.ExitCode.ShouldBe(ExitCodes.Ok, done.Output);
        done.Output.ShouldContain($"Task {id} is done");
        var again = await Run(seeded, "tasks", "done", "--org", OrgName, id.ToString());
        again.Output.ShouldContain("already done");

        var audit = await seeded.QueryAsync(db => db.WorkChanges.Where(c => c.SubjectId == id).OrderBy(c => c.At).ToListAsync());
        audit.Select(c => c.Action).ShouldBe(["created", "status"]);
        audit.ShouldAllBe(c => c.UserId == seeded.Owner);
        audit[1].Before.ShouldBe("{\"status\":\"Todo\"}");
        audit[1].After.ShouldBe("{\"status\":\"Done\"}");

        var report = await Run(seeded, "report", "weekly", "--org", OrgName, "--week", ThisWeek);
        report.ExitCode.ShouldBe(ExitCodes.Ok, report.Output);
        report.Output.ShouldContain($"# Weekly report: {OrgName} · {ThisWeek}");
        report.Output.ShouldContain("## Capacity by post");
        report.Output.ShouldContain("## Done this week (1)");
        report.Output.ShouldContain("- Refresh the spring banner — Promoter · unclaimed — done ");
        foreach (var heading in new[] { "## Overdue", "## Slipping", "## Due next week", "## Checkpoints passed", "## Checkpoints failed", "## By function", "## By person" })
        {
            report.Output.ShouldContain(heading);
        }
    }

    [Fact]
    public async Task List_Table_ShowsTasksByDueDateWithTheirIds()
    {
        var seeded = await SeedAsync("sqlite");
        var first = await seeded.QueryAsync(db => db.WorkItems.OrderBy(i => i.DueDate).ThenBy(i => i.TitleEn).FirstAsync());

        var run = await Run(seeded, "tasks", "list", "--org", "tea house", "--due-before", "2100-01-01");

        run.ExitCode.ShouldBe(ExitCodes.Ok, run.Output);
        run.Output.ShouldContain(first.Id.ToString());
        run.Output.ShouldContain("owner@tea.test");
        run.Output.ShouldContain("task(s).");
    }

    [Fact]
    public async Task List_Owner_FiltersByMember()
    {
        var seeded = await SeedAsync("sqlite");

        var run = await Run(seeded, "tasks", "list", "--org", OrgName, "--owner", "owner@tea.test", "--json");

        run.ExitCode.ShouldBe(ExitCodes.Ok, run.Output);
        using var json = JsonDocument.Parse(run.Output);
        json.RootElement.GetArrayLength().ShouldBeGreaterThan(0);
        json.RootElement.EnumerateArray().ShouldAllBe(e => e.GetProperty("post").GetString() == "manager" && e.GetProperty("owner").GetString() == "owner@tea.test");
    }

    [Fact]
    public async Task ReportWeekly_PdfAndPersonScope_WriteTheFile()
    {
        var seeded = await SeedAsync("sqlite");
        var pdf = _temp.PathOf("weekly.pdf");
        var md = _temp.PathOf("olga.md");

        var pdfRun = await Run(seeded, "report", "weekly", "--org", OrgName, "--week", "2026-W48", "--format", "pdf", "--output", pdf);
        var mdRun = await Run(seeded, "report", "weekly", "--org", OrgName, "--scope", "person:owner@tea.test", "--output", md);
        var zh = await CliRunner.RunAsync([.. new[] { "report", "weekly", "--org", OrgName, "--scope", "function:promotion" }, .. seeded.DbArgs, "--lang", "zh"]);

        pdfRun.ExitCode.ShouldBe(ExitCodes.Ok, pdfRun.Output);
        (await File.ReadAllBytesAsync(pdf))[..5].ShouldBe("%PDF-"u8.ToArray());
        mdRun.ExitCode.ShouldBe(ExitCodes.Ok, mdRun.Output);
        (await File.ReadAllTextAsync(md)).ShouldContain("Person: Olga (Network marketing manager)");
        zh.ExitCode.ShouldBe(ExitCodes.Ok, zh.Output);
        zh.Output.ShouldContain("职能：网络推广");
    }

    [Fact]
    public async Task Errors_NameTheOptionAndExitWithTheirCode()
    {
        var seeded = await SeedAsync("sqlite");
        var task = await seeded.QueryAsync(db => db.WorkItems.Where(i => i.OwnerPost == "promoter").Select(i => i.Id).FirstAsync());

        var unknownOrg = await Run(seeded, "tasks", "list", "--org", "Nobody");
        var unknownPost = await Run(seeded, "tasks", "add", "--org", OrgName, "--title", "x", "--post", "astronaut", "--due", "2026-12-01");
        var badDate = await Run(seeded, "tasks", "add", "--org", OrgName, "--title", "x", "--post", "promoter", "--due", "2026-13-01");
        var badDueBefore = await Run(seeded, "tasks", "list", "--org", OrgName, "--due-before", "tomorrow");
        var badStatus = await Run(seeded, "tasks", "list", "--org", OrgName, "--status", "finished");
        var badWeek = await Run(seeded, "report", "weekly", "--org", OrgName, "--week", "2026-W60");
        var badScope = await Run(seeded, "report", "weekly", "--org", OrgName, "--scope", "team");
        var pdfToTerminal = await Run(seeded, "report", "weekly", "--org", OrgName, "--format", "pdf");
        var stranger = await Run(seeded, "tasks", "done", "--org", OrgName, task.ToString(), "--as", "stranger@tea.test");
        var viewer = await Run(seeded, "tasks", "done", "--org", OrgName, task.ToString(), "--as", "viewer@tea.test");
        var noTask = await Run(seeded, "tasks", "done", "--org", OrgName, Guid.NewGuid().ToString());
        var notAnId = await Run(seeded, "tasks", "done", "--org", OrgName, "12");

        (unknownOrg.ExitCode, unknownOrg.Output).ShouldBe((ExitCodes.NotFound, unknownOrg.Output));
        unknownOrg.Output.ShouldContain("--org: no organisation \"Nobody\"");
        unknownPost.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        unknownPost.Output.ShouldContain("--post: unknown post \"astronaut\"");
        badDate.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        badDate.Output.ShouldContain("--due: \"2026-13-01\" is not a date");
        badDueBefore.Output.ShouldContain("--due-before: \"tomorrow\" is not a date");
        badStatus.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        badWeek.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        badWeek.Output.ShouldContain("--week: \"2026-W60\" is not a week");
        badScope.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        badScope.Output.ShouldContain("--scope: \"team\" is not a scope");
        pdfToTerminal.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        pdfToTerminal.Output.ShouldContain("--output");
        stranger.ExitCode.ShouldBe(ExitCodes.NotFound);
        stranger.Output.ShouldContain("--as: stranger@tea.test is not a member");
        viewer.ExitCode.ShouldBe(ExitCodes.Forbidden);
        noTask.ExitCode.ShouldBe(ExitCodes.NotFound);
        notAnId.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        foreach (var run in new[] { unknownOrg, unknownPost, badDate, badWeek, badScope, stranger, viewer, noTask })
        {
            run.ShouldNotShowStackTrace();
        }

        (await seeded.QueryAsync(db => db.WorkItems.Where(i => i.Id == task).Select(i => i.Status).SingleAsync())).ShouldBe(WorkStatus.Todo);
    }

    [Fact]
    public async Task NoPlan_AddAndReportSaySo()
    {
        var seeded = await SeedAsync("sqlite", withPlan: false);

        var add = await Run(seeded, "tasks", "add", "--org", OrgName, "--title", "x", "--post", "promoter", "--due", "2026-12-01");
        var report = await Run(seeded, "report", "weekly", "--org", OrgName, "--week", "2026-W48");

        add.ExitCode.ShouldBe(ExitCodes.NoPlan, add.Output);
        report.ExitCode.ShouldBe(ExitCodes.NoPlan, report.Output);
        report.Output.ShouldContain("has no accepted plan yet");
    }

    [Fact]
    public async Task MissingDatabase_SaysWhereItLooked()
    {
        var run = await CliRunner.RunAsync("tasks", "list", "--org", OrgName, "--data", _temp.PathOf("nothing-here"), "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain("No SQLite database at");
    }
}
