using Formation.Cli.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Formation.Cli.Tests;

/// <summary><c>formation db backup</c> and <c>db restore</c>: real SQLite files through the online backup API; PostgreSQL is pointed at pg_dump.</summary>
public sealed class DbBackupRestoreCommandTests : IDisposable
{
    private const string PostgresConnection = "Host=db.example.com;Port=5433;Database=formation;Username=formation_app;Password=correct-horse-battery";

    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [Fact]
    public async Task BackupThenRestore_DatabaseWithAnOrganization_RestoresTheRowIntoANewPath()
    {
        var source = await MigratedDatabaseAsync("source");
        await InsertOrganizationAsync(source, "Acme Retail");
        var backup = _temp.PathOf("backups/formation-backup.db");

        var backupRun = await CliRunner.RunAsync("db", "backup", "--data", source, "--out", backup, "--lang", "en");

        backupRun.ExitCode.ShouldBe(ExitCodes.Ok, backupRun.Output);
        backupRun.Output.ShouldContain(backup);
        File.Exists(backup).ShouldBeTrue();
        File.Exists(backup + "-wal").ShouldBeFalse("a backup is one self-contained file");

        var restored = _temp.PathOf("restored");
        var restoreRun = await CliRunner.RunAsync("db", "restore", "--from", backup, "--data", restored, "--lang", "en");

        restoreRun.ExitCode.ShouldBe(ExitCodes.Ok, restoreRun.Output);
        restoreRun.Output.ShouldContain(Formation.Application.Data.MigrationScript.Shipped(Formation.Application.Data.DatabaseProvider.Sqlite)[^1].Id);
        (await OrganizationNamesAsync(restored)).ShouldBe(["Acme Retail"]);
    }

    [Fact]
    public async Task Backup_WhileAnotherConnectionIsWriting_CopiesTheCommittedStateOnly()
    {
        var source = await MigratedDatabaseAsync("busy");
        await InsertOrganizationAsync(source, "Committed");
        await using var writer = Open(Path.Combine(source, "formation.db"));
        await using var transaction = (SqliteTransaction)await writer.BeginTransactionAsync();
        await using (var insert = writer.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO organizations (id, name, currency, created_at) VALUES ('in-flight', 'Uncommitted', 'CNY', '2026-01-01T00:00:00Z')";
            await insert.ExecuteNonQueryAsync();
        }

        var backup = _temp.PathOf("online.db");
        var run = await CliRunner.RunAsync("db", "backup", "--data", source, "--out", backup, "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.Ok, run.Output);
        (await OrganizationNamesInFileAsync(backup)).ShouldBe(["Committed"]);
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task Backup_OutputExists_RefusesWithoutForce()
    {
        var source = await MigratedDatabaseAsync("source");
        var backup = _temp.Write("existing.db", "keep me");

        var run = await CliRunner.RunAsync("db", "backup", "--data", source, "--out", backup, "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain("--force");
        (await File.ReadAllTextAsync(backup)).ShouldBe("keep me");
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Backup_OutputExistsWithForce_ReplacesIt()
    {
        var source = await MigratedDatabaseAsync("source");
        await InsertOrganizationAsync(source, "Fresh Copy");
        var backup = _temp.Write("existing.db", "stale");

        var run = await CliRunner.RunAsync("db", "backup", "--data", source, "--out", backup, "--force", "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.Ok, run.Output);
        (await OrganizationNamesInFileAsync(backup)).ShouldBe(["Fresh Copy"]);
        Directory.GetFiles(_temp.FullPath, "*.tmp").ShouldBeEmpty();
    }

    [Fact]
    public async Task Backup_NoDatabase_ExitsTwoWithoutCreatingOne()
    {
        var missing = _temp.PathOf("nothing-here");

        var run = await CliRunner.RunAsync("db", "backup", "--data", missing, "--out", _temp.PathOf("b.db"), "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain(Path.Combine(missing, "formation.db"));
        File.Exists(Path.Combine(missing, "formation.db")).ShouldBeFalse();
        File.Exists(_temp.PathOf("b.db")).ShouldBeFalse();
    }

    [Fact]
    public async Task Backup_Postgres_ExitsTwoPrintingThePgDumpCommandWithoutThePassword()
    {
        var run = await CliRunner.RunAsync("db", "backup", "--database", "postgres", "--connection", PostgresConnection, "--out", "formation.dump", "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain("does not back up PostgreSQL");
        run.Output.ShouldContain("pg_dump --format=custom --file formation.dump \"postgresql://formation_app@db.example.com:5433/formation\"");
        run.Output.ShouldNotContain("correct-horse-battery");
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Backup_PostgresInChinese_StillPrintsTheCommand()
    {
        var run = await CliRunner.RunAsync("db", "backup", "--database", "postgres", "--connection", PostgresConnection, "--out", "my backup.dump", "--lang", "zh");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain("pg_dump");
        run.Output.ShouldContain("--file 'my backup.dump'");
        run.Output.ShouldContain("不备份 PostgreSQL");
    }

    [Fact]
    public async Task Restore_Postgres_ExitsTwoPrintingThePgRestoreCommandWithoutThePassword()
    {
        var run = await CliRunner.RunAsync("db", "restore", "--database", "postgres", "--connection", PostgresConnection, "--from", "formation.dump", "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain("pg_restore");
        run.Output.ShouldContain("\"postgresql://formation_app@db.example.com:5433/formation\" formation.dump");
        run.Output.ShouldNotContain("correct-horse-battery");
    }

    [Fact]
    public async Task Restore_NotASqliteFile_ExitsTwoSayingSo()
    {
        var notADatabase = _temp.Write("notes.db", "these are not the pages you are looking for");

        var run = await CliRunner.RunAsync("db", "restore", "--from", notADatabase, "--data", _temp.PathOf("target"), "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain($"{notADatabase} is not a SQLite database file");
        File.Exists(_temp.PathOf("target/formation.db")).ShouldBeFalse();
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Restore_SqliteFileWithoutMigrationHistory_ExitsTwoSayingItIsNotAFormationBackup()
    {
        var other = _temp.PathOf("other-app.db");
        await using (var connection = Open(other))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)";
            await command.ExecuteNonQueryAsync();
        }

        var run = await CliRunner.RunAsync("db", "restore", "--from", other, "--data", _temp.PathOf("target"), "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain("schema_migrations");
        run.Output.ShouldContain("not a Formation backup");
        File.Exists(_temp.PathOf("target/formation.db")).ShouldBeFalse();
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Restore_MissingBackup_ExitsTwo()
    {
        var run = await CliRunner.RunAsync("db", "restore", "--from", _temp.PathOf("no-such.db"), "--data", _temp.PathOf("target"), "--lang", "zh");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain("找不到备份文件");
    }

    [Fact]
    public async Task Restore_TargetExists_RefusesWithoutForceAndReplacesWithForce()
    {
        var source = await MigratedDatabaseAsync("source");
        await InsertOrganizationAsync(source, "From Backup");
        var backup = _temp.PathOf("b.db");
        (await CliRunner.RunAsync("db", "backup", "--data", source, "--out", backup)).ExitCode.ShouldBe(ExitCodes.Ok);
        var target = await MigratedDatabaseAsync("target");
        await InsertOrganizationAsync(target, "Live Data");

        var refused = await CliRunner.RunAsync("db", "restore", "--from", backup, "--data", target, "--lang", "en");

        refused.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        refused.Output.ShouldContain("--force");
        refused.Output.ShouldContain("stop the web app");
        (await OrganizationNamesAsync(target)).ShouldBe(["Live Data"]);

        var replaced = await CliRunner.RunAsync("db", "restore", "--from", backup, "--data", target, "--force", "--lang", "en");

        replaced.ExitCode.ShouldBe(ExitCodes.Ok, replaced.Output);
        (await OrganizationNamesAsync(target)).ShouldBe(["From Backup"]);
    }

    [Fact]
    public async Task Restore_WhileAReaderHoldsTheTarget_ReaderSeesTheRestoredDataAfterwards()
    {
        var source = await MigratedDatabaseAsync("source");
        await InsertOrganizationAsync(source, "Restored");
        var backup = _temp.PathOf("b.db");
        (await CliRunner.RunAsync("db", "backup", "--data", source, "--out", backup)).ExitCode.ShouldBe(ExitCodes.Ok);
        var target = await MigratedDatabaseAsync("target");
        await InsertOrganizationAsync(target, "Before");
        await using var reader = Open(Path.Combine(target, "formation.db"));
        (await NamesAsync(reader)).ShouldBe(["Before"]);

        var run = await CliRunner.RunAsync("db", "restore", "--from", backup, "--data", target, "--force", "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.Ok, run.Output);
        (await NamesAsync(reader)).ShouldBe(["Restored"]);
        await using var check = Command(reader, "PRAGMA integrity_check");
        (await check.ExecuteScalarAsync()).ShouldBe("ok");
    }

    /// <summary>A data folder holding a migrated formation.db.</summary>
    private async Task<string> MigratedDatabaseAsync(string folderName)
    {
        var folder = _temp.PathOf(folderName);
        var run = await CliRunner.RunAsync("db", "migrate", "--data", folder);
        run.ExitCode.ShouldBe(ExitCodes.Ok, run.Output);
        return folder;
    }

    private static async Task InsertOrganizationAsync(string dataFolder, string name)
    {
        await using var connection = Open(Path.Combine(dataFolder, "formation.db"));
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO organizations (id, name, currency, created_at) VALUES ($id, $name, 'CNY', '2026-01-01T00:00:00Z')";
        command.Parameters.AddWithValue("$id", Guid.CreateVersion7().ToString());
        command.Parameters.AddWithValue("$name", name);
        await command.ExecuteNonQueryAsync();
    }

    private static Task<List<string>> OrganizationNamesAsync(string dataFolder) => OrganizationNamesInFileAsync(Path.Combine(dataFolder, "formation.db"));

    private static async Task<List<string>> OrganizationNamesInFileAsync(string file)
    {
        await using var connection = Open(file);
        return await NamesAsync(connection);
    }

    private static async Task<List<string>> NamesAsync(SqliteConnection connection)
    {
        await using var command = Command(connection, "SELECT name FROM organizations ORDER BY name");
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
