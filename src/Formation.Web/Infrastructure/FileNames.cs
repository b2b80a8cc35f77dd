namespace Formation.Web.Infrastructure;

/// <summary>Download file names that are safe on every system but keep Chinese names readable.</summary>
public static class FileNames
{
    public static string Safe(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var invalid = Path.GetInvalidFileNameChars().Concat(['"', '\'', ';', ',']).ToHashSet();
        var cleaned = new string([.. name.Select(c => invalid.Contains(c) || char.IsControl(c) ? '-' : c)]).Trim(' ', '.', '-');
        return cleaned.Length == 0 ? "formation" : cleaned[..Math.Min(cleaned.Length, 80)];
    }
}
