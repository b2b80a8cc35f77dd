using Formation.Domain.Staffing;

namespace Formation.Domain.Tests.Staffing;

public class ErlangCTests
{
    // PRODUCT §4 reference; the same figures are printed in the README of the CRAN package ErlangC 0.1.0
    // (https://stat.ethz.ch/CRAN/web/packages/ErlangC/readme/README.html): agents 14, service_level 0.88835,
    // wait_probability 0.1741319, ASA 7.83593701177724 s, occupancy 0.7142857.
    [Fact]
    public void Solve_ProductReference_Gives14AgentsAndPublishedMetrics()
    {
        var result = ErlangC.Solve(new ErlangCRequest(100, 30 * 60, 180, 20, 0.8));

        result.TrafficErlangs.ShouldBe(10, 1e-12);
        result.Agents.ShouldBe(14);
        result.ServiceLevel.ShouldBe(0.88835, 5e-6);
        result.AsaSeconds.ShouldBe(7.83593701177724, 1e-9);
        result.ProbabilityOfWait.ShouldBe(0.1741319, 5e-8);
        result.Occupancy.ShouldBe(0.7142857, 5e-8);
    }

    // Same CRAN README, its "process" table: with 11 agents wait_probability 0.6821182 and service_level 0.3896138,
    // and 13 agents fall short of 80 % (0.7956) so 14 is the minimum.
    [Theory]
    [InlineData(11, 0.6821182, 0.3896138)]
    [InlineData(12, 0.449388, 0.640158)]
    [InlineData(13, 0.285270, 0.795595)]
    public void Evaluate_CranProcessTable_MatchesPublishedRows(int agents, double pw, double serviceLevel)
    {
        var metrics = ErlangC.Evaluate(10, agents, 180, 20);

        metrics.ProbabilityOfWait.ShouldBe(pw, 5e-7);
        metrics.ServiceLevel.ShouldBe(serviceLevel, 5e-7);
    }

    // Jones the Net, "Erlang uplift" (http://www.jonesthenet.com/budgeting/service-levels-erlang/erlang-uplift/):
    // 250 calls an hour at 330 s AHT (22.9 erlangs), 80 % within 30 s → 28 advisors, an uplift of about 22 %.
    [Fact]
    public void Solve_JonesTheNetUplift_Needs28Advisors()
    {
        var result = ErlangC.Solve(new ErlangCRequest(250, 3600, 330, 30, 0.8));

        result.TrafficErlangs.ShouldBe(22.9167, 1e-4);
        result.Agents.ShouldBe(28);
        (result.Agents / result.TrafficErlangs).ShouldBe(1.22, 0.005);
    }

    // Westbay (erlang.com) forum thread "CCXLService", 12 Jan 2021: 57 calls an hour, AHT 1,110 s, 21 agents,
    // 180 s threshold → service level 80.7 %; at a 20 s threshold, 80 % needs 23 agents instead of 21.
    [Fact]
    public void Evaluate_WestbayForumExample_Gives80Point7PercentAndNeeds23At20Seconds()
    {
        var traffic = ErlangC.Traffic(57, 3600, 1110);

        ErlangC.Evaluate(traffic, 21, 1110, 180).ServiceLevel.ShouldBe(0.807, 0.0005);
        ErlangC.Solve(new ErlangCRequest(57, 3600, 1110, 20, 0.8)).Agents.ShouldBe(23);
    }

    // Erlang C calculator (http://personal.telefonica.terra.es/web/vr/erlang/eng/mcerlc.htm): 600 calls an hour
    // of 120 s (20 erlangs); a 15 % delay probability needs 26 circuits, and 30 circuits give 2.5 %.
    [Fact]
    public void Evaluate_TelefonicaCalculator_MatchesDelayProbabilities()
    {
        ErlangC.Evaluate(20, 25, 120, 0).ProbabilityOfWait.ShouldBeGreaterThan(0.15);
        ErlangC.Evaluate(20, 26, 120, 0).ProbabilityOfWait.ShouldBe(0.1434, 0.00005);
        ErlangC.Evaluate(20, 30, 120, 0).ProbabilityOfWait.ShouldBe(0.025, 0.0005);
    }

    // CodingAce "M/M/2 Queue Calculator" (https://codingace.net/tm/m_m_2_queue.html), μ = 5/h (AHT 720 s):
    // λ = 4, 7, 8.5 /h → Wq = 0.0381, 0.1922, 0.5207 h.
    [Theory]
    [InlineData(4, 0.0381)]
    [InlineData(7, 0.1922)]
    [InlineData(8.5, 0.5207)]
    public void Evaluate_TwoServerQueue_MatchesPublishedWaitingTimes(double arrivalsPerHour, double wqHours)
    {
        var traffic = ErlangC.Traffic(arrivalsPerHour, 3600, 720);

        var metrics = ErlangC.Evaluate(traffic, 2, 720, 0);

        (metrics.AsaSeconds / 3600).ShouldBe(wqHours, 0.00005);
    }

    // M/M/1: the probability of waiting equals the utilisation ρ, and P(W > t) = ρ·e^(−μ(1−ρ)t).
    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public void Evaluate_OneAgent_MatchesMM1ClosedForm(double rho)
    {
        var metrics = ErlangC.Evaluate(rho, 1, 100, 30);

        metrics.ProbabilityOfWait.ShouldBe(rho, 1e-12);
        metrics.ServiceLevel.ShouldBe(1 - (rho * Math.Exp(-(1 - rho) * 30 / 100)), 1e-12);
    }

    // M/M/2 with ρ = A/2: Pw = 2ρ² / (1 + ρ).
    [Theory]
    [InlineData(0.25)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void Evaluate_TwoAgents_MatchesMM2ClosedForm(double rho)
    {
        var metrics = ErlangC.Evaluate(2 * rho, 2, 60, 10);

        metrics.ProbabilityOfWait.ShouldBe(2 * rho * rho / (1 + rho), 1e-12);
    }

    // Halfin & Whitt, "Heavy-traffic limits for queues with many exponential servers", Operations Research
    // 29(3), 1981: with N = A + β√A agents, Pw → 1 / (1 + β·Φ(β)/φ(β)) as A grows. At A = 10⁶ the recursion
    // must be stable and within about 2·10⁻⁴ of the limit.
    [Theory]
    [InlineData(0.5, 0.50454)]
    [InlineData(1.0, 0.22336)]
    [InlineData(2.0, 0.02688)]
    public void Evaluate_MillionErlangs_ApproachesHalfinWhittLimit(double beta, double limit)
    {
        const double Traffic = 1_000_000;
        var agents = (int)(Traffic + (beta * Math.Sqrt(Traffic)));

        var metrics = ErlangC.Evaluate(Traffic, agents, 180, 20);

        metrics.ProbabilityOfWait.ShouldBe(limit, 2e-4);
        double.IsFinite(metrics.ServiceLevel).ShouldBeTrue();
    }

    [Fact]
    public void Solve_FiveThousandErlangs_StaysFiniteAndMeetsTarget()
    {
        var result = ErlangC.Solve(new ErlangCRequest(100_000, 3600, 180, 20, 0.8));

        result.TrafficErlangs.ShouldBe(5000, 1e-9);
        result.Agents.ShouldBeGreaterThan(5000);
        result.Agents.ShouldBeLessThan(5200);
        result.ServiceLevel.ShouldBeGreaterThanOrEqualTo(0.8);
        double.IsFinite(result.AsaSeconds).ShouldBeTrue();
        double.IsFinite(result.ProbabilityOfWait).ShouldBeTrue();
        result.ProbabilityOfWait.ShouldBeInRange(0, 1);
        ErlangC.Evaluate(result.TrafficErlangs, result.Agents - 1, 180, 20).ServiceLevel.ShouldBeLessThan(0.8);
    }

    [Fact]
    public void Solve_MoreContacts_NeverFewerAgents()
    {
        var previous = 0;
        for (var contacts = 0; contacts <= 3000; contacts += 7)
        {
            var agents = ErlangC.Solve(new ErlangCRequest(contacts, 1800, 180, 20, 0.8)).Agents;
            agents.ShouldBeGreaterThanOrEqualTo(previous, $"at {contacts} contacts");
            previous = agents;
        }
    }

    [Fact]
    public void Solve_HigherServiceLevel_NeverFewerAgents()
    {
        foreach (var contacts in new[] { 5, 100, 2000, 60_000 })
        {
            var previous = 0;
            for (var level = 0.05; level < 0.995; level += 0.05)
            {
                var agents = ErlangC.Solve(new ErlangCRequest(contacts, 1800, 180, 20, level)).Agents;
                agents.ShouldBeGreaterThanOrEqualTo(previous, $"at {contacts} contacts, target {level:0.00}");
                previous = agents;
            }
        }
    }

    [Fact]
    public void Solve_AgentsFound_IsTheSmallestMeetingTheTarget()
    {
        foreach (var contacts in new[] { 3, 40, 100, 777 })
        {
            var result = ErlangC.Solve(new ErlangCRequest(contacts, 1800, 240, 30, 0.9));
            var fewer = result.Agents - 1;
            if (fewer > result.TrafficErlangs)
            {
                ErlangC.Evaluate(result.TrafficErlangs, fewer, 240, 30).ServiceLevel.ShouldBeLessThan(0.9);
            }

            result.ServiceLevel.ShouldBeGreaterThanOrEqualTo(0.9);
        }
    }

    [Fact]
    public void Solve_Shrinkage_RoundsPositionsUp()
    {
        var result = ErlangC.Solve(new ErlangCRequest(100, 1800, 180, 20, 0.8, Shrinkage: 0.3));

        result.Agents.ShouldBe(14);
        result.Positions.ShouldBe(20); // ⌈14 / 0.7⌉
    }

    [Fact]
    public void Solve_OccupancyCap_AddsAgentsUntilBelowCap()
    {
        var result = ErlangC.Solve(new ErlangCRequest(100, 1800, 180, 20, 0.8, MaxOccupancy: 0.65));

        result.Agents.ShouldBe(16); // 10/15 = 0.667 > 0.65, 10/16 = 0.625
        result.Occupancy.ShouldBeLessThanOrEqualTo(0.65);
    }

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 1.7)]
    [InlineData(3, 2.5)]
    [InlineData(4, 2.9)]
    [InlineData(5, 3.5)]
    public void ConcurrencyFactor_ProductTable(int chats, double factor) =>
        ErlangC.ConcurrencyFactor(chats).ShouldBe(factor);

    [Fact]
    public void Solve_ConcurrentChats_DividesHandleTime()
    {
        var result = ErlangC.Solve(new ErlangCRequest(100, 1800, 180, 20, 0.8, ConcurrentChats: 3));

        result.EffectiveHandleSeconds.ShouldBe(72, 1e-12);
        result.TrafficErlangs.ShouldBe(4, 1e-12);
        result.Agents.ShouldBeLessThan(14);
    }

    [Fact]
    public void Solve_NoContacts_NeedsNoAgents()
    {
        var result = ErlangC.Solve(new ErlangCRequest(0, 1800, 180, 20, 0.8));

        result.Agents.ShouldBe(0);
        result.ServiceLevel.ShouldBe(1);
    }

    [Theory]
    [InlineData(-1, 1800, 180, 20, 0.8, 0, 1)]
    [InlineData(10, 0, 180, 20, 0.8, 0, 1)]
    [InlineData(10, 1800, 0, 20, 0.8, 0, 1)]
    [InlineData(10, 1800, 180, -5, 0.8, 0, 1)]
    [InlineData(10, 1800, 180, 20, 1.0, 0, 1)]
    [InlineData(10, 1800, 180, 20, 0, 0, 1)]
    [InlineData(10, 1800, 180, 20, 0.8, 1.0, 1)]
    [InlineData(10, 1800, 180, 20, 0.8, 0, 6)]
    [InlineData(double.NaN, 1800, 180, 20, 0.8, 0, 1)]
    public void Solve_InvalidInput_ThrowsNamingTheProblem(double contacts, double interval, double aht, double target, double level, double shrinkage, int chats)
    {
        var ex = Should.Throw<ArgumentOutOfRangeException>(() =>
            ErlangC.Solve(new ErlangCRequest(contacts, interval, aht, target, level, shrinkage, null, chats)));

        ex.Message.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Evaluate_TooFewAgents_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => ErlangC.Evaluate(10, 10, 180, 20));

    [Fact]
    public void ServiceLevelWith_TooFewAgents_IsZero() =>
        ErlangC.ServiceLevelWith(10, 9, 180, 20).ShouldBe(0);
}
