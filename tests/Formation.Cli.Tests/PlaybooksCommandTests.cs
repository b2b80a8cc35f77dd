using Formation.Cli.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Formation.Cli.Tests;

/// <summary><c>formation playbooks list|show</c> and user playbook folders (<c>--playbooks DIR</c>).</summary>
public sealed class PlaybooksCommandTests : IDisposable
{
    private static readonly string[] s_requiredIds = ["search", "platform-retail", "new-media", "content-pr", "lead-generation"];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task PlaybooksList_Shipped_ListsTheFiveRequiredIds()
    {
        var run = await CliRunner.RunAsync("playbooks", "list", "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.Ok);
        foreach (var id in s_requiredIds)
        {
            run.Lines.ShouldContain(l => l.Contains($" {id} ", StringComparison.Ordinal), id);
        }
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    public async Task PlaybooksList_Shipped_ShowsEachPlaybookNameInTheChosenLanguage(string language)
    {
        var run = await CliRunner.RunAsync("playbooks", "list", "--lang", language);

        run.ExitCode.ShouldBe(ExitCodes.Ok);
        foreach (var id in s_requiredIds)
        {
            var name = YamlFile.Text(YamlFile.Load(RepositoryPaths.ShippedPlaybook(id + ".yaml")), "name", language);
            run.Lines.ShouldContain(l => l.Contains($" {id} ", StringComparison.Ordinal) && l.Contains(name, StringComparison.Ordinal), $"{id}: {name}");
        }
    }

    [Theory]
    [InlineData("search")]
    [InlineData("platform-retail")]
    [InlineData("new-media")]
    [InlineData("content-pr")]
    [InlineData("lead-generation")]
    public async Task PlaybooksShow_ShippedId_ShowsEveryActivityId(string id)
    {
        var activityIds = ActivityIds(RepositoryPaths.ShippedPlaybook(id + ".yaml"));

        var run = await CliRunner.RunWithWidthAsync(400, "playbooks", "show", id, "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.Ok);
        activityIds.ShouldNotBeEmpty();
        foreach (var activityId in activityIds)
        {
            run.Output.ShouldContain($"{id}/{activityId}");
        }
    }

    [Fact]
    public async Task PlaybooksShow_UnknownId_ExitsTwoNamingKnownIds()
    {
        var run = await CliRunner.RunAsync("playbooks", "show", "nope", "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain("\"nope\"");
        foreach (var id in s_requiredIds)
        {
            run.Output.ShouldContain(id);
        }

        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task PlaybooksList_UserFileWithShippedId_OverridesTheShippedPlaybook()
    {
        const string OwnName = "Our own PR playbook";
        var shipped = await File.ReadAllTextAsync(RepositoryPaths.ShippedPlaybook("content-pr.yaml"));
        var shippedName = YamlFile.Text(YamlFile.Load(RepositoryPaths.ShippedPlaybook("content-pr.yaml")), "name", "en");
        _temp.Write("content-pr.yaml", shipped.Replace($"en: {shippedName}", $"en: {OwnName}", StringComparison.Ordinal));

        var run = await CliRunner.RunAsync("playbooks", "list", "--lang", "en", "--playbooks", _temp.FullPath);

        run.ExitCode.ShouldBe(ExitCodes.Ok, run.Output);
        run.Lines.Count(l => l.Contains(" content-pr ", StringComparison.Ordinal)).ShouldBe(1);
        run.Lines.ShouldContain(l => l.Contains(" content-pr ", StringComparison.Ordinal) && l.Contains(OwnName, StringComparison.Ordinal));
        run.Output.ShouldNotContain(shippedName);
        foreach (var id in s_requiredIds)
        {
            run.Output.ShouldContain(id);
        }
    }

    [Fact]
    public async Task PlaybooksShow_UserFileWithNewId_IsAvailableBesideTheShippedOnes()
    {
        var shipped = await File.ReadAllTextAsync(RepositoryPaths.ShippedPlaybook("content-pr.yaml"));
        _temp.Write("my-pr.yaml", shipped.Replace("id: content-pr", "id: my-pr", StringComparison.Ordinal));

        var show = await CliRunner.RunWithWidthAsync(400, "playbooks", "show", "my-pr", "--lang", "en", "--playbooks", _temp.FullPath);
        var list = await CliRunner.RunAsync("playbooks", "list", "--lang", "en", "--playbooks", _temp.FullPath);

        show.ExitCode.ShouldBe(ExitCodes.Ok, show.Output);
        show.Output.ShouldContain("my-pr/soft-articles");
        list.ExitCode.ShouldBe(ExitCodes.Ok);
        list.Output.ShouldContain(" my-pr ");
        list.Output.ShouldContain(" content-pr ");
    }

    [Fact]
    public async Task Plan_ProfileUsingUserPlaybook_NeedsThePlaybooksFolder()
    {
        var shipped = await File.ReadAllTextAsync(RepositoryPaths.ShippedPlaybook("content-pr.yaml"));
        var folder = Path.Combine(_temp.FullPath, "playbooks");
        _temp.Write(Path.Combine("playbooks", "my-pr.yaml"), shipped.Replace("id: content-pr", "id: my-pr", StringComparison.Ordinal));
        var profile = _temp.Write("profile.yaml", """
            enterprise:
              name: Own Playbook Co.
              kind: traditional
            strategy:
              models: [my-pr]
            department:
              functions: [promotion, pr]
            volume:
              contentPiecesPerWeek: 2
            """);

        var withFolder = await CliRunner.RunAsync("plan", profile, "--format", "json", "--lang", "en", "--playbooks", folder);
        var withoutFolder = await CliRunner.RunAsync("plan", profile, "--format", "json", "--lang", "en");

        withFolder.ExitCode.ShouldBe(ExitCodes.Ok, withFolder.Output);
        withFolder.Output.ShouldContain("\"my-pr/soft-articles\"");
        withoutFolder.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        withoutFolder.Output.ShouldContain($"{profile}:5:");
        withoutFolder.Output.ShouldContain("strategy.models[0]");
    }

    [Fact]
    public async Task PlaybooksList_UserPlaybookWithUnknownPost_ExitsTwoWithFileAndLine()
    {
        var shipped = await File.ReadAllTextAsync(RepositoryPaths.ShippedPlaybook("content-pr.yaml"));
        var lines = shipped.ReplaceLineEndings("\n").Split('\n');
        var index = Array.FindIndex(lines, l => l.Trim() == "post: copy-planner");
        index.ShouldBeGreaterThanOrEqualTo(0);
        lines[index] = lines[index].Replace("copy-planner", "astronaut", StringComparison.Ordinal);
        var file = _temp.Write("content-pr.yaml", string.Join('\n', lines));

        var run = await CliRunner.RunAsync("playbooks", "list", "--lang", "en", "--playbooks", _temp.FullPath);

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        var reported = run.Lines.Where(l => l.Contains($"{file}:{index + 1}:", StringComparison.Ordinal)).ToList();
        reported.Count.ShouldBe(1, run.Output);
        reported[0].ShouldContain(".post");
        reported[0].ShouldContain("astronaut");
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task Plan_InvalidUserPlaybook_ExitsTwoBeforeReadingTheProfile()
    {
        _temp.Write(Path.Combine("playbooks", "broken.yaml"), "id: broken\nname: { zh: 坏, en: Broken }\nmodules: []\nfrobnicate: true\n");

        var run = await CliRunner.RunAsync("plan", RepositoryPaths.Example("retailer.yaml"), "--lang", "en", "--playbooks", _temp.PathOf("playbooks"));

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain($"{_temp.PathOf(Path.Combine("playbooks", "broken.yaml"))}:4:");
        run.Output.ShouldContain("frobnicate");
        run.ShouldNotShowStackTrace();
    }

    [Fact]
    public async Task PlaybooksList_MissingUserFolder_ExitsTwoNamingIt()
    {
        var missing = _temp.PathOf("no-such-folder");

        var run = await CliRunner.RunAsync("playbooks", "list", "--lang", "en", "--playbooks", missing);

        run.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        run.Output.ShouldContain(missing);
        run.ShouldNotShowStackTrace();
    }

    private static List<string> ActivityIds(string playbookPath)
    {
        var activities = (YamlSequenceNode)YamlFile.At(YamlFile.Load(playbookPath), "activities");
        return activities.Children.Select(a => a[new YamlScalarNode("id")].ToString()).ToList();
    }
}
