using System.CommandLine;
using System.Data.Common;
using Formation.Application.Data;
using Formation.Domain.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using Spectre.Console;

namespace Formation.Cli.Db;

/// <summary>
/// <c>formation db migrate|backup|restore</c>. SQLite is backed up and restored here with its online backup API;
/// PostgreSQL is left to pg_dump and pg_restore, whose commands are printed (docs/operations.md).
/// </summary>
internal static class DbCommands
{
    public static Command Create(IAnsiConsole console, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(environment);
        return new Command("db", "Database: migrate, back up, restore. / 数据库：迁移、备份、恢复。")
        {
            Migrate(console, environment),
            Backup(console, environment),
            Restore(console, environment),
        };
    }

    /// <summary>The options every <c>db</c> command takes; a fresh set per command, as System.CommandLine requires.</summary>
    internal sealed class SelectionOptions
    {
        public Option<string> Database { get; } = new Option<string>("--database")
        {
            Description = $"sqlite (default) or postgres; default from {DatabaseSelection.DatabaseVariable}.",
            HelpName = "sqlite|postgres",
        }.AcceptOnlyFromAmong("sqlite", "postgres");

        public Option<string> Connection { get; } = new("--connection")
        {
            Description = $"Connection string (required for postgres); default from {DatabaseSelection.ConnectionVariable}, else DIR/formation.db.",
            HelpName = "STRING",
        };

        public Option<string> Data { get; } = new("--data")
        {
            Description = $"SQLite only: the web app's data folder holding formation.db (default: {DatabaseSelection.DefaultDataDirectory}).",
            HelpName = "DIR",
        };

        public Option<string> Lang { get; } = CliApp.LangOption();

        public void AddTo(Command command)
        {
            command.Options.Add(Database);
            command.Options.Add(Connection);
            command.Options.Add(Data);
            command.Options.Add(Lang);
        }

        public DatabaseSelection? Resolve(IAnsiConsole console, ParseResult parse, Language language, Func<string, string?> environment)
        {
            var (selection, problem) = DatabaseSelection.Resolve(
                parse.GetValue(Database), parse.GetValue(Connection), parse.GetValue(Data), environment, Directory.GetCurrentDirectory());
            if (problem is not null)
            {
                Inputs.Problem(console, language, problem);
            }

            return selection;
        }
    }

    private static Command Migrate(IAnsiConsole console, Func<string, string?> environment)
    {
        var options = new SelectionOptions();
        var command = new Command("migrate", "Apply pending migrations. / 执行待应用的数据库迁移。");
        options.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var language = CliApp.LanguageOf(parse, options.Lang);
            if (options.Resolve(console, parse, language, environment) is not { } selection)
            {
                return ExitCodes.InvalidInput;
            }

            IReadOnlyList<string> applied;
            try
            {
                applied = await selection.Target.MigrateAsync(TimeProvider.System, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (Explain(selection, ex, ct) is { } failure)
            {
                return Report(console, language, failure);
            }

            var shipped = MigrationScript.Shipped(selection.Target.Provider);
            var level = shipped.Count == 0 ? "-" : shipped[^1].Id;
            if (applied.Count == 0)
            {
                Say(console, $"[green]✓[/] {Markup.Escape(language == Language.Zh
                    ? $"{selection.Description} 已是最新（{level}），无待应用的迁移。"
                    : $"{selection.Description} is up to date ({level}); nothing to apply.")}");
                return ExitCodes.Ok;
            }

            foreach (var id in applied)
            {
                Say(console, $"[green]✓[/] {Markup.Escape(language == Language.Zh ? $"已应用 {id}" : $"Applied {id}")}");
            }

            Say(console, Markup.Escape(language == Language.Zh
                ? $"{selection.Description}：已应用 {applied.Count} 个迁移，当前版本 {level}。"
                : $"{selection.Description}: {applied.Count} migration(s) applied, now at {level}."));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Backup(IAnsiConsole console, Func<string, string?> environment)
    {
        var options = new SelectionOptions();
        var output = new Option<string>("--out") { Description = "The backup file to write.", Required = true, HelpName = "FILE" };
        var force = new Option<bool>("--force") { Description = "Replace the backup file if it exists." };
        var command = new Command("backup", "Back up the SQLite database while it is in use (PostgreSQL: prints the pg_dump command). / 在线备份 SQLite 数据库。")
        {
            output, force,
        };
        options.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var language = CliApp.LanguageOf(parse, options.Lang);
            if (options.Resolve(console, parse, language, environment) is not { } selection)
            {
                return ExitCodes.InvalidInput;
            }

            var outPath = parse.GetValue(output)!;
            if (selection.IsPostgres)
            {
                return PostgresOnly(console, language, new(
                    "Formation 命令行不备份 PostgreSQL，请使用 PostgreSQL 自带的 pg_dump（密码通过 PGPASSWORD 或 ~/.pgpass 提供，见 docs/operations.md）：",
                    "The formation CLI does not back up PostgreSQL itself; use PostgreSQL's pg_dump (the password comes from PGPASSWORD or ~/.pgpass; see docs/operations.md):"),
                    $"pg_dump --format=custom --file {Shell.Quote(outPath)} \"{selection.LibpqUri()}\"");
            }

            var source = selection.SqliteFile!;
            var destination = Path.GetFullPath(outPath);
            if (!File.Exists(source))
            {
                return Report(console, language, Invalid($"找不到 SQLite 数据库：{source}", $"No SQLite database at {source}."));
            }

            if (SamePath(source, destination))
            {
                return Report(console, language, Invalid("--out 不能是数据库文件本身。", "--out must not be the database file itself."));
            }

            if (File.Exists(destination) && !parse.GetValue(force))
            {
                return Report(console, language, Invalid($"{destination} 已存在；如需覆盖请加 --force。", $"{destination} already exists; add --force to replace it."));
            }

            // Written beside the target and moved into place, so a failed backup never leaves half a file under its name.
            var folder = Path.GetDirectoryName(destination)!;
            var temporary = Path.Combine(folder, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.tmp");
            MigrationLevel level;
            try
            {
                Directory.CreateDirectory(folder);
                await using (var from = await SqliteFiles.OpenAsync(selection.Target.ConnectionString, SqliteOpenMode.ReadOnly, ct).ConfigureAwait(false))
                await using (var to = await SqliteFiles.OpenAsync(SqliteFiles.ConnectionStringFor(temporary), SqliteOpenMode.ReadWriteCreate, ct).ConfigureAwait(false))
                {
                    SqliteFiles.Copy(from, to);

                    // A backup is one self-contained file: no -wal or -shm beside it.
                    await SqliteFiles.SetJournalModeAsync(to, "delete", ct).ConfigureAwait(false);
                    level = await SqliteFiles.LevelAsync(to, ct).ConfigureAwait(false);
                }

                File.Move(temporary, destination, overwrite: true);
            }
            catch (Exception ex) when (Explain(selection, ex, ct) is { } failure)
            {
                return Report(console, language, failure);
            }
            finally
            {
                DeleteQuietly(temporary);
            }

            Say(console, $"[green]✓[/] {Markup.Escape(language == Language.Zh
                ? $"已将 {selection.Description} 备份到 {destination}（{LevelText(level, language)}）。"
                : $"Backed up {selection.Description} to {destination} ({LevelText(level, language)}).")}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Restore(IAnsiConsole console, Func<string, string?> environment)
    {
        var options = new SelectionOptions();
        var input = new Option<string>("--from") { Description = "The backup file to restore.", Required = true, HelpName = "FILE" };
        var force = new Option<bool>("--force") { Description = "Replace the existing database. Stop the web app first." };
        var command = new Command("restore", "Restore the SQLite database from a backup (PostgreSQL: prints the pg_restore command). / 从备份恢复 SQLite 数据库。")
        {
            input, force,
        };
        options.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var language = CliApp.LanguageOf(parse, options.Lang);
            if (options.Resolve(console, parse, language, environment) is not { } selection)
            {
                return ExitCodes.InvalidInput;
            }

            var fromPath = parse.GetValue(input)!;
            if (selection.IsPostgres)
            {
                return PostgresOnly(console, language, new(
                    "Formation 命令行不恢复 PostgreSQL，请先停止 Web 应用，再使用 PostgreSQL 自带的 pg_restore（见 docs/operations.md）：",
                    "The formation CLI does not restore PostgreSQL itself; stop the web app, then use PostgreSQL's pg_restore (see docs/operations.md):"),
                    $"pg_restore --clean --if-exists --no-owner --single-transaction --dbname \"{selection.LibpqUri()}\" {Shell.Quote(fromPath)}");
            }

            var backup = Path.GetFullPath(fromPath);
            var target = selection.SqliteFile!;
            if (!File.Exists(backup))
            {
                return Report(console, language, Invalid($"找不到备份文件：{backup}", $"Backup file not found: {backup}"));
            }

            if (SamePath(backup, target))
            {
                return Report(console, language, Invalid("--from 不能是要恢复到的数据库文件本身。", "--from must not be the database being restored into."));
            }

            var targetExisted = File.Exists(target);
            MigrationLevel level;
            try
            {
                if (!SqliteFiles.HasSqliteHeader(backup))
                {
                    return Report(console, language, Invalid($"{backup} 不是 SQLite 数据库文件。", $"{backup} is not a SQLite database file."));
                }

                await using var from = await SqliteFiles.OpenAsync(SqliteFiles.ConnectionStringFor(backup), SqliteOpenMode.ReadOnly, ct).ConfigureAwait(false);
                if (!await SqliteFiles.HasMigrationHistoryAsync(from, ct).ConfigureAwait(false))
                {
                    return Report(console, language, Invalid(
                        $"{backup} 是 SQLite 数据库，但不是 Formation 的备份：其中没有 schema_migrations 表。",
                        $"{backup} is a SQLite database but not a Formation backup: it has no schema_migrations table."));
                }

                if (await SqliteFiles.QuickCheckAsync(from, ct).ConfigureAwait(false) is var check && check != "ok")
                {
                    return Report(console, language, Invalid($"{backup} 已损坏：{check}", $"{backup} is damaged: {check}"));
                }

                if (targetExisted && !parse.GetValue(force))
                {
                    return Report(console, language, Invalid(
                        $"{target} 已存在；如需用备份替换，请先停止 Web 应用，再加 --force。",
                        $"{target} already exists; to replace it with the backup, stop the web app and add --force."));
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await using var to = await SqliteFiles.OpenAsync(selection.Target.ConnectionString, SqliteOpenMode.ReadWriteCreate, ct).ConfigureAwait(false);

                // Through the backup API the target is rewritten under SQLite's locks, so a process reading it sees the old
                // or the new database, never a torn file, as a plain file copy could give.
                SqliteFiles.Copy(from, to);
                await SqliteFiles.SetJournalModeAsync(to, "wal", ct).ConfigureAwait(false);
                level = await SqliteFiles.LevelAsync(to, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (Explain(selection, ex, ct) is { } failure)
            {
                if (!targetExisted)
                {
                    DeleteQuietly(target);
                }

                return Report(console, language, failure);
            }

            Say(console, $"[green]✓[/] {Markup.Escape(language == Language.Zh
                ? $"已将 {backup} 恢复到 {selection.Description}（{LevelText(level, language)}）。"
                : $"Restored {backup} into {selection.Description} ({LevelText(level, language)}).")}");
            if (level.Unknown.Count > 0)
            {
                var ids = string.Join(", ", level.Unknown);
                Say(console, $"[yellow]{Markup.Escape(language == Language.Zh
                    ? $"注意：该备份由更新版本的 Formation 创建（包含本版本未知的迁移 {ids}），请使用那个版本运行。"
                    : $"Note: a newer version of Formation made this backup (it has migrations this build does not know: {ids}); run that version.")}[/]");
            }
            else if (level.Pending.Count > 0)
            {
                Say(console, Markup.Escape(language == Language.Zh
                    ? $"有 {level.Pending.Count} 个迁移待应用：运行 formation db migrate，或启动 Web 应用（SQLite 会在启动时自动迁移）。"
                    : $"{level.Pending.Count} migration(s) pending: run formation db migrate, or start the web app (it migrates SQLite at start-up)."));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>What went wrong, and whether it is the input's fault (exit 2) or not (exit 70).</summary>
    internal sealed record Failure(LocalizedText Message, int ExitCode);

    private static Failure Invalid(string zh, string en) => new(new LocalizedText(zh, en), ExitCodes.InvalidInput);

    /// <summary>
    /// Turns what databases throw into one line a user can act on, with the password masked; null for exceptions that are
    /// not ours to explain (cancellation, programming errors), which then reach CliApp's last line of defence.
    /// </summary>
    internal static Failure? Explain(DatabaseSelection selection, Exception exception, CancellationToken ct)
    {
        if (ct.IsCancellationRequested && exception is OperationCanceledException or DbException)
        {
            return null;
        }

        string Clean(string text) => selection.Redact(string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        var where = selection.Description;
        switch (exception)
        {
            case MigrationException migration:
                return Invalid($"无法迁移 {where}：{Clean(migration.Message)}", $"Cannot migrate {where}: {Clean(migration.Message)}");

            case PostgresException { SqlState: "28P01" or "28000" } pg:
                return Invalid($"{where} 拒绝登录：{Clean(pg.MessageText)}", $"{where} refused the sign-in: {Clean(pg.MessageText)}");

            case PostgresException { SqlState: "3D000" } pg:
                return Invalid($"{where}：数据库不存在（{Clean(pg.MessageText)}），请先创建。", $"{where}: the database does not exist ({Clean(pg.MessageText)}); create it first.");

            case PostgresException { SqlState: "42501" } pg:
                return Invalid($"{where}：权限不足（{Clean(pg.MessageText)}）。", $"{where}: permission denied ({Clean(pg.MessageText)}).");

            case PostgresException pg:
                return new(new($"{where} 出错（{pg.SqlState}）：{Clean(pg.MessageText)}", $"{where} failed ({pg.SqlState}): {Clean(pg.MessageText)}"), ExitCodes.InternalError);

            case NpgsqlException npgsql:
                // Not an answer from the server: the connection itself failed (refused, timed out, unknown host, TLS).
                var server = ServerOf(selection);
                var reason = Clean(Innermost(npgsql).Message);
                return Invalid($"无法连接 PostgreSQL 服务器 {server}：{reason}", $"Cannot connect to the PostgreSQL server at {server}: {reason}");

            case SqliteException sqlite when sqlite.SqliteErrorCode is 3 or 5 or 6 or 8 or 11 or 14 or 23 or 26:
                // PERM, BUSY, LOCKED, READONLY, CORRUPT, CANTOPEN, AUTH, NOTADB: about the file, not about Formation.
                return Invalid($"无法使用 {where}：{Clean(sqlite.Message)}", $"Cannot use {where}: {Clean(sqlite.Message)}");

            case DbException db:
                return new(new($"{where} 出错：{Clean(db.Message)}", $"{where} failed: {Clean(db.Message)}"), ExitCodes.InternalError);

            case IOException or UnauthorizedAccessException:
                return Invalid($"文件操作失败：{Clean(exception.Message)}", $"File operation failed: {Clean(exception.Message)}");

            default:
                return null;
        }
    }

    private static string ServerOf(DatabaseSelection selection)
    {
        var builder = new NpgsqlConnectionStringBuilder(selection.Target.ConnectionString);
        var hosts = builder.Host ?? "localhost";
        return hosts.Contains(',', StringComparison.Ordinal) || hosts.Contains(':', StringComparison.Ordinal)
            ? $"{hosts} (port {builder.Port})"
            : $"{hosts}:{builder.Port}";
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is { } inner)
        {
            exception = inner;
        }

        return exception;
    }

    internal static int Report(IAnsiConsole console, Language language, Failure failure)
    {
        Inputs.Problem(console, language, failure.Message);
        return failure.ExitCode;
    }

    /// <summary>Explains that PostgreSQL is backed up with its own tools and prints the command, unwrapped, to copy.</summary>
    private static int PostgresOnly(IAnsiConsole console, Language language, LocalizedText explanation, string commandLine)
    {
        Inputs.Problem(console, language, explanation);

        // Straight to the writer: Spectre would wrap a long command at the terminal width and break copy-and-paste.
        console.Profile.Out.Writer.WriteLine("    " + commandLine);
        console.Profile.Out.Writer.Flush();
        return ExitCodes.InvalidInput;
    }

    private static string LevelText(MigrationLevel level, Language language) => level.Current is { } current
        ? language == Language.Zh ? $"迁移版本 {current}，共 {level.Applied.Count} 个" : $"migration level {current}, {level.Applied.Count} applied"
        : language == Language.Zh ? "尚未迁移" : "no migrations applied";

    private static void Say(IAnsiConsole console, string markup) => console.MarkupLine(markup);

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
            File.Delete(path + "-journal");
            File.Delete(path + "-wal");
            File.Delete(path + "-shm");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Leftovers of a failed run are harmless and named so they do not pass for a backup.
        }
    }
}

/// <summary>Quoting for the POSIX shell commands the CLI prints.</summary>
internal static class Shell
{
    /// <summary><paramref name="word"/> as is when it is safe, else in single quotes.</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or ':' or '+' or '=' or ',' or '@')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
