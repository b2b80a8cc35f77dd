using Spectre.Console.Testing;

namespace Formation.Cli.Tests.Support;

/// <summary>What one run of the CLI returned and printed.</summary>
internal sealed record CliRun(int ExitCode, string Output)
{
    /// <summary>The printed lines, without line-ending characters.</summary>
    public IReadOnlyList<string> Lines => Output.ReplaceLineEndings("\n").Split('\n');

    /// <summary>Asserts that nothing a developer would recognise as a crash reached the user.</summary>
    public void ShouldNotShowStackTrace()
    {
        Output.ShouldNotContain("   at ");
        Output.ShouldNotContain("Exception");
        Output.ShouldNotContain("Internal error");
    }
}

/// <summary>Runs <see cref="CliApp"/> on a wide <see cref="TestConsole"/> so tables do not wrap.</summary>
internal static class CliRunner
{
    public const int DefaultWidth = 200;

    public static Task<CliRun> RunAsync(params string[] args) => RunWithWidthAsync(DefaultWidth, args);

    public static async Task<CliRun> RunWithWidthAsync(int width, params string[] args)
    {
        using var console = new TestConsole();
        console.Profile.Width = width;
        var exitCode = await CliApp.RunAsync(console, args, CancellationToken.None);
        return new CliRun(exitCode, console.Output);
    }
}
