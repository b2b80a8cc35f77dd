using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Formation.Cli.Tests.Support;

/// <summary>Reads values out of input YAML files, so tests compare output with their inputs instead of with copied numbers.</summary>
internal static class YamlFile
{
    public static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = File.OpenText(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static YamlNode At(YamlMappingNode root, params string[] keys)
    {
        YamlNode node = root;
        foreach (var key in keys)
        {
            node = ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
        }

        return node;
    }

    public static string Text(YamlMappingNode root, params string[] keys) => ((YamlScalarNode)At(root, keys)).Value!;

    public static decimal Decimal(YamlMappingNode root, params string[] keys) =>
        decimal.Parse(Text(root, keys), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static double Double(YamlMappingNode root, params string[] keys) =>
        double.Parse(Text(root, keys), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static IReadOnlyList<string> Strings(YamlMappingNode root, params string[] keys) =>
        ((YamlSequenceNode)At(root, keys)).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
}
