using System.Text;

namespace Formation.Web.Tests.Support;

/// <summary>The example profile the web tests plan with, and variations of it.</summary>
public static class Profiles
{
    /// <summary>examples/retailer.yaml: 6 people (management 1, platform 2, promotion 3), ¥900,000 a year.</summary>
    public static string Retailer { get; } = File.ReadAllText(RepositoryPaths.Example("retailer.yaml"));

    public const string RetailerEnterpriseName = "山茶云 Tea Co.";

    public const decimal RetailerHeadcount = 6;

    /// <summary>The retailer with 40 content pieces a week instead of 10: promotion grows to 8, 11 people in all.</summary>
    public static string RetailerWithMoreContent { get; } = WithContentPieces(40);

    public const decimal RetailerWithMoreContentHeadcount = 11;

    public static string WithContentPieces(int perWeek)
    {
        const string original = "contentPiecesPerWeek: 10";
        Retailer.ShouldContain(original);
        return Retailer.Replace(original, $"contentPiecesPerWeek: {perWeek}", StringComparison.Ordinal);
    }

    public static byte[] Bytes(string yaml) => Encoding.UTF8.GetBytes(yaml);
}
