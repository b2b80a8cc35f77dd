namespace Formation.Cli.Tests.Support;

/// <summary>An independent implementation of the PRODUCT §4 formulas, to check the CLI's answers against.</summary>
internal static class ErlangReference
{
    /// <summary>Service level SL(t) = 1 − Pw·e^(−(N − A)·t / AHT), with Erlang B by recursion; 0 when N ≤ A.</summary>
    public static double ServiceLevel(double traffic, int agents, double handleSeconds, double targetSeconds)
    {
        if (agents <= traffic)
        {
            return 0;
        }

        var blocking = 1.0;
        for (var k = 1; k <= agents; k++)
        {
            blocking = traffic * blocking / (k + (traffic * blocking));
        }

        var probabilityOfWait = agents * blocking / (agents - (traffic * (1 - blocking)));
        return 1 - (probabilityOfWait * Math.Exp(-(agents - traffic) * targetSeconds / handleSeconds));
    }
}
