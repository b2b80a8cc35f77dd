using System.Text.Json.Nodes;
using Formation.Cli.Tests.Support;

namespace Formation.Cli.Tests;

/// <summary><c>formation plan</c> as a table, as Markdown, in both languages and into a file.</summary>
public sealed class PlanOutputTests : IDisposable
{
    private const string BracketProfile = """
        enterprise:
          name: "Acme [Tea] Co."
          kind: network-oriented
        strategy:
          models: [search]
        department:
          functions: [platform, promotion]
        volume:
          contentPiecesPerWeek: 5
        """;

    private readonly TempDirectory _temp = new();

    private static string Retailer => RepositoryPaths.Example("retailer.yaml");

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("markdown", "en")]
    [InlineData("markdown", "zh")]
    [InlineData("table", "en")]
    [InlineData("table", "zh")]
    public async Task Plan_TextFormats_ContainEnterpriseNameAndEveryPostTitle(string format, string language)
    {
        var name = YamlFile.Text(YamlFile.Load(Retailer), "enterprise", "name");
        var titles = await PostTitlesAsync(Retailer, language);

        var run = await CliRunner.RunAsync("plan", Retailer, "--format", format, "--lang", language);

        run.ExitCode.ShouldBe(ExitCodes.Ok);
        run.Output.ShouldContain(name);
        titles.ShouldNotBeEmpty();
        foreach (var title in titles)
        {
            run.Output.ShouldContain(title);
        }
    }

    [Fact]
    public async Task Plan_MarkdownFormat_IsAMarkdownDocumentWithAPostsTable()
    {
        var run = await CliRunner.RunAsync("plan", Retailer, "--format", "markdown", "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.Ok);
        run.Lines[0].ShouldStartWith("# ");
        run.Lines.ShouldContain(l => l.StartsWith("## ", StringComparison.Ordinal));
        run.Lines.ShouldContain(l => l.StartsWith("|---", StringComparison.Ordinal));
        run.Output.ShouldNotContain("\u001b[");
    }

    [Theory]
    [InlineData("table")]
    [InlineData("markdown")]
    [InlineData("json")]
    public async Task Plan_LangZh_ShowsChinesePostTitles(string format)
    {
        var run = await CliRunner.RunAsync("plan", Retailer, "--format", format, "--lang", "zh");

        run.ExitCode.ShouldBe(ExitCodes.Ok);
        run.Output.ShouldContain("网络营销经理");
        run.Output.ShouldNotContain("Network marketing manager");
    }

    [Theory]
    [InlineData("table")]
    [InlineData("markdown")]
    [InlineData("json")]
    public async Task Plan_LangEn_ShowsEnglishPostTitles(string format)
    {
        var run = await CliRunner.RunAsync("plan", Retailer, "--format", format, "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.Ok);
        run.Output.ShouldContain("Network marketing manager");
        run.Output.ShouldNotContain("网络营销经理");
    }

    [Theory]
    [InlineData("table")]
    [InlineData("markdown")]
    [InlineData("json")]
    public async Task Plan_EnterpriseNameWithSquareBrackets_IsPrintedLiterally(string format)
    {
        var profile = _temp.Write("acme.yaml", BracketProfile);

        var run = await CliRunner.RunAsync("plan", profile, "--format", format, "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.Ok, run.Output);
        run.Output.ShouldContain("Acme [Tea] Co.");
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Plan_OutJson_WritesParsableFileAndPrintsShortConfirmation()
    {
        var output = _temp.PathOf("plan.json");

        var run = await CliRunner.RunAsync("plan", Retailer, "--format", "json", "--lang", "en", "--out", output);

        run.ExitCode.ShouldBe(ExitCodes.Ok);
        File.Exists(output).ShouldBeTrue();
        var written = JsonNode.Parse(await File.ReadAllTextAsync(output)).ShouldBeOfType<JsonObject>();
        written["posts"].ShouldBeOfType<JsonArray>().ShouldNotBeEmpty();
        run.Output.ShouldContain(output);
        run.Output.ShouldNotContain("{");
        run.Lines.Count(l => l.Trim().Length > 0).ShouldBe(1);
    }

    [Fact]
    public async Task Plan_OutJson_WritesTheSameDocumentAsTheTerminal()
    {
        var output = _temp.PathOf("plan.json");

        var toTerminal = await CliRunner.RunAsync("plan", Retailer, "--format", "json", "--lang", "en");
        var toFile = await CliRunner.RunAsync("plan", Retailer, "--format", "json", "--lang", "en", "--out", output);

        toFile.ExitCode.ShouldBe(ExitCodes.Ok);
        (await File.ReadAllTextAsync(output)).Trim().ShouldBe(toTerminal.Output.Trim());
    }

    [Theory]
    [InlineData("table")]
    [InlineData("markdown")]
    public async Task Plan_OutTextFormat_WritesPlainTextWithoutAnsiCodes(string format)
    {
        var output = _temp.PathOf("plan." + format);
        var name = YamlFile.Text(YamlFile.Load(Retailer), "enterprise", "name");

        var run = await CliRunner.RunAsync("plan", Retailer, "--format", format, "--lang", "en", "--out", output);

        run.ExitCode.ShouldBe(ExitCodes.Ok);
        var text = await File.ReadAllTextAsync(output);
        text.ShouldContain(name);
        text.ShouldContain("Network marketing manager");
        text.ShouldNotContain("\u001b[");
    }

    [Fact]
    public async Task Plan_OutWithInvalidProfile_WritesNothing()
    {
        var profile = _temp.Write("bad.yaml", BracketProfile.Replace("kind: network-oriented", "kind: spaceship", StringComparison.Ordinal));
        var output = _temp.PathOf("plan.json");

        var run = await CliRunner.RunAsync("plan", profile, "--format", "json", "--lang", "en", "--out", output);

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        File.Exists(output).ShouldBeFalse();
        run.Output.ShouldContain("enterprise.kind");
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Plan_OutIntoMissingFolder_ExitsTwoWithMessage()
    {
        var output = _temp.PathOf(Path.Combine("no-such-folder", "plan.json"));

        var run = await CliRunner.RunAsync("plan", Retailer, "--format", "json", "--lang", "en", "--out", output);

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain("Cannot write");
        run.Output.ShouldContain(output);
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Plan_MissingProfileFile_ExitsTwoNamingTheFile()
    {
        var missing = _temp.PathOf("does-not-exist.yaml");

        var run = await CliRunner.RunAsync("plan", missing, "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain("not found");
        run.Output.ShouldContain(missing);
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Plan_MissingProfileFileInChinese_ExitsTwoWithChineseMessage()
    {
        var missing = _temp.PathOf("does-not-exist.yaml");

        var run = await CliRunner.RunAsync("plan", missing, "--lang", "zh");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain("找不到");
        run.Output.ShouldContain(missing);
    }

    private static async Task<List<string>> PostTitlesAsync(string profile, string language)
    {
        var run = await CliRunner.RunAsync("plan", profile, "--format", "json", "--lang", language);
        run.ExitCode.ShouldBe(ExitCodes.Ok);
        return JsonNode.Parse(run.Output)!["posts"]!.AsArray().Select(p => p!["title"]!.GetValue<string>()).ToList();
    }
}
