using System.Collections.Concurrent;
using Formation.Application.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Formation.Web.Tests.Support;

/// <summary>
/// The web app in memory on a fresh database of one provider, configured the way an operator would:
/// through configuration only. SQLite lives in a temporary data folder (the app migrates it at start);
/// PostgreSQL gets a fresh database that is migrated here, because the app leaves that to <c>formation db migrate</c>.
/// </summary>
public sealed class FormationWebFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly string _dataDirectory;
    private readonly string? _postgresDatabase;
    private readonly ErrorLog _errors = new();

    private FormationWebFactory(string provider, string dataDirectory, string? postgresDatabase, Dictionary<string, string?> settings, FakeTimeProvider? clock)
    {
        Provider = provider;
        Clock = clock;
        _dataDirectory = dataDirectory;
        _postgresDatabase = postgresDatabase;
        _settings = settings;
    }

    public string Provider { get; }

    /// <summary>The app's clock when the test asked for one it moves; null when the app runs on the system clock.</summary>
    public FakeTimeProvider? Clock { get; }

    /// <summary>Errors the app logged (unhandled exceptions end up here); a test client fails on any.</summary>
    internal ConcurrentQueue<string> LoggedErrors => _errors.Entries;

    /// <summary>A started app on a fresh database; <paramref name="settings"/> add to or override the defaults.</summary>
    /// <param name="clock">The app's <see cref="TimeProvider"/> instead of the system clock, for tests that move time.</param>
    public static async Task<FormationWebFactory> CreateAsync(string provider, IReadOnlyDictionary<string, string?>? settings = null, FakeTimeProvider? clock = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"formation-web-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDirectory);
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["Formation:DataDirectory"] = dataDirectory };
        string? postgresDatabase = null;
        if (provider == "postgres")
        {
            var admin = TestProviders.PostgresAdmin ?? throw new InvalidOperationException($"{TestProviders.PostgresVariable} is not set.");
            postgresDatabase = $"formation_w_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = $"CREATE DATABASE {postgresDatabase}";
                await command.ExecuteNonQueryAsync();
            }

            var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = postgresDatabase }.ToString();
            await new DatabaseTarget(DatabaseProvider.Postgres, connectionString).MigrateAsync(TimeProvider.System);
            all["Formation:Database"] = "postgres";
            all["ConnectionStrings:Formation"] = connectionString;
        }
        else if (provider != "sqlite")
        {
            throw new ArgumentException($"Unknown provider {provider}.", nameof(provider));
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = new FormationWebFactory(provider, dataDirectory, postgresDatabase, all, clock);

        // Start now, so a broken configuration fails here, and prove the app took the settings.
        var target = factory.Services.GetRequiredService<DatabaseTarget>();
        if (provider == "postgres")
        {
            target.Provider.ShouldBe(DatabaseProvider.Postgres);
            new NpgsqlConnectionStringBuilder(target.ConnectionString).Database.ShouldBe(postgresDatabase);
        }
        else
        {
            target.Provider.ShouldBe(DatabaseProvider.Sqlite);
            new SqliteConnectionStringBuilder(target.ConnectionString).DataSource.ShouldStartWith(dataDirectory);
        }

        return factory;
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects, fails on any 500 or stack trace.</summary>
    public WebSession NewSession(string? acceptLanguage = null)
    {
#pragma warning disable CA2000 // the client owns and disposes its handlers
        var client = CreateDefaultClient(new Uri("http://localhost"), new ServerErrorGuard(_errors.Entries), new CookieContainerHandler());
#pragma warning restore CA2000
        if (acceptLanguage is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        return new WebSession(client);
    }

    /// <summary>Runs a query on the app's database as seen by one organisation, outside any request.</summary>
    public async Task<T> QueryAsync<T>(Guid organizationId, Func<AppDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.OrganizationId = organizationId;
        return await query(db);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (Clock is { } clock)
        {
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(clock);
            });
        }

        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(_errors);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }

        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(TestProviders.PostgresAdmin);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)";
            await command.ExecuteNonQueryAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Collects what the app logs at Error or above.</summary>
    private sealed class ErrorLog : ILoggerProvider
    {
        public ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    entries.Enqueue($"{category}: {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}");
                }
            }
        }
    }
}
