using System.Globalization;
using Formation.Cli.Tests.Support;

namespace Formation.Cli.Tests;

/// <summary>Parsing of the command line: unknown commands and options, help, language default.</summary>
public sealed class CommandLineTests
{
    private static string Retailer => RepositoryPaths.Example("retailer.yaml");

    [Fact]
    public async Task Run_UnknownCommand_ExitsTwoNamingIt()
    {
        var run = await CliRunner.RunAsync("frobnicate");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain("frobnicate");
        run.Output.ShouldContain("--help");
        run.ShouldNotShowStackTrace();
    }

    [Theory]
    [InlineData("plan")]
    [InlineData("check")]
    [InlineData("playbooks list")]
    [InlineData("staffing erlang-c")]
    public async Task Run_UnknownOption_ExitsTwoNamingIt(string command)
    {
        string[] args = command switch
        {
            "plan" or "check" => [command, Retailer, "--bogus"],
            _ => [.. command.Split(' '), "--bogus"],
        };

        var run = await CliRunner.RunAsync(args);

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain("--bogus");
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Run_NoCommand_ExitsTwo()
    {
        var run = await CliRunner.RunAsync();

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Plan_WithoutProfileArgument_ExitsTwo()
    {
        var run = await CliRunner.RunAsync("plan", "--format", "json");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.ShouldNotShowStackTrace();
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--lang", "fr")]
    public async Task Plan_UnsupportedOptionValue_ExitsTwoListingAllowedValues(string option, string value)
    {
        var run = await CliRunner.RunAsync("plan", Retailer, option, value);

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain(value);
        run.Output.ShouldContain(option == "--format" ? "markdown" : "zh");
    }

    [Fact]
    public async Task Run_Help_ExitsZeroListingEveryCommand()
    {
        var run = await CliRunner.RunAsync("--help");

        run.ExitCode.ShouldBe(ExitCodes.Ok);
        foreach (var command in new[] { "plan", "check", "staffing", "playbooks" })
        {
            run.Output.ShouldContain(command);
        }
    }

    [Fact]
    public async Task Plan_WithoutLang_FollowsTheUiCulture()
    {
        var original = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            var chinese = await CliRunner.RunAsync("plan", Retailer, "--format", "markdown");
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
            var english = await CliRunner.RunAsync("plan", Retailer, "--format", "markdown");

            chinese.ExitCode.ShouldBe(ExitCodes.Ok);
            chinese.Output.ShouldContain("网络营销经理");
            english.ExitCode.ShouldBe(ExitCodes.Ok);
            english.Output.ShouldContain("Network marketing manager");
        }
        finally
        {
            CultureInfo.CurrentUICulture = original;
        }
    }

    [Fact]
    public async Task Run_CancelledToken_ExitsWithoutStackTrace()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        using var console = new Spectre.Console.Testing.TestConsole();
        console.Profile.Width = CliRunner.DefaultWidth;

        var exitCode = await CliApp.RunAsync(console, ["plan", Retailer, "--format", "json", "--lang", "en"], cancellation.Token);

        exitCode.ShouldBe(ExitCodes.Cancelled);
        new CliRun(exitCode, console.Output).ShouldNotShowStackTrace();
    }
}
