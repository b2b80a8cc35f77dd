using System.Globalization;
using System.Text.Json.Nodes;
using Formation.Cli.Tests.Support;

namespace Formation.Cli.Tests;

/// <summary><c>formation staffing erlang-c</c> against the PRODUCT §4 formulas and reference.</summary>
public sealed class StaffingCommandTests
{
    // PRODUCT §4 reference: 100 contacts in 30 minutes, AHT 180 s, 80 % within 20 s.
    private const double Contacts = 100;
    private const double IntervalMinutes = 30;
    private const double HandleSeconds = 180;
    private const double TargetSeconds = 20;
    private const double TargetLevel = 0.8;

    private static string[] ReferenceArgs(params string[] extra) =>
    [
        "staffing", "erlang-c",
        "--contacts", Invariant(Contacts), "--interval-minutes", Invariant(IntervalMinutes), "--aht-seconds", Invariant(HandleSeconds),
        "--target-seconds", Invariant(TargetSeconds), "--service-level", Invariant(TargetLevel),
        .. extra,
    ];

    [Fact]
    public async Task ErlangC_ProductReference_MatchesPublishedFigures()
    {
        var result = await SolveAsync(ReferenceArgs("--format", "json"));

        result["trafficErlangs"]!.GetValue<double>().ShouldBe(Contacts * HandleSeconds / (IntervalMinutes * 60), 1e-9);
        result["agents"]!.GetValue<int>().ShouldBe(14);
        result["serviceLevel"]!.GetValue<double>().ShouldBe(0.888, 0.0005);
        result["asaSeconds"]!.GetValue<double>().ShouldBe(7.84, 0.005);
        result["probabilityOfWait"]!.GetValue<double>().ShouldBe(0.174, 0.0005);
        result["occupancy"]!.GetValue<double>().ShouldBe(0.714, 0.0005);
    }

    [Fact]
    public async Task ErlangC_ProductReference_IsTheSmallestAgentCountMeetingTheTarget()
    {
        var result = await SolveAsync(ReferenceArgs("--format", "json"));

        var traffic = result["trafficErlangs"]!.GetValue<double>();
        var agents = result["agents"]!.GetValue<int>();
        ErlangReference.ServiceLevel(traffic, agents, HandleSeconds, TargetSeconds).ShouldBeGreaterThanOrEqualTo(TargetLevel);
        ErlangReference.ServiceLevel(traffic, agents - 1, HandleSeconds, TargetSeconds).ShouldBeLessThan(TargetLevel);
        result["occupancy"]!.GetValue<double>().ShouldBe(traffic / agents, 1e-4);
    }

    [Fact]
    public async Task ErlangC_WithoutShrinkage_PositionsEqualAgents()
    {
        var result = await SolveAsync(ReferenceArgs("--format", "json"));

        result["positions"]!.GetValue<int>().ShouldBe(result["agents"]!.GetValue<int>());
    }

    [Fact]
    public async Task ErlangC_WithShrinkage_PositionsAreAgentsOverAvailableShare()
    {
        const double Shrinkage = 0.3;

        var result = await SolveAsync(ReferenceArgs("--format", "json", "--shrinkage", Invariant(Shrinkage)));

        var agents = result["agents"]!.GetValue<int>();
        agents.ShouldBe(14);
        result["positions"]!.GetValue<int>().ShouldBe((int)Math.Ceiling(Math.Round(agents / (1 - Shrinkage), 9)));
        result["positions"]!.GetValue<int>().ShouldBe(20);
    }

    [Fact]
    public async Task ErlangC_WithChatConcurrency_DividesHandleTimeAndLowersAgents()
    {
        var single = await SolveAsync(ReferenceArgs("--format", "json"));

        var triple = await SolveAsync(ReferenceArgs("--format", "json", "--concurrency", "3"));

        triple["effectiveHandleSeconds"]!.GetValue<double>().ShouldBe(HandleSeconds / 2.5, 1e-3);
        triple["agents"]!.GetValue<int>().ShouldBeLessThan(single["agents"]!.GetValue<int>());
        triple["serviceLevel"]!.GetValue<double>().ShouldBeGreaterThanOrEqualTo(TargetLevel);
    }

    [Fact]
    public async Task ErlangC_WithOccupancyCap_KeepsOccupancyUnderTheCap()
    {
        const double Cap = 0.6;

        var result = await SolveAsync(ReferenceArgs("--format", "json", "--max-occupancy", Invariant(Cap)));

        var traffic = result["trafficErlangs"]!.GetValue<double>();
        result["occupancy"]!.GetValue<double>().ShouldBeLessThanOrEqualTo(Cap);
        result["agents"]!.GetValue<int>().ShouldBe((int)Math.Ceiling(traffic / Cap));
    }

    [Fact]
    public async Task ErlangC_ThousandsOfErlangs_StaysFiniteAndMeetsTarget()
    {
        // 20,000 contacts of 180 s in an hour: 1,000 erlangs.
        var result = await SolveAsync(
            "staffing", "erlang-c", "--contacts", "20000", "--interval-minutes", "60", "--aht-seconds", "180",
            "--target-seconds", "20", "--service-level", "0.8", "--format", "json");

        var traffic = result["trafficErlangs"]!.GetValue<double>();
        traffic.ShouldBe(1000, 1e-9);
        result["agents"]!.GetValue<int>().ShouldBeGreaterThan(1000);
        result["serviceLevel"]!.GetValue<double>().ShouldBeInRange(TargetLevel, 1);
        result["occupancy"]!.GetValue<double>().ShouldBeLessThan(1);
        double.IsFinite(result["asaSeconds"]!.GetValue<double>()).ShouldBeTrue();
        ErlangReference.ServiceLevel(traffic, result["agents"]!.GetValue<int>() - 1, 180, 20).ShouldBeLessThan(TargetLevel);
    }

    [Fact]
    public async Task ErlangC_NoContacts_NeedsNoAgents()
    {
        var result = await SolveAsync(
            "staffing", "erlang-c", "--contacts", "0", "--aht-seconds", "180", "--target-seconds", "20", "--service-level", "0.8", "--format", "json");

        result["agents"]!.GetValue<int>().ShouldBe(0);
        result["positions"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task ErlangC_DefaultInterval_IsOneHour()
    {
        var halfHour = await SolveAsync(ReferenceArgs("--format", "json"));

        var defaulted = await SolveAsync(
            "staffing", "erlang-c", "--contacts", Invariant(Contacts * 2), "--aht-seconds", Invariant(HandleSeconds),
            "--target-seconds", Invariant(TargetSeconds), "--service-level", Invariant(TargetLevel), "--format", "json");

        defaulted["trafficErlangs"]!.GetValue<double>().ShouldBe(halfHour["trafficErlangs"]!.GetValue<double>(), 1e-9);
    }

    [Theory]
    [InlineData("en", "Agents")]
    [InlineData("zh", "在线人数")]
    public async Task ErlangC_TableFormat_ShowsTheJsonFiguresInTheChosenLanguage(string language, string agentsLabel)
    {
        var json = await SolveAsync(ReferenceArgs("--format", "json"));

        var run = await CliRunner.RunAsync(ReferenceArgs("--lang", language));

        run.ExitCode.ShouldBe(ExitCodes.Ok);
        var agentsLine = run.Lines.Single(l => l.Contains(agentsLabel, StringComparison.Ordinal));
        agentsLine.ShouldContain(json["agents"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture));
        run.Output.ShouldContain(json["serviceLevel"]!.GetValue<double>().ToString("0.000", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("--service-level", "1.5")]
    [InlineData("--service-level", "0")]
    [InlineData("--concurrency", "9")]
    [InlineData("--concurrency", "0")]
    [InlineData("--shrinkage", "1")]
    [InlineData("--max-occupancy", "1.2")]
    [InlineData("--aht-seconds", "0")]
    [InlineData("--interval-minutes", "0")]
    [InlineData("--target-seconds", "-1")]
    public async Task ErlangC_OutOfRangeInput_ExitsTwoWithMessageAndNoStackTrace(string option, string value)
    {
        var args = ReferenceArgs("--lang", "en").ToList();
        var index = args.IndexOf(option);
        if (index >= 0)
        {
            args[index + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var run = await CliRunner.RunAsync([.. args]);

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput, run.Output);
        run.Output.ShouldContain("Invalid input");
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task ErlangC_OutOfRangeInputInChinese_ExplainsInChinese()
    {
        var run = await CliRunner.RunAsync(ReferenceArgs("--concurrency", "9", "--lang", "zh"));

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain("输入无效");
    }

    [Theory]
    [InlineData("--contacts")]
    [InlineData("--aht-seconds")]
    [InlineData("--target-seconds")]
    [InlineData("--service-level")]
    public async Task ErlangC_MissingRequiredOption_ExitsTwoNamingIt(string option)
    {
        var args = ReferenceArgs().ToList();
        var index = args.IndexOf(option);
        args.RemoveRange(index, 2);

        var run = await CliRunner.RunAsync([.. args]);

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain(option);
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task ErlangC_NonNumericOption_ExitsTwoNamingIt()
    {
        var args = ReferenceArgs().ToList();
        args[args.IndexOf("--contacts") + 1] = "lots";

        var run = await CliRunner.RunAsync([.. args]);

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain("lots");
        run.Output.ShouldContain("--contacts");
    }

    private static async Task<JsonObject> SolveAsync(params string[] args)
    {
        var run = await CliRunner.RunAsync(args);
        run.ExitCode.ShouldBe(ExitCodes.Ok, run.Output);
        return JsonNode.Parse(run.Output).ShouldBeOfType<JsonObject>();
    }

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
