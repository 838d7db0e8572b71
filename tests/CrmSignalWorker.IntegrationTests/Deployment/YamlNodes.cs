using YamlDotNet.RepresentationModel;

namespace CrmSignalWorker.IntegrationTests.Deployment;

/// <summary>Navigation over YAML trees whose shape is not a Kubernetes kind: Chart.yaml, values.yaml, the compose file.</summary>
internal static class YamlNodes
{
    public static YamlMappingNode LoadMapping(string yaml, string source)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents is [{ RootNode: YamlMappingNode root }]
            ? root
            : throw new InvalidDataException($"{source}: expected one YAML document holding a mapping");
    }

    public static YamlNode? Child(this YamlNode node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static YamlMappingNode? Mapping(this YamlNode node, string key) => node.Child(key) as YamlMappingNode;

    public static string? Scalar(this YamlNode node, string key) => (node.Child(key) as YamlScalarNode)?.Value;

    public static IEnumerable<string> Strings(this YamlNode node, string key) =>
        node.Child(key) is YamlSequenceNode sequence ? sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "") : [];

    public static IEnumerable<string> Keys(this YamlMappingNode node) => node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "");

    /// <summary>
    /// Dotted paths of the values a person sets: scalars, lists (as a whole) and empty maps. A map with entries
    /// is a group, not a value.
    /// </summary>
    public static IEnumerable<string> ValuePaths(YamlMappingNode node, string prefix = "")
    {
        foreach (var (key, child) in node.Children)
        {
            var path = prefix.Length == 0 ? ((YamlScalarNode)key).Value! : prefix + "." + ((YamlScalarNode)key).Value;
            if (child is YamlMappingNode { Children.Count: > 0 } map)
            {
                foreach (var nested in ValuePaths(map, path))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return path;
            }
        }
    }
}
