using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;

namespace Formation.Benchmarks;

/// <summary>
/// One short job sized for a 2-core machine: one process launch, a few warm-ups and ten measured
/// iterations, enough for a stable mean on sub-millisecond work while the suite finishes in minutes.
/// Memory is measured and a full JSON report is written for bench/run.sh to compare with the targets.
/// </summary>
public class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        AddJob(Job.Default
            .WithId("Short")
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddExporter(JsonExporter.Full);
    }
}
