using BenchmarkDotNet.Running;

namespace Formation.Benchmarks;

public static class Program
{
    /// <summary>Runs the benchmarks chosen by the command line (e.g. <c>--filter '*'</c>); 1 when any of them failed.</summary>
    public static int Main(string[] args)
    {
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        return failed ? 1 : 0;
    }
}
