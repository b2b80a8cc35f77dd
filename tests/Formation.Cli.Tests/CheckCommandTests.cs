using System.Text.Json.Nodes;
using Formation.Cli.Tests.Support;

namespace Formation.Cli.Tests;

/// <summary><c>formation check PROFILE</c>: exit 0 when clean, 1 on an error finding, 2 on invalid input.</summary>
public sealed class CheckCommandTests : IDisposable
{
    private const string CleanProfile = """
        enterprise:
          name: Clean Tea Co.
          kind: network-oriented
        strategy:
          models: [search]
        department:
          functions: [platform, promotion]
        volume:
          contentPiecesPerWeek: 5
        """;

    // Five problems at once; the line numbers in the test below refer to this text.
    private const string InvalidProfile = """
        enterprise:
          name: Broken Co.
          kind: network-oriented
          colour: blue
        strategy:
          models: [search, teleshopping]
        department:
          functions: [platform, telepathy]
        volume:
          inquiriesPerDay: -5
          peakHourShare: 1.5
        """;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Check_ProfileWithoutFindings_ExitsZero()
    {
        var profile = _temp.Write("clean.yaml", CleanProfile);
        var findings = await FindingsAsync(profile);
        findings.ShouldBeEmpty();

        var run = await CliRunner.RunAsync("check", profile, "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.Ok);
        run.Output.ShouldContain("found nothing");
    }

    [Theory]
    [InlineData("retailer.yaml")]
    [InlineData("b2b-leads.yaml")]
    [InlineData("consumer-brand.yaml")]
    [InlineData("manufacturer.yaml")]
    [InlineData("mismatched-team.yaml")]
    public async Task Check_Example_ExitCodeFollowsErrorFindingsOfThePlan(string example)
    {
        var profile = RepositoryPaths.Example(example);
        var findings = await FindingsAsync(profile);
        var hasError = findings.Any(f => f["severity"]!.GetValue<string>() == "error");

        var run = await CliRunner.RunAsync("check", profile, "--lang", "en");

        run.ExitCode.ShouldBe(hasError ? ExitCodes.Findings : ExitCodes.Ok);
        foreach (var rule in findings.Select(f => f["rule"]!.GetValue<string>()).Distinct())
        {
            run.Output.ShouldContain(rule);
        }
    }

    [Fact]
    public async Task Check_RetailerWithoutErrorFindings_ExitsZero()
    {
        var retailer = RepositoryPaths.Example("retailer.yaml");
        var findings = await FindingsAsync(retailer);
        findings.ShouldNotContain(f => f["severity"]!.GetValue<string>() == "error");

        var run = await CliRunner.RunAsync("check", retailer, "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.Ok);
    }

    [Fact]
    public async Task Check_MismatchedTeam_ExitsOneWithSkillMismatchError()
    {
        var profile = RepositoryPaths.Example("mismatched-team.yaml");
        var findings = await FindingsAsync(profile);
        findings.ShouldContain(f => f["rule"]!.GetValue<string>() == "SKILL-MISMATCH" && f["severity"]!.GetValue<string>() == "error");

        var run = await CliRunner.RunAsync("check", profile, "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.Findings);
        run.Output.ShouldContain("SKILL-MISMATCH");
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Check_MismatchedTeam_NamesTheMismatchedPeople()
    {
        var profile = RepositoryPaths.Example("mismatched-team.yaml");
        var findings = await FindingsAsync(profile);
        var mismatched = findings.Where(f => f["rule"]!.GetValue<string>() == "SKILL-MISMATCH").Select(f => f["message"]!.GetValue<string>()).ToList();
        var team = ((YamlDotNet.RepresentationModel.YamlSequenceNode)YamlFile.At(YamlFile.Load(profile), "team")).Children
            .Select(m => m[new YamlDotNet.RepresentationModel.YamlScalarNode("name")].ToString())
            .ToList();

        mismatched.ShouldNotBeEmpty();
        mismatched.ShouldAllBe(message => team.Any(name => message.Contains(name, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Check_InvalidProfile_ReportsEveryProblemWithFileLineAndKeyInOneRun()
    {
        var profile = _temp.Write("invalid.yaml", InvalidProfile);
        (int Line, string Key, string Value)[] expected =
        [
            (4, "enterprise.colour", "colour"),
            (6, "strategy.models[1]", "teleshopping"),
            (8, "department.functions[1]", "telepathy"),
            (10, "volume.inquiriesPerDay", "-5"),
            (11, "volume.peakHourShare", "1.5"),
        ];

        var run = await CliRunner.RunAsync("check", profile, "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        foreach (var (line, key, value) in expected)
        {
            var reported = run.Lines.Where(l => l.Contains($"{profile}:{line}:", StringComparison.Ordinal)).ToList();
            reported.Count.ShouldBe(1, $"line {line} ({key}) should be reported once in:\n{run.Output}");
            reported[0].ShouldContain($": {key}: ");
            reported[0].ShouldContain(value);
        }

        run.Lines.Count(l => l.Contains(profile + ":", StringComparison.Ordinal)).ShouldBe(expected.Length);
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Check_InvalidProfileInChinese_ReportsInChineseWithTheSameLocations()
    {
        var profile = _temp.Write("invalid.yaml", InvalidProfile);

        var run = await CliRunner.RunAsync("check", profile, "--lang", "zh");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain($"{profile}:4:");
        run.Output.ShouldContain("enterprise.colour");
        run.Output.ShouldContain("未知的键");
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Check_UnknownTeamPostAndSkill_ReportsBothKeys()
    {
        var profile = _temp.Write("team.yaml", CleanProfile + """

            team:
              - { name: Li Lei, post: astronaut, skills: [seo, juggling] }
            """);

        var run = await CliRunner.RunAsync("check", profile, "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain("team[0].post");
        run.Output.ShouldContain("astronaut");
        run.Output.ShouldContain("juggling");
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Check_MissingRequiredSection_NamesTheMissingKey()
    {
        var profile = _temp.Write("partial.yaml", """
            enterprise:
              name: Half Co.
              kind: traditional
            department:
              functions: [promotion]
            """);

        var run = await CliRunner.RunAsync("check", profile, "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain("strategy");
        run.Output.ShouldContain($"{profile}:");
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Check_QuotedNumber_IsRejectedWithKey()
    {
        var profile = _temp.Write("quoted.yaml", CleanProfile.Replace("contentPiecesPerWeek: 5", "contentPiecesPerWeek: \"5\"", StringComparison.Ordinal));

        var run = await CliRunner.RunAsync("check", profile, "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain($"{profile}:9:");
        run.Output.ShouldContain("volume.contentPiecesPerWeek");
    }

    [Fact]
    public async Task Check_MissingProfileFile_ExitsTwoWithClearMessage()
    {
        var missing = _temp.PathOf("nowhere.yaml");

        var run = await CliRunner.RunAsync("check", missing, "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain("Profile file not found");
        run.Output.ShouldContain(missing);
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Check_MalformedYaml_ExitsTwoWithLineNumber()
    {
        // Line 3 is indented less than its siblings: not well-formed YAML.
        var profile = _temp.Write("malformed.yaml", """
            enterprise:
              name: Wobbly Co.
             kind: traditional
            """);

        var run = await CliRunner.RunAsync("check", profile, "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain($"{profile}:3:");
        run.Output.ShouldContain("YAML");
        run.ShouldNotShowStackTrace();
    }

    [Theory]
    [InlineData("  name: [Unclosed Co.")]
    [InlineData("  name: {zh: 未闭合")]
    [InlineData("  name: \"Unclosed Co.")]
    public async Task Check_UnclosedBracketOrQuote_ExitsTwoWithLineNumber(string secondLine)
    {
        var profile = _temp.Write("unclosed.yaml", $"enterprise:\n{secondLine}\n  kind: traditional\n");

        var run = await CliRunner.RunAsync("check", profile, "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput, run.Output);
        run.Output.ShouldContain($"{profile}:2:");
        run.Output.ShouldContain("YAML");
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Check_DuplicateKey_ExitsTwoWithLineOfTheSecondKey()
    {
        var profile = _temp.Write("duplicate.yaml", CleanProfile.Replace("  kind: network-oriented", "  kind: network-oriented\n  kind: traditional", StringComparison.Ordinal));

        var run = await CliRunner.RunAsync("check", profile, "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain($"{profile}:4:");
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Check_EmptyFile_ExitsTwoSayingItIsEmpty()
    {
        var profile = _temp.Write("empty.yaml", "");

        var run = await CliRunner.RunAsync("check", profile, "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain(profile);
        run.Output.ShouldContain("empty");
        run.ShouldNotShowStackTrace();
    }

    private static async Task<List<JsonObject>> FindingsAsync(string profile)
    {
        var run = await CliRunner.RunAsync("plan", profile, "--format", "json", "--lang", "en");
        run.ExitCode.ShouldBe(ExitCodes.Ok, run.Output);
        return JsonNode.Parse(run.Output)!["findings"]!.AsArray().Select(f => f!.AsObject()).ToList();
    }
}
