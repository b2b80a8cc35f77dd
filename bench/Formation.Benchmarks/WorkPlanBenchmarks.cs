using BenchmarkDotNet.Attributes;
using Formation.Domain.Planning;
using Formation.Domain.Playbooks;
using Formation.Domain.WorkPlans;

namespace Formation.Benchmarks;

/// <summary>
/// The work-plan target: "generating the work plan for the largest example under 200 ms". The largest
/// example by activities and posts is the mismatched-team retailer; the horizon is half a year of dated tasks.
/// </summary>
[Config(typeof(BenchConfig))]
public class WorkPlanBenchmarks
{
    private Blueprint _blueprint = null!;
    private WorkPlanOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = RepoFiles.PathOf(Path.Combine("examples", "mismatched-team.yaml"));
        _blueprint = BlueprintEngine.Plan(RepoFiles.ReadProfile(File.ReadAllText(path), path), PlaybookLibrary.Shipped);
        _options = new WorkPlanOptions(new DateOnly(2026, 11, 23), HorizonWeeks: 26);
    }

    /// <summary>All projects and dated tasks for 26 weeks.</summary>
    [Benchmark]
    public WorkPlan GenerateLargestExample() => WorkPlanGenerator.Generate(_blueprint, PlaybookLibrary.Shipped, _options);
}
