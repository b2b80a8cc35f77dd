namespace Formation.Web.Tests.Support;

/// <summary>
/// The databases every web test runs against: SQLite always, PostgreSQL when FORMATION_TEST_POSTGRES holds
/// an administrator connection string (scripts/postgres-test.sh start prints one).
/// </summary>
public static class TestProviders
{
    public const string PostgresVariable = "FORMATION_TEST_POSTGRES";

    public static string? PostgresAdmin =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>"sqlite", and "postgres" when configured.</summary>
    public static IReadOnlyList<string> Names => PostgresAdmin is null ? ["sqlite"] : ["sqlite", "postgres"];

    /// <summary><see cref="Names"/> for <c>[MemberData]</c>.</summary>
    public static TheoryData<string> All => [.. Names];

    /// <summary>Every provider with every one of <paramref name="values"/>.</summary>
    public static TheoryData<string, T> With<T>(params T[] values)
    {
        var data = new TheoryData<string, T>();
        foreach (var provider in Names)
        {
            foreach (var value in values)
            {
                data.Add(provider, value);
            }
        }

        return data;
    }
}
