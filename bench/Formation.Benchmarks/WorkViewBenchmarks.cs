using System.Net;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Formation.Application.Data;
using Formation.Application.Features.Accounts;
using Formation.Domain.Planning;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Formation.Benchmarks;

/// <summary>
/// The work views' target: the board and "my work" of a plan of 5,000 tasks and 10 people render in under
/// 100 ms at the 95th percentile. The real app runs on Kestrel at 127.0.0.1 over a seeded SQLite database,
/// and an HttpClient signed in as the owner (who may move every card, so every card carries its form, and
/// who holds a post with 500 tasks) fetches each page; each measured iteration is one request, so the
/// percentiles are those of single page loads.
/// </summary>
[Config(typeof(WebBenchConfig))]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The client and host are disposed in [GlobalCleanup], where BenchmarkDotNet ends a benchmark's life.")]
public partial class WorkViewBenchmarks
{
    public const int Tasks = 5_000;
    public const int People = 10;
    private const string Password = "benchmark password 5000";

    private static readonly string[] s_posts =
    [
        PostCatalog.Promoter, PostCatalog.CopyPlanner, PostCatalog.FrontendEditor, PostCatalog.BackendEngineer, PostCatalog.Consultant,
        PostCatalog.PrSpecialist, PostCatalog.FulfilmentClerk, PostCatalog.Planner, PostCatalog.Specialist, PostCatalog.ItTechnician,
    ];

    private static readonly string[] s_phases = ["planning", "implementation", "evaluation"];

    private string _dataDirectory = null!;
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private string _board = null!;
    private string _myWork = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
        ((IAsyncDisposable)_app).DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary>GET the board: four columns of at most 100 cards each, with every filter choice.</summary>
    [Benchmark]
    public Task<int> Board() => FetchAsync(_board);

    /// <summary>GET "my work": the owner's open tasks grouped into overdue, this week and later.</summary>
    [Benchmark]
    public Task<int> MyWork() => FetchAsync(_myWork);

    private async Task<int> FetchAsync(string url)
    {
        using var response = await _client.GetAsync(url).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}.");
        }

        return body.Length;
    }

    private async Task SetupAsync()
    {
        _dataDirectory = Path.Combine(Path.GetTempPath(), $"formation-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_dataDirectory);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // The pages are compiled into Formation.Web; naming it finds them, as if it were the entry assembly.
            ApplicationName = typeof(WebSetup).Assembly.GetName().Name,
            ContentRootPath = RepoFiles.PathOf(Path.Combine("src", "Formation.Web")),
            EnvironmentName = Environments.Production,
        });
        builder.Configuration["Formation:DataDirectory"] = _dataDirectory;
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddFormation();
        _app = builder.Build();
        await _app.UseFormationAsync().ConfigureAwait(false);
        await _app.StartAsync().ConfigureAwait(false);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var organization = await SeedAsync(_app.Services).ConfigureAwait(false);
        _client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        await SignInAsync().ConfigureAwait(false);
        _board = $"/o/{organization}/work/board";
        _myWork = $"/o/{organization}/my-work";

        // A benchmark must never time an error page.
        foreach (var url in new[] { _board, _myWork })
        {
            using var response = await _client.GetAsync(url).ConfigureAwait(false);
            var html = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK || !html.Contains("data-testid=\"" + (url == _board ? "board-card" : "my-item") + "\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode} without its tasks.");
            }
        }
    }

    private async Task SignInAsync()
    {
        var page = await _client.GetStringAsync("/signin").ConfigureAwait(false);
        var token = TokenInput().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "person0@bench.test",
            ["Password"] = Password,
            ["__RequestVerificationToken"] = token,
        });
        using var response = await _client.PostAsync(new Uri("/signin", UriKind.Relative), form).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in answered {(int)response.StatusCode}.");
        }
    }

    /// <summary>
    /// One organisation: 10 members, each alone on a post, so every task has an owner; 5,000 tasks in 8
    /// projects and among 20 milestones, due from two months ago to four months ahead, a fifth of them done
    /// over the last two months. The owner (person 0) is on the promoter post.
    /// </summary>
    private static async Task<Guid> SeedAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<Accounts>();
        var (owner, organization) = await accounts.SetUpAsync("person0@bench.test", "Person 0", Password, "Bench Co", "CNY", "en").ConfigureAwait(false)
            ?? throw new InvalidOperationException("The benchmark database is not empty.");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.OrganizationId = organization.Id;
        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(now);
        var people = new List<Guid> { owner.Id };
        for (var p = 1; p < People; p++)
        {
            var user = new User
            {
                Id = Guid.CreateVersion7(),
                Email = $"person{p}@bench.test",
                NormalizedEmail = Accounts.Normalize($"person{p}@bench.test"),
                DisplayName = $"Person {p}",
                PasswordHash = owner.PasswordHash,
                CreatedAt = now,
            };
            db.Users.Add(user);
            db.Memberships.Add(new Membership { OrganizationId = organization.Id, UserId = user.Id, Role = p < 3 ? Role.Supervisor : Role.Staff, CreatedAt = now });
            people.Add(user.Id);
        }

        for (var p = 0; p < People; p++)
        {
            db.PostAssignments.Add(new PostAssignment { OrganizationId = organization.Id, Post = s_posts[p], UserId = people[p], CreatedAt = now });
        }

        var projects = Enumerable.Range(0, 8).Select(n => new WorkProject
        {
            OrganizationId = organization.Id,
            Id = Guid.CreateVersion7(),
            Key = $"bench/project-{n}",
            NameZh = $"项目 {n}",
            NameEn = $"Project {n}",
            CreatedAt = now,
        }).ToList();
        db.WorkProjects.AddRange(projects);

        var random = new Random(5000);
        for (var n = 0; n < Tasks; n++)
        {
            var p = n % People;
            var milestone = n < 20;
            var due = today.AddDays(random.Next(-60, 121));
            var roll = random.Next(100);
            var status = roll < 55 ? WorkStatus.Todo : roll < 70 ? WorkStatus.Doing : roll < 80 ? WorkStatus.Review : WorkStatus.Done;
            db.WorkItems.Add(new WorkItem
            {
                OrganizationId = organization.Id,
                Id = Guid.CreateVersion7(),
                ProjectId = milestone ? null : projects[n % projects.Count].Id,
                Key = $"bench/task-{n}",
                TitleZh = $"任务 {n}：按计划完成本周的推广与内容工作",
                TitleEn = $"Task {n}: carry out this week's promotion and content work",
                Phase = s_phases[n % s_phases.Length],
                Kind = milestone ? "milestone" : "recurring",
                OwnerPost = s_posts[p],
                OwnerUserId = people[p],
                Status = status,
                StartDate = due.AddDays(-random.Next(0, 15)),
                DueDate = due,
                Cadence = "weekly",
                EvidenceZh = "发布链接与数据截图",
                EvidenceEn = "Links to what was published and a screenshot of the figures",
                CheckedBy = PostCatalog.PromotionSupervisor,
                EffortHours = 2,
                Version = 1,
                CreatedAt = now.AddDays(-90),
                UpdatedAt = status == WorkStatus.Done ? now.AddDays(-random.Next(0, 60)) : now.AddDays(-random.Next(0, 90)),
            });
        }

        await db.SaveChangesAsync().ConfigureAwait(false);
        return organization.Id;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}

/// <summary>
/// Page loads, one request per measured iteration so that P95 is the 95th percentile of single requests
/// (BenchmarkDotNet's percentiles are over iterations). No forced collection between requests: a server
/// collects when it must, and that cost belongs in the percentile. Runs in process: the host is the web app itself,
/// and building it again into BenchmarkDotNet's generated project would double a slow build for nothing.
/// </summary>
public class WebBenchConfig : ManualConfig
{
    public WebBenchConfig()
    {
        AddJob(Job.Default
            .WithId("Page")
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(10)
            .WithIterationCount(100)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithGcForce(false));
        AddColumn(StatisticColumn.P95);
        AddDiagnoser(MemoryDiagnoser.Default);
        AddExporter(JsonExporter.Full);
    }
}
