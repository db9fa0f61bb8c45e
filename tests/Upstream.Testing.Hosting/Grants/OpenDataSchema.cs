using System.Text.Json;
using Json.Schema;

namespace Upstream.Testing.Grants;

/// <summary>
/// The official 360Giving package schema (shipped in Grants/360giving of this library, never fetched), and a check
/// of a document against it. Shared by the Grants integration tests, the staff tool's tests and the end-to-end journey (which compiles this in).
/// </summary>
public static class OpenDataSchema
{
    private static readonly Lazy<JsonSchema> Package = new(() =>
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Grants", "360giving");
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), DialectRegistry = new DialectRegistry() };

        // The schemas name draft 2020-12 by its http:// address; the official dialect is registered under https://.
        options.DialectRegistry.Register(Dialect.Draft202012.With([], new Uri("http://json-schema.org/draft/2020-12/schema")));

        // The 1.4.3 package schema names the grant schema by its 1.4.2 address; resolve that to the shipped file, never the network.
        var grant = JsonSchema.FromFile(Path.Combine(folder, "360-giving-schema.json"), options);
        options.SchemaRegistry.Register(new Uri("https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json"), grant);
        return JsonSchema.FromFile(Path.Combine(folder, "360-giving-package-schema.json"), options);
    });

    public static EvaluationResults Evaluate(string json, bool requireFormats = true) =>
        Package.Value.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = requireFormats });

    /// <summary>Each error with where it is, for an assertion's message.</summary>
    public static string Describe(EvaluationResults results) =>
        string.Join("; ", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
}
