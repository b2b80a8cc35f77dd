using Formation.Application.Data;
using Microsoft.EntityFrameworkCore;

namespace Formation.Application.Tests.Data;

public class MigrationTests
{
    private static readonly TimeProvider s_clock = TimeProvider.System;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_EmptyDatabase_GivesExactlyTheSchemaTheModelExpects(string provider)
    {
        await using var migrated = await TestDatabase.CreateAsync(provider);
        await using var fromModel = await TestDatabase.CreateAsync(provider);

        var applied = await migrated.Target.MigrateAsync(s_clock);
        await using (var context = fromModel.Target.CreateContext())
        {
            await context.Database.ExecuteSqlRawAsync(context.Database.GenerateCreateScript());
        }

        applied.ShouldBe(MigrationScript.Shipped(migrated.Target.Provider).Select(s => s.Id).ToList());
        var expected = await SnapshotAsync(fromModel.Target);
        var actual = await SnapshotAsync(migrated.Target);
        expected.ShouldNotBeEmpty();
        actual.ShouldBe(expected, $"migrations and the EF model differ:\nonly in migrations: {string.Join("\n  ", actual.Except(expected))}\nonly in the model: {string.Join("\n  ", expected.Except(actual))}");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_Twice_AppliesNothingTheSecondTime(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);

        var first = await db.Target.MigrateAsync(s_clock);
        var second = await db.Target.MigrateAsync(s_clock);

        first.ShouldNotBeEmpty();
        second.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Apply_EditedMigration_IsRefusedWithAClearMessage(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var original = MigrationScript.From("0001_widgets.sql", "CREATE TABLE widgets (id integer PRIMARY KEY);");
        await using var connection = db.Target.CreateConnection();
        await MigrationRunner.ApplyAsync(connection, db.Target.Provider, [original], s_clock);

        var edited = MigrationScript.From("0001_widgets.sql", "CREATE TABLE widgets (id integer PRIMARY KEY, name text);");
        var ex = await Should.ThrowAsync<MigrationException>(() => MigrationRunner.ApplyAsync(connection, db.Target.Provider, [edited], s_clock));

        ex.Message.ShouldContain("0001_widgets.sql was changed after it was applied");
        ex.Message.ShouldContain("new, higher-numbered migration");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Apply_FailingMigration_LeavesNoTraceOfIt(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var connection = db.Target.CreateConnection();
        var good = MigrationScript.From("0001_a.sql", "CREATE TABLE a (id integer PRIMARY KEY);");
        var bad = MigrationScript.From("0002_b.sql", "CREATE TABLE b (id integer PRIMARY KEY); INSERT INTO no_such_table VALUES (1);");

        await Should.ThrowAsync<Exception>(() => MigrationRunner.ApplyAsync(connection, db.Target.Provider, [good, bad], s_clock));

        await using var check = connection.CreateCommand();
        check.CommandText = "SELECT count(*) FROM schema_migrations";
        Convert.ToInt32(await check.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(1);
        var tables = await SchemaSnapshotTables(connection, db.Target.Provider);
        tables.ShouldContain("a");
        tables.ShouldNotContain("b");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Apply_DatabaseFromANewerBuild_IsRefused(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var connection = db.Target.CreateConnection();
        var one = MigrationScript.From("0001_a.sql", "CREATE TABLE a (id integer PRIMARY KEY);");
        var two = MigrationScript.From("0002_b.sql", "CREATE TABLE b (id integer PRIMARY KEY);");
        await MigrationRunner.ApplyAsync(connection, db.Target.Provider, [one, two], s_clock);

        var ex = await Should.ThrowAsync<MigrationException>(() => MigrationRunner.ApplyAsync(connection, db.Target.Provider, [one], s_clock));

        ex.Message.ShouldContain("newer version");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_OrganisationsFromBeforeTimeZones_GetTheirCurrencysZoneOrUtc(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var connection = db.Target.CreateConnection();
        var shipped = MigrationScript.Shipped(db.Target.Provider);
        var before = shipped.TakeWhile(m => !m.Id.StartsWith("0010_", StringComparison.Ordinal)).ToList();
        before.Count.ShouldBeLessThan(shipped.Count);
        await MigrationRunner.ApplyAsync(connection, db.Target.Provider, before, s_clock);
        var ids = new Dictionary<string, Guid> { ["CNY"] = Guid.NewGuid(), ["HKD"] = Guid.NewGuid(), ["USD"] = Guid.NewGuid() };
        foreach (var (currency, id) in ids)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO organizations (id, name, currency, created_at) VALUES (@id, @name, @currency, @at)";
            insert.AddParameter("id", db.Target.Provider.Id(id));
            insert.AddParameter("name", "Org " + currency);
            insert.AddParameter("currency", currency);
            insert.AddParameter("at", db.Target.Provider == DatabaseProvider.Postgres ? s_clock.GetUtcNow().UtcDateTime : s_clock.GetUtcNow().UtcDateTime.ToString("O"));
            await insert.ExecuteNonQueryAsync();
        }

        await MigrationRunner.ApplyAsync(connection, db.Target.Provider, shipped, s_clock);

        await using var context = db.Target.CreateContext();
        var zones = await context.Organizations.ToDictionaryAsync(o => o.Currency, o => o.TimeZone);
        zones["CNY"].ShouldBe("Asia/Shanghai");
        zones["HKD"].ShouldBe("Asia/Hong_Kong");
        zones["USD"].ShouldBe("UTC");
    }

    [Fact]
    public void Shipped_BothProvidersHaveTheSameMigrations() =>
        MigrationScript.Shipped(DatabaseProvider.Sqlite).Select(s => s.Id)
            .ShouldBe(MigrationScript.Shipped(DatabaseProvider.Postgres).Select(s => s.Id));

    private static async Task<List<string>> SnapshotAsync(DatabaseTarget target)
    {
        await using var connection = target.CreateConnection();
        await connection.OpenAsync();
        return await SchemaSnapshot.ReadAsync(connection, target.Provider);
    }

    private static async Task<List<string>> SchemaSnapshotTables(System.Data.Common.DbConnection connection, DatabaseProvider provider)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = provider == DatabaseProvider.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table'"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'";
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
