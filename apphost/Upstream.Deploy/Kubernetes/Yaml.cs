using YamlDotNet.Serialization;

namespace Upstream.Deploy.Kubernetes;

/// <summary>A Kubernetes object as YAML sees it: ordered maps, lists, strings and numbers.</summary>
internal static class Yaml
{
    // Strings that YAML would read as numbers or booleans ("5101", "true") are quoted: ConfigMap and env values must stay strings.
    private static readonly ISerializer Serializer = new SerializerBuilder().WithQuotingNecessaryStrings().Build();

    public static Dictionary<string, object> Map(params (string Key, object Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value);

    public static string Documents(IEnumerable<Dictionary<string, object>> documents) =>
        string.Join("---\n", documents.Select(Serializer.Serialize));
}
