using Formation.Domain.DataImport;
using Formation.Domain.Text;

namespace Formation.Application.Features.Data;

/// <summary>The mappings an import can use: the organisation's saved ones first, then the shipped ones.</summary>
public static class MappingCatalog
{
    /// <summary>Formation's own template: one column per field, UTF-8, yyyy-MM-dd.</summary>
    public static ImportMapping Standard { get; } = new(
        "formation-standard",
        new LocalizedText("Formation 标准模板", "Formation standard template"),
        null,
        null,
        0,
        ["yyyy-MM-dd"],
        NumberFormat.Standard,
        Enum.GetValues<MetricField>().Where(f => f != MetricField.Currency).ToDictionary(f => f, f => FieldSource.FromColumn(MetricFields.Id(f))),
        []);

    /// <summary>A shipped mapping by name, or null.</summary>
    public static ImportMapping? Shipped(string name) =>
        string.Equals(name, Standard.Name, StringComparison.OrdinalIgnoreCase) ? Standard : null;
}
