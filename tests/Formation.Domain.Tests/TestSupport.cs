using Formation.Domain.Planning;
using Formation.Domain.Playbooks;
using Formation.Domain.Profiles;
using Formation.Domain.Text;

namespace Formation.Domain.Tests;

/// <summary>Paths of the repository the tests run in.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "Formation.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Formation.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Profiles built in code, so each engine test states exactly the inputs it depends on.</summary>
internal static class TestProfiles
{
    public static EnterpriseProfile Network(params string[] models) => new(
        new EnterpriseInfo("Test Co", EnterpriseKind.NetworkOriented, null, "CNY", 100_000m, 40),
        new StrategyInfo(models, null, [], Swot.Empty, []),
        new DepartmentInfo([BusinessFunction.Platform, BusinessFunction.Promotion], ConsultingOwner.Marketing, []),
        new VolumeInfo(),
        OutsourcingInfo.None,
        []);

    public static EnterpriseProfile Traditional(params string[] models) => Network(models) with
    {
        Enterprise = Network(models).Enterprise with { Kind = EnterpriseKind.Traditional },
    };

    public static EnterpriseProfile WithFunctions(this EnterpriseProfile p, params BusinessFunction[] functions) =>
        p with { Department = p.Department with { Functions = functions } };

    public static EnterpriseProfile WithVolume(this EnterpriseProfile p, Func<VolumeInfo, VolumeInfo> change) =>
        p with { Volume = change(p.Volume) };

    public static EnterpriseProfile WithTeam(this EnterpriseProfile p, params TeamMember[] team) => p with { Team = team };

    public static EnterpriseProfile WithGoals(this EnterpriseProfile p, params Goal[] goals) =>
        p with { Strategy = p.Strategy with { Goals = goals } };

    public static EnterpriseProfile WithBudget(this EnterpriseProfile p, decimal budget) =>
        p with { Strategy = p.Strategy with { AnnualBudget = budget } };

    public static EnterpriseProfile WithQuote(this EnterpriseProfile p, BusinessFunction function, decimal quote, bool keepInHouse = false) =>
        p with
        {
            Outsourcing = new OutsourcingInfo(
                new Dictionary<BusinessFunction, decimal>(p.Outsourcing.Quotes) { [function] = quote },
                keepInHouse ? [.. p.Outsourcing.KeepInHouse, function] : p.Outsourcing.KeepInHouse),
        };

    public static Blueprint Plan(this EnterpriseProfile p, PlaybookLibrary? library = null) =>
        BlueprintEngine.Plan(p, library ?? PlaybookLibrary.Shipped);

    public static EnterpriseProfile LoadExample(string name)
    {
        var path = Repo.File("examples", name);
        var result = ProfileReader.Read(System.IO.File.ReadAllText(path), path, PlaybookLibrary.Shipped);
        result.Errors.ShouldBeEmpty(string.Join("\n", result.Errors.Select(e => e.Format(Language.En))));
        return result.Value!;
    }
}

/// <summary>Small playbooks written for one test, added to the shipped library.</summary>
internal static class TestPlaybooks
{
    /// <summary>A library with one extra playbook of a single activity.</summary>
    public static PlaybookLibrary WithActivity(string id, string function, string post, double hoursPerWeek, string kpis = "[mentions]", string skills = "[media-relations]")
    {
        var yaml = $$"""
            id: {{id}}
            name: { zh: 测试, en: Test }
            modules:
              - { id: main, name: { zh: 主要, en: Main } }
            activities:
              - id: work
                module: main
                name: { zh: 工作, en: Work }
                function: {{function}}
                post: {{post}}
                phase: implementation
                skills: {{skills}}
                effort: { hoursPerWeek: {{hoursPerWeek.ToString(System.Globalization.CultureInfo.InvariantCulture)}} }
                cadence: weekly
                kpis: {{kpis}}
                checkpoint:
                  evidence: { zh: 周报, en: Weekly report }
                  frequency: weekly
                  checkedBy: manager
            """;
        var result = PlaybookLibrary.Shipped.With([new SourceText($"user/{id}.yaml", yaml)]);
        result.Errors.ShouldBeEmpty(string.Join("\n", result.Errors.Select(e => e.Format(Language.En))));
        return result.Value!;
    }
}
