using System.Reflection;
using Formation.Domain.Text;

namespace Formation.Domain.DataImport;

/// <summary>The mappings shipped in <c>mappings/</c> (embedded in this assembly): Formation's own template and the export shapes of common platforms.</summary>
public static class ShippedMappings
{
    /// <summary>The name of Formation's own import template.</summary>
    public const string StandardName = "formation-standard";

    private const string Prefix = "Formation.Domain.mappings.";

    private static readonly Lazy<IReadOnlyList<ImportMapping>> s_all = new(Load);

    /// <summary>Every shipped mapping, by name.</summary>
    public static IReadOnlyList<ImportMapping> All => s_all.Value;

    /// <summary>Formation's own template.</summary>
    public static ImportMapping Standard => Find(StandardName)!;

    /// <summary>The shipped mapping named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static ImportMapping? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(m => string.Equals(m.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The text of the shipped file for <paramref name="name"/>, for showing or copying as a starting point; null when there is none.</summary>
    public static string? FileText(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var resource = Prefix + name.Trim().ToLowerInvariant() + ".yaml";
        return Assembly.GetManifestResourceNames().Contains(resource, StringComparer.Ordinal) ? ReadResource(resource) : null;
    }

    private static Assembly Assembly => typeof(ShippedMappings).Assembly;

    private static List<ImportMapping> Load()
    {
        var mappings = new List<ImportMapping>();
        var errors = new List<string>();
        foreach (var resource in Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var file = "mappings/" + resource[Prefix.Length..];
            var result = MappingReader.Read(ReadResource(resource), file);
            if (!result.IsValid)
            {
                errors.AddRange(result.Errors.Select(e => e.Format(Language.En)));
            }
            else if (!file.EndsWith("/" + result.Value!.Name + ".yaml", StringComparison.Ordinal))
            {
                errors.Add($"{file}: the name \"{result.Value.Name}\" must match the file name.");
            }
            else
            {
                mappings.Add(result.Value);
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The shipped mappings are invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }

        return mappings;
    }

    private static string ReadResource(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
