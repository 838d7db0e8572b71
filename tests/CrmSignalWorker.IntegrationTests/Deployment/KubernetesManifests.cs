using System.Reflection;
using k8s;
using k8s.Models;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CrmSignalWorker.IntegrationTests.Deployment;

/// <summary>One object of a manifest: where it came from and its model, deserialized strictly.</summary>
internal sealed record KubernetesObject(string Source, string ApiVersion, string Kind, string Name, object Model)
{
    public override string ToString() => $"{Kind} {Name} ({Source})";
}

/// <summary>
/// Reads Kubernetes manifests against the API's schemas as the Kubernetes client's models carry them (generated
/// from the OpenAPI document): an unknown field, a string where a number belongs or a duplicate key fails.
/// </summary>
internal static class KubernetesManifests
{
    private static readonly Lazy<Dictionary<string, Type>> Kinds = new(FindKinds);

    /// <summary>Every non-empty document of <paramref name="yaml"/>; throws naming the document that does not match its schema.</summary>
    public static IReadOnlyList<KubernetesObject> Load(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{source}: not YAML: {ex.Message}", ex);
        }

        var objects = new List<KubernetesObject>();
        foreach (var (document, index) in stream.Documents.Select((d, i) => (d, i + 1)))
        {
            if (document.RootNode is YamlScalarNode { Value: null or "" })
            {
                continue;
            }

            var where = stream.Documents.Count > 1 ? $"{source} document {index}" : source;
            if (document.RootNode is not YamlMappingNode root)
            {
                throw new InvalidDataException($"{where}: a manifest is a mapping");
            }

            var apiVersion = Scalar(root, "apiVersion") ?? throw new InvalidDataException($"{where}: no apiVersion");
            var kind = Scalar(root, "kind") ?? throw new InvalidDataException($"{where}: no kind");
            var name = (root.Children.TryGetValue("metadata", out var metadata) && metadata is YamlMappingNode meta ? Scalar(meta, "name") : null)
                ?? throw new InvalidDataException($"{where}: no metadata.name");
            if (!Kinds.Value.TryGetValue($"{apiVersion}/{kind}", out var type))
            {
                throw new InvalidDataException($"{where}: {apiVersion} {kind} is no kind these tests know the schema of");
            }

            var text = Serialize(document);
            object model;
            try
            {
                model = KubernetesYaml.LoadAllFromString(text, Kinds.Value, strict: true).Single();
            }
            catch (YamlException ex)
            {
                throw new InvalidDataException($"{where} ({kind} {name}) does not match the {apiVersion} {kind} schema: {Describe(ex)}", ex);
            }

            if (type == typeof(ServiceMonitor) && model is ServiceMonitor { Spec: null })
            {
                throw new InvalidDataException($"{where}: ServiceMonitor {name} has no spec");
            }

            objects.Add(new KubernetesObject(where, apiVersion, kind, name, model));
        }

        return objects;
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlScalarNode { Value: { Length: > 0 } text } ? text : null;

    private static string Serialize(YamlDocument document)
    {
        using var writer = new StringWriter();
        new YamlStream(document).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    private static string Describe(YamlException ex) =>
        ex.InnerException is { } inner && ex.Message.StartsWith("Exception during deserialization", StringComparison.Ordinal)
            ? inner.Message
            : ex.Message;

    private static Dictionary<string, Type> FindKinds()
    {
        var kinds = typeof(V1Pod).Assembly.GetTypes()
            .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
            .Where(x => x.Entity is not null)
            .ToDictionary(
                x => (string.IsNullOrEmpty(x.Entity!.Group) ? "" : x.Entity.Group + "/") + x.Entity.ApiVersion + "/" + x.Entity.Kind,
                x => x.Type);
        kinds["monitoring.coreos.com/v1/ServiceMonitor"] = typeof(ServiceMonitor);
        return kinds;
    }
}
