using Formation.Application.Data;
using Formation.Cli.Db;
using Formation.Domain.Text;

namespace Formation.Cli.Tests;

/// <summary>How <c>formation db</c> picks its database from options, environment and defaults, and how it shows it.</summary>
public sealed class DbSelectionTests
{
    private static readonly string s_here = Path.Combine(Path.GetTempPath(), "formation-selection");

    [Fact]
    public void Resolve_Nothing_IsTheWebAppsDefaultFileUnderTheCurrentDirectory()
    {
        var selection = Resolved(null, null, null);

        selection.Target.Provider.ShouldBe(DatabaseProvider.Sqlite);
        selection.SqliteFile.ShouldBe(Path.Combine(s_here, "data", "formation.db"));
    }

    [Fact]
    public void Resolve_DataFolder_IsFormationDbInIt()
    {
        Resolved(null, null, "var/lib/formation").SqliteFile.ShouldBe(Path.Combine(s_here, "var", "lib", "formation", "formation.db"));
    }

    [Fact]
    public void Resolve_RelativeSqliteConnection_IsMadeAbsolute()
    {
        Resolved(null, "Data Source=backups/live.db", null).SqliteFile.ShouldBe(Path.Combine(s_here, "backups", "live.db"));
    }

    [Fact]
    public void Resolve_EnvironmentOnly_UsesBothVariables()
    {
        var selection = Resolved(null, null, null, new()
        {
            ["FORMATION_DATABASE"] = "postgresql",
            ["FORMATION_CONNECTION"] = "Host=db;Database=formation;Username=app;Password=pw-from-env",
        });

        selection.Target.Provider.ShouldBe(DatabaseProvider.Postgres);
        selection.Description.ShouldBe("PostgreSQL app@db:5432/formation");
    }

    [Fact]
    public void Resolve_WebAppSettingsOnly_AreUsedToo()
    {
        var selection = Resolved(null, null, null, new()
        {
            ["Formation__Database"] = "postgres",
            ["ConnectionStrings__Formation"] = "Host=db;Database=formation;Username=app",
        });

        selection.Target.Provider.ShouldBe(DatabaseProvider.Postgres);
        selection.Target.ConnectionString.ShouldContain("Host=db");
    }

    [Fact]
    public void Resolve_Postgres_SharesOnePoolWithTheImportsLargerWriteBufferAndSkipsTypeLoading()
    {
        var selection = Resolved("postgres", "Host=db;Database=formation;Username=app", null);

        new Npgsql.NpgsqlConnectionStringBuilder(selection.Target.ConnectionString).WriteBufferSize.ShouldBe(DatabaseTarget.BulkWriteBufferSize);
        selection.Target.LoadTypes.ShouldBeFalse();
        DatabaseTarget.WithBulkWriteBuffer(selection.Target.ConnectionString).ShouldBeSameAs(selection.Target.ConnectionString);
    }

    [Theory]
    [InlineData("Host=db;Database=formation", 128 * 1024)]
    [InlineData("Host=db;Database=formation;Write Buffer Size=16384", 128 * 1024)]
    [InlineData("Host=db;Database=formation;Write Buffer Size=1048576", 1024 * 1024)]
    public void WithBulkWriteBuffer_RaisesSmallerBuffersOnly(string connection, int expected)
    {
        var bulk = new Npgsql.NpgsqlConnectionStringBuilder(DatabaseTarget.WithBulkWriteBuffer(connection));

        bulk.WriteBufferSize.ShouldBe(expected);
        bulk.Host.ShouldBe("db");
        bulk.Database.ShouldBe("formation");
    }

    [Fact]
    public void Resolve_OptionsAndEnvironment_OptionsWin()
    {
        var environment = new Dictionary<string, string?>
        {
            ["FORMATION_DATABASE"] = "postgres",
            ["FORMATION_CONNECTION"] = "Host=db;Database=formation",
        };

        var selection = Resolved("sqlite", null, "elsewhere", environment);

        selection.Target.Provider.ShouldBe(DatabaseProvider.Sqlite);
        selection.SqliteFile.ShouldBe(Path.Combine(s_here, "elsewhere", "formation.db"));
    }

    [Theory]
    [InlineData("sqlite", "Data Source=x.db", "dir", "not both")]
    [InlineData("postgres", null, "dir", "--data is for SQLite only")]
    [InlineData("postgres", null, null, "FORMATION_CONNECTION")]
    [InlineData("postgres", "postgresql://app:pw@db/formation", null, "not a postgresql:// URI")]
    [InlineData("sqlite", "Data Source=:memory:", null, "must name a SQLite file")]
    [InlineData("sqlite", "Host=db;Database=formation", null, "--database postgres")]
    public void Resolve_Unusable_NamesTheProblem(string database, string? connection, string? data, string expected)
    {
        var (selection, problem) = DatabaseSelection.Resolve(database, connection, data, _ => null, s_here);

        selection.ShouldBeNull();
        problem.ShouldNotBeNull().Get(Language.En).ShouldContain(expected);
        problem.Get(Language.En).ShouldNotContain(":pw@");
        problem.Zh.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Resolve_UnknownProviderInEnvironment_NamesTheVariable()
    {
        var (_, problem) = DatabaseSelection.Resolve(null, null, null, name => name == "FORMATION_DATABASE" ? "mysql" : null, s_here);

        problem.ShouldNotBeNull().En.ShouldContain("FORMATION_DATABASE");
        problem.En.ShouldContain("mysql");
    }

    [Theory]
    [InlineData("Host=db.internal;Port=5433;Database=formation;Username=app;Password=s3cret", "postgresql://app@db.internal:5433/formation")]
    [InlineData("Host=db;Database=formation;Username=app;Password=s3cret;SSL Mode=VerifyFull", "postgresql://app@db:5432/formation?sslmode=verify-full")]
    [InlineData("Host=/var/run/postgresql;Database=formation", "postgresql://%2Fvar%2Frun%2Fpostgresql:5432/formation")]
    [InlineData("Host=a:6000,b;Database=f;Username=o'neil", "postgresql://o%27neil@a:6000,b:5432/f")]
    [InlineData("Host=::1;Database=f", "postgresql://[::1]:5432/f")]
    public void LibpqUri_NpgsqlConnection_KeepsEverythingButThePassword(string connection, string expected)
    {
        var selection = Resolved("postgres", connection, null);

        selection.LibpqUri().ShouldBe(expected);
    }

    [Theory]
    [InlineData("Host=db;Password=s3cret", "failed for s3cret.", "failed for ***.")]
    [InlineData("Host=db;PWD=\"quoted secret\"", "saw quoted secret here", "saw *** here")]
    [InlineData("Host=db;Password=p", "keyword is not supported", "keyword is not supported")]
    [InlineData("postgresql://app:s3cret@db/f", "bad app:s3cret@db", "bad app:***@db")]
    public void Redact_Message_MasksThePasswordAsAWholeToken(string connection, string message, string expected)
    {
        DatabaseSelection.Redact(message, connection).ShouldBe(expected);
    }

    private static DatabaseSelection Resolved(string? database, string? connection, string? data, Dictionary<string, string?>? environment = null)
    {
        var (selection, problem) = DatabaseSelection.Resolve(database, connection, data, name => environment?.GetValueOrDefault(name), s_here);
        problem.ShouldBeNull(problem?.En);
        return selection.ShouldNotBeNull();
    }
}
