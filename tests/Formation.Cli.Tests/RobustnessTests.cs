using System.Globalization;
using Formation.Cli.Tests.Support;

namespace Formation.Cli.Tests;

/// <summary>Inputs at the edges: extreme values, unreadable files, the machine's culture. None may end in an internal error.</summary>
public sealed class RobustnessTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Check_LoadedCostBeyondAnyRealSalary_ExitsTwoNamingTheKey()
    {
        var retailer = await File.ReadAllTextAsync(RepositoryPaths.Example("retailer.yaml"));
        var profile = _temp.Write("huge.yaml", retailer.Replace(
            "loadedCostPerPersonYear: 100000", "loadedCostPerPersonYear: 70000000000000000000000000000", StringComparison.Ordinal));

        var run = await CliRunner.RunAsync("check", profile, "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput, run.Output);
        run.Output.ShouldContain("enterprise.loadedCostPerPersonYear");
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Plan_VeryHighInquiryVolume_SizesConsultingWithoutError()
    {
        var b2b = await File.ReadAllTextAsync(RepositoryPaths.Example("b2b-leads.yaml"));
        var profile = _temp.Write("busy.yaml", b2b.Replace("inquiriesPerDay: 40", "inquiriesPerDay: 1000000", StringComparison.Ordinal));

        var run = await CliRunner.RunAsync("plan", profile, "--format", "json", "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.Ok, run.Output);
        var consulting = System.Text.Json.Nodes.JsonNode.Parse(run.Output)!["consulting"]!;
        var traffic = consulting["trafficErlangs"]!.GetValue<double>();
        traffic.ShouldBeGreaterThan(1000);
        ((double)consulting["agents"]!.GetValue<int>()).ShouldBeGreaterThan(traffic);
        consulting["serviceLevel"]!.GetValue<double>().ShouldBeGreaterThanOrEqualTo(0.8);
    }

    [Fact]
    public async Task PlaybooksList_UnreadableUserFile_ExitsTwoNamingIt()
    {
        var broken = _temp.PathOf("broken.yaml");
        File.CreateSymbolicLink(broken, _temp.PathOf("missing-target.yaml"));

        var run = await CliRunner.RunAsync("playbooks", "list", "--lang", "en", "--playbooks", _temp.FullPath);

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput, run.Output);
        run.Output.ShouldContain(broken);
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Plan_UnderCommaDecimalCulture_GivesTheSameJsonAsInvariantCulture()
    {
        var profile = RepositoryPaths.Example("manufacturer.yaml");
        var invariant = await RunInCultureAsync(CultureInfo.InvariantCulture, "plan", profile, "--format", "json", "--lang", "en");

        var german = await RunInCultureAsync(CultureInfo.GetCultureInfo("de-DE"), "plan", profile, "--format", "json", "--lang", "en");

        german.ExitCode.ShouldBe(ExitCodes.Ok);
        german.Output.ShouldBe(invariant.Output);
    }

    [Fact]
    public async Task PlaybooksShow_UnderCommaDecimalCulture_ShowsTheSameTableAsInvariantCulture()
    {
        var invariant = await RunInCultureAsync(CultureInfo.InvariantCulture, "playbooks", "show", "search", "--lang", "en");

        var german = await RunInCultureAsync(CultureInfo.GetCultureInfo("de-DE"), "playbooks", "show", "search", "--lang", "en");

        german.ExitCode.ShouldBe(ExitCodes.Ok);
        german.Output.ShouldBe(invariant.Output);
    }

    private static async Task<CliRun> RunInCultureAsync(CultureInfo culture, params string[] args)
    {
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            return await CliRunner.RunWithWidthAsync(400, args);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }
}
