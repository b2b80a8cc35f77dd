using BenchmarkDotNet.Attributes;
using Formation.Domain.Staffing;

namespace Formation.Benchmarks;

/// <summary>
/// PRODUCT §6: "Erlang C agents for 1,000 erlangs under 20 µs". A one-hour interval with a 180 s
/// handle time, so the offered load is contacts ÷ 20 erlangs; service level 80 % answered within 20 s.
/// </summary>
[Config(typeof(BenchConfig))]
public class ErlangCBenchmarks
{
    private const double IntervalSeconds = 3600;
    private const double AverageHandleSeconds = 180;

    private ErlangCRequest _request = null!;

    /// <summary>Offered load in erlangs.</summary>
    [Params(10, 100, 1000)]
    public int Erlangs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var contacts = Erlangs * IntervalSeconds / AverageHandleSeconds;
        _request = new ErlangCRequest(contacts, IntervalSeconds, AverageHandleSeconds, TargetAnswerSeconds: 20, ServiceLevelTarget: 0.8);
        var result = ErlangC.Solve(_request);
        if (Math.Abs(result.TrafficErlangs - Erlangs) > 1e-9 || result.Agents <= Erlangs)
        {
            throw new InvalidOperationException($"Unexpected solve for {Erlangs} erlangs: {result}.");
        }
    }

    /// <summary>The smallest number of agents meeting 80/20 for the load.</summary>
    [Benchmark]
    public ErlangCResult Solve() => ErlangC.Solve(_request);
}
