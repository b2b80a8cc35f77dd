using BenchmarkDotNet.Attributes;
using Formation.Domain.Planning;
using Formation.Domain.Playbooks;
using Formation.Domain.Profiles;

namespace Formation.Benchmarks;

/// <summary>
/// PRODUCT §6: "blueprint for the example profile under 1 ms in-process".
/// The profile text is read from disk once in setup; the shipped playbook library is loaded once
/// (it is a process-wide lazy singleton), so the timings cover parsing and planning only.
/// </summary>
[Config(typeof(BenchConfig))]
public class BlueprintBenchmarks
{
    private string _retailerPath = "";
    private string _retailerText = "";
    private EnterpriseProfile _retailer = null!;
    private EnterpriseProfile _b2bLeads = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ = PlaybookLibrary.Shipped;
        _retailerPath = RepoFiles.PathOf(Path.Combine("examples", "retailer.yaml"));
        _retailerText = File.ReadAllText(_retailerPath);
        _retailer = RepoFiles.ReadProfile(_retailerText, _retailerPath);

        var b2bPath = RepoFiles.PathOf(Path.Combine("examples", "b2b-leads.yaml"));
        _b2bLeads = RepoFiles.ReadProfile(File.ReadAllText(b2bPath), b2bPath);

        // The b2b example is meant to exercise Erlang C inside the plan; make sure it still does.
        if (BlueprintEngine.Plan(_b2bLeads, PlaybookLibrary.Shipped).Consulting is null)
        {
            throw new InvalidOperationException($"{b2bPath} no longer plans an in-house consulting desk, so Erlang C would not run.");
        }
    }

    /// <summary>Planning only: the parsed retailer profile to a blueprint.</summary>
    [Benchmark(Baseline = true)]
    public Blueprint PlanRetailer() => BlueprintEngine.Plan(_retailer, PlaybookLibrary.Shipped);

    /// <summary>End to end in-process: retailer YAML text → validated profile → blueprint.</summary>
    [Benchmark]
    public Blueprint ParseAndPlanRetailer() =>
        BlueprintEngine.Plan(RepoFiles.ReadProfile(_retailerText, _retailerPath), PlaybookLibrary.Shipped);

    /// <summary>Planning only: the b2b-leads profile, whose in-house consulting desk is sized with Erlang C.</summary>
    [Benchmark]
    public Blueprint PlanB2bLeads() => BlueprintEngine.Plan(_b2bLeads, PlaybookLibrary.Shipped);
}
