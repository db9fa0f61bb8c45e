using System.Text.Json;
using Json.Schema;

namespace Upstream.Testing.Grants;

/// <summary>
/// The official 360Giving package schema (1.4.3, with the grant schema it names), loaded from the copies shipped
/// beside the tests, never the network; every test that checks our open data validates with this one.
/// </summary>
public static class ThreeSixtyGiving
{
    private static readonly Lazy<JsonSchema> PackageSchema = new(() =>
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Grants", "360giving");
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), DialectRegistry = new DialectRegistry() };

        // The schemas name draft 2020-12 by its http:// address; the official dialect is registered under https://.
        options.DialectRegistry.Register(Dialect.Draft202012.With([], new Uri("http://json-schema.org/draft/2020-12/schema")));

        // The 1.4.3 package schema names the grant schema by its 1.4.2 address; resolve that to the shipped file.
        var grant = JsonSchema.FromFile(Path.Combine(folder, "360-giving-schema.json"), options);
        options.SchemaRegistry.Register(new Uri("https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json"), grant);
        return JsonSchema.FromFile(Path.Combine(folder, "360-giving-package-schema.json"), options);
    });

    /// <summary>Whether the JSON is a valid 360Giving data package, and every schema error with where it is.</summary>
    public static (bool Valid, string Errors) Validate(string json, bool requireFormats = true)
    {
        var results = PackageSchema.Value.Evaluate(
            JsonDocument.Parse(json).RootElement,
            new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = requireFormats });
        var errors = (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        return (results.IsValid, string.Join("; ", errors));
    }
}
