using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Formation.EndToEndTests;

/// <summary>The real web app, started as its own process on a free loopback port with an empty data folder.</summary>
public sealed class AppServer : IAsyncLifetime
{
    private Process? _process;
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"formation-e2e-{Guid.NewGuid():N}");

    public string BaseUrl { get; private set; } = "";

    public static string RepositoryRoot { get; } = FindRoot();

    public Task InitializeAsync()
    {
        BaseUrl = $"http://127.0.0.1:{FreePort()}";
        return StartAsync([]);
    }

    /// <summary>Stops the server and starts it again on the same data and address, with extra settings (such as a moved clock).</summary>
    public async Task RestartAsync(params (string Name, string Value)[] settings)
    {
        await StopAsync();
        await StartAsync(settings);
    }

    private async Task StartAsync((string Name, string Value)[] settings)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // Debug or Release
        var web = Path.Combine(RepositoryRoot, "src", "Formation.Web", "bin", configuration, "net10.0", "Formation.Web.dll");
        if (!File.Exists(web))
        {
            throw new FileNotFoundException("Build the solution first; the web app was not found.", web);
        }

        var start = new ProcessStartInfo("dotnet", [web, "--urls", BaseUrl])
        {
            WorkingDirectory = Path.GetDirectoryName(web)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Formation__DataDirectory"] = _data;

        // As `dotnet run` does: static files are served from the project's wwwroot (only `publish` copies them to the output).
        start.Environment["ASPNETCORE_CONTENTROOT"] = Path.Combine(RepositoryRoot, "src", "Formation.Web");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Formation__SignInAttemptsPerMinute"] = "100";
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the web app.");
        _process.OutputDataReceived += (_, e) => Log(e.Data);
        _process.ErrorDataReceived += (_, e) => Log(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync(new Uri(BaseUrl + "/health"))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The web app exited with {_process.ExitCode}:\n{ServerLog}");
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The web app did not answer /health within a minute:\n" + ServerLog);
    }

    /// <summary>What the server wrote, for assertions that no exception was logged.</summary>
    public string ServerLog
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    private readonly System.Text.StringBuilder _log = new();

    private void Log(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Formation.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Formation.slnx not found.");
    }
}
