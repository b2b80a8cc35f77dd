namespace Formation.Domain.Staffing;

/// <summary>What a consulting desk must handle in one interval and the service it promises.</summary>
/// <param name="Contacts">Contacts (chats, calls) arriving in the interval.</param>
/// <param name="IntervalSeconds">Length of the interval.</param>
/// <param name="AverageHandleSeconds">Average handle time of one contact by one agent working one contact at a time.</param>
/// <param name="TargetAnswerSeconds">The answer-time threshold of the service level ("80 % within 20 s": 20).</param>
/// <param name="ServiceLevelTarget">Share of contacts to answer within the threshold, 0 &lt; target &lt; 1.</param>
/// <param name="Shrinkage">Share of paid time not available for contacts (breaks, training, absence), 0 ≤ s &lt; 1.</param>
/// <param name="MaxOccupancy">Optional cap on agent occupancy, 0 &lt; cap ≤ 1.</param>
/// <param name="ConcurrentChats">Chats one agent handles at once (1–5); 1 for calls.</param>
public sealed record ErlangCRequest(
    double Contacts,
    double IntervalSeconds,
    double AverageHandleSeconds,
    double TargetAnswerSeconds,
    double ServiceLevelTarget,
    double Shrinkage = 0,
    double? MaxOccupancy = null,
    int ConcurrentChats = 1);

/// <summary>The queue's behaviour with a given number of agents.</summary>
/// <param name="TrafficErlangs">Offered load A in erlangs.</param>
/// <param name="Agents">Agents on duty, N.</param>
/// <param name="ServiceLevel">Share of contacts answered within the target time.</param>
/// <param name="AsaSeconds">Average speed of answer.</param>
/// <param name="ProbabilityOfWait">Probability that a contact waits at all (Erlang C).</param>
/// <param name="Occupancy">Share of agents' time busy with contacts, A / N.</param>
public sealed record ErlangCMetrics(
    double TrafficErlangs,
    int Agents,
    double ServiceLevel,
    double AsaSeconds,
    double ProbabilityOfWait,
    double Occupancy);

/// <summary>The staffing answer: the smallest number of agents that meets the targets.</summary>
/// <param name="TrafficErlangs">Offered load A in erlangs.</param>
/// <param name="EffectiveHandleSeconds">Handle time after the chat-concurrency factor.</param>
/// <param name="Agents">Agents needed on duty, N.</param>
/// <param name="Positions">People to schedule, ⌈N / (1 − shrinkage)⌉.</param>
/// <param name="ServiceLevel">Service level achieved with <paramref name="Agents"/>.</param>
/// <param name="AsaSeconds">Average speed of answer with <paramref name="Agents"/>.</param>
/// <param name="ProbabilityOfWait">Probability of waiting with <paramref name="Agents"/>.</param>
/// <param name="Occupancy">Occupancy with <paramref name="Agents"/>.</param>
public sealed record ErlangCResult(
    double TrafficErlangs,
    double EffectiveHandleSeconds,
    int Agents,
    int Positions,
    double ServiceLevel,
    double AsaSeconds,
    double ProbabilityOfWait,
    double Occupancy);

/// <summary>
/// Erlang C staffing (PRODUCT §4). Erlang B is computed by its recursion, which stays within
/// [0, 1] for any load, so there are no factorials or powers to overflow at thousands of erlangs;
/// the search for N reuses each step of the recursion, so the whole solve is linear in N.
/// </summary>
public static class ErlangC
{
    private const int MaxAgents = 10_000_000;

    /// <summary>
    /// How many chats' worth of work one consultant gets through when handling 1–5 chats at once
    /// (PRODUCT §4): effective handle time is AHT divided by this factor.
    /// </summary>
    public static double ConcurrencyFactor(int concurrentChats) => concurrentChats switch
    {
        1 => 1.0,
        2 => 1.7,
        3 => 2.5,
        4 => 2.9,
        5 => 3.5,
        _ => throw new ArgumentOutOfRangeException(nameof(concurrentChats), concurrentChats, "Concurrent chats must be between 1 and 5."),
    };

    /// <summary>Offered load in erlangs: contacts × handle time ÷ interval length.</summary>
    public static double Traffic(double contacts, double intervalSeconds, double handleSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(contacts);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalSeconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(handleSeconds);
        return contacts * handleSeconds / intervalSeconds;
    }

    /// <summary>Erlang B blocking probability for <paramref name="agents"/> servers offered <paramref name="traffic"/> erlangs.</summary>
    public static double ErlangB(double traffic, int agents)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(traffic);
        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        var b = 1.0;
        for (var k = 1; k <= agents; k++)
        {
            b = traffic * b / (k + (traffic * b));
        }

        return b;
    }

    /// <summary>The queue's service level, ASA, probability of waiting and occupancy with a given number of agents.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When the agents cannot carry the load (N ≤ A), so the queue grows without bound.</exception>
    public static ErlangCMetrics Evaluate(double traffic, int agents, double handleSeconds, double targetAnswerSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(handleSeconds);
        ArgumentOutOfRangeException.ThrowIfNegative(targetAnswerSeconds);
        if (traffic == 0)
        {
            return new ErlangCMetrics(0, agents, 1, 0, 0, 0);
        }

        if (agents <= traffic)
        {
            throw new ArgumentOutOfRangeException(nameof(agents), agents, $"{agents} agents cannot carry {traffic:0.###} erlangs: the queue would grow without bound.");
        }

        return Metrics(traffic, agents, ErlangB(traffic, agents), handleSeconds, targetAnswerSeconds);
    }

    /// <summary>
    /// The service level reached with <paramref name="agents"/>, or 0 when they cannot carry the load;
    /// for "what does the team we have achieve" questions.
    /// </summary>
    public static double ServiceLevelWith(double traffic, int agents, double handleSeconds, double targetAnswerSeconds) =>
        traffic > 0 && agents <= traffic ? 0 : Evaluate(traffic, agents, handleSeconds, targetAnswerSeconds).ServiceLevel;

    /// <summary>The smallest number of agents N &gt; A meeting the service level (and occupancy cap), and the positions to schedule.</summary>
    public static ErlangCResult Solve(ErlangCRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        var handle = request.AverageHandleSeconds / ConcurrencyFactor(request.ConcurrentChats);
        var traffic = Traffic(request.Contacts, request.IntervalSeconds, handle);
        if (traffic == 0)
        {
            return new ErlangCResult(0, handle, 0, 0, 1, 0, 0, 0);
        }

        // Walk the Erlang B recursion upwards; once N exceeds A, each step is a candidate.
        var b = 1.0;
        for (var n = 1; n <= MaxAgents; n++)
        {
            b = traffic * b / (n + (traffic * b));
            if (n <= traffic)
            {
                continue;
            }

            var metrics = Metrics(traffic, n, b, handle, request.TargetAnswerSeconds);
            if (metrics.ServiceLevel >= request.ServiceLevelTarget &&
                (request.MaxOccupancy is not { } cap || metrics.Occupancy <= cap))
            {
                var positions = (int)Math.Ceiling((n / (1 - request.Shrinkage)) - 1e-9);
                return new ErlangCResult(traffic, handle, n, positions, metrics.ServiceLevel, metrics.AsaSeconds, metrics.ProbabilityOfWait, metrics.Occupancy);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(request), $"A load of {traffic:0.###} erlangs needs more than {MaxAgents} agents.");
    }

    private static ErlangCMetrics Metrics(double traffic, int agents, double erlangB, double handleSeconds, double targetAnswerSeconds)
    {
        var excess = agents - traffic;
        var pw = agents * erlangB / (agents - (traffic * (1 - erlangB)));
        var serviceLevel = 1 - (pw * Math.Exp(-excess * targetAnswerSeconds / handleSeconds));
        var asa = pw * handleSeconds / excess;
        return new ErlangCMetrics(traffic, agents, serviceLevel, asa, pw, traffic / agents);
    }

    private static void Validate(ErlangCRequest r)
    {
        if (!double.IsFinite(r.Contacts) || r.Contacts < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(r), r.Contacts, "Contacts must be zero or more.");
        }

        if (!double.IsFinite(r.IntervalSeconds) || r.IntervalSeconds <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(r), r.IntervalSeconds, "The interval must be longer than zero.");
        }

        if (!double.IsFinite(r.AverageHandleSeconds) || r.AverageHandleSeconds <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(r), r.AverageHandleSeconds, "The average handle time must be longer than zero.");
        }

        if (!double.IsFinite(r.TargetAnswerSeconds) || r.TargetAnswerSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(r), r.TargetAnswerSeconds, "The target answer time must be zero or more.");
        }

        if (!(r.ServiceLevelTarget > 0 && r.ServiceLevelTarget < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(r), r.ServiceLevelTarget, "The service-level target must be between 0 and 1 (exclusive).");
        }

        if (!(r.Shrinkage >= 0 && r.Shrinkage < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(r), r.Shrinkage, "Shrinkage must be at least 0 and below 1.");
        }

        if (r.MaxOccupancy is { } cap && !(cap > 0 && cap <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(r), cap, "The occupancy cap must be above 0 and at most 1.");
        }

        _ = ConcurrencyFactor(r.ConcurrentChats);
    }
}
