namespace Formation.Domain.Text;

/// <summary>Reading an enum member from text a user or client wrote.</summary>
public static class EnumNames
{
    /// <summary>
    /// Reads a member's name only: <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> alone also takes
    /// numbers ("7"), even ones no member has.
    /// </summary>
    public static bool TryParse<T>(string? text, out T value, bool ignoreCase = true)
        where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase, out value) && Enum.IsDefined(value) && !long.TryParse(text, out _);
}
