using Formation.Application.Data;
using Formation.Domain.DataImport;
using Formation.Domain.Text;

namespace Formation.Application.Features.Data;

/// <summary>The mappings an import can use: the organisation's saved ones first, then the shipped ones (docs/imports.md).</summary>
public static class MappingCatalog
{
    /// <summary>Formation's own template: one column per field, UTF-8, yyyy-MM-dd.</summary>
    public static ImportMapping Standard => ShippedMappings.Standard;

    /// <summary>A shipped mapping by name, or null.</summary>
    public static ImportMapping? Shipped(string name) => ShippedMappings.Find(name);

    /// <summary>
    /// The organisation's saved mapping called <paramref name="name"/>, else the shipped one; null with a problem when
    /// there is none or the saved text no longer reads.
    /// </summary>
    public static (ImportMapping? Mapping, LocalizedText? Problem) Find(DatabaseTarget target, Guid organizationId, string name)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(name);
        using var connection = target.CreateConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT yaml FROM saved_mappings WHERE organization_id = @o AND name = @n";
        command.AddParameter("o", target.Provider.Id(organizationId));
        command.AddParameter("n", name.Trim());
        if (command.ExecuteScalar() is string yaml)
        {
            var read = MappingReader.Read(yaml, name);
            return read.IsValid
                ? (read.Value, null)
                : (null, new($"已保存的映射“{name}”有误：{read.Errors[0].Format(Language.Zh)}", $"The saved mapping \"{name}\" has an error: {read.Errors[0].Format(Language.En)}"));
        }

        return Shipped(name.Trim()) is { } shipped
            ? (shipped, null)
            : (null, new($"没有名为“{name}”的映射；内置映射：{string.Join("、", ShippedMappings.All.Select(m => m.Name))}。",
                $"No mapping named \"{name}\"; shipped mappings: {string.Join(", ", ShippedMappings.All.Select(m => m.Name))}."));
    }
}
