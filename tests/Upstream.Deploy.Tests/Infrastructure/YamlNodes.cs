using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Upstream.Deploy.Tests.Infrastructure;

/// <summary>Reading parsed YAML as kubectl would: a plain scalar that looks like a number is a number, anything else a string.</summary>
internal static class YamlNodes
{
    public static IReadOnlyList<YamlMappingNode> Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Select(d => Assert.IsType<YamlMappingNode>(d.RootNode)).ToList();
    }

    public static bool Has(this YamlNode node, string key) => node is YamlMappingNode map && map.Children.ContainsKey(key);

    public static YamlNode At(this YamlNode node, params string[] path) =>
        path.Aggregate(node, (current, key) => Assert.IsType<YamlMappingNode>(current).Children.TryGetValue(key, out var child)
            ? child
            : throw new Xunit.Sdk.XunitException($"No '{key}' in {current.Start}: {string.Join(".", path)}"));

    public static string Text(this YamlNode node) => Assert.IsType<YamlScalarNode>(node).Value ?? "";

    /// <summary>An integer as Kubernetes wants it: a plain (unquoted) YAML integer.</summary>
    public static int Number(this YamlNode node)
    {
        var scalar = Assert.IsType<YamlScalarNode>(node);
        Assert.Equal(ScalarStyle.Plain, scalar.Style);
        return int.Parse(scalar.Value!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A string that stays a string (ConfigMap data, env values): quoted, or plain without reading as a number or boolean.</summary>
    public static bool IsString(this YamlNode node) =>
        node is YamlScalarNode scalar && (scalar.Style != ScalarStyle.Plain
            || !(long.TryParse(scalar.Value, out _) || double.TryParse(scalar.Value, System.Globalization.CultureInfo.InvariantCulture, out _)
                || scalar.Value is "true" or "false" or "True" or "False" or "null" or "~" or "yes" or "no" or ""));

    public static IReadOnlyList<YamlNode> Items(this YamlNode node) => Assert.IsType<YamlSequenceNode>(node).Children.ToList();

    public static IReadOnlyDictionary<string, YamlNode> Entries(this YamlNode node) =>
        Assert.IsType<YamlMappingNode>(node).Children.ToDictionary(p => p.Key.Text(), p => p.Value);
}
