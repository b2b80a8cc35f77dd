using System.Globalization;

namespace Formation.Domain.Text;

/// <summary>
/// Runs the engine's text building under the invariant culture, so "0.5 people" and "80%" read the
/// same on every machine and the same profile always gives the same blueprint. Messages are written
/// with plain interpolation for legibility; this scope is what makes their numbers culture-free.
/// </summary>
internal static class InvariantCulture
{
    public static T Run<T>(Func<T> work)
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return work();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}

/// <summary>Small helpers for English text built from names.</summary>
internal static class English
{
    /// <summary>"Promotion" → "promotion" mid-sentence, but "PR and public opinion" and "IT support" keep their capitals.</summary>
    public static string Mid(this string name) =>
        name.Length > 1 && char.IsUpper(name[0]) && char.IsLower(name[1]) ? char.ToLowerInvariant(name[0]) + name[1..] : name;

    /// <summary>"1 person", "2 people", "0.5 people".</summary>
    public static string People(decimal count) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:0.#} {(count == 1 ? "person" : "people")}");
}
