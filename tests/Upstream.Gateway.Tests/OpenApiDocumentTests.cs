using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Upstream.Gateway.Tests.Hosting;
using Upstream.Gateway.Transcoding;

namespace Upstream.Gateway.Tests;

/// <summary>The OpenAPI document the gateway serves is valid OpenAPI 3.1 and describes exactly the routes it serves.</summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private GatewayHost _gateway = null!;
    private string _json = "";
    private JsonElement _document;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["services:applications:http:0"] = "http://127.0.0.1:9",
            ["Gateway:ProbePath"] = "",
        });
        using var response = await _gateway.Rest.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _json = await response.Content.ReadAsStringAsync();
        _document = JsonDocument.Parse(_json).RootElement;
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private IEnumerable<(string Path, string Verb, JsonElement Operation)> Operations() =>
        _document.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(o => (p.Name, o.Name, o.Value)));

    [Fact]
    public void Every_route_is_described_once_with_a_unique_operation_id()
    {
        var operations = Operations().ToList();

        Assert.Equal("3.1.0", _document.GetProperty("openapi").GetString());
        // Every annotated method of the contracts the gateway fronts, no more and no fewer.
        Assert.Equal(new RouteTable(Upstream.Applications.V1.ApplicationsReflection.Descriptor.Services).Routes.Count, operations.Count);
        Assert.Equal(operations.Count, operations.Select(o => o.Operation.GetProperty("operationId").GetString()).Distinct().Count());
        Assert.Contains(operations, o => o is { Path: "/v1/calls/{call_id}:publish", Verb: "post" });
    }

    [Fact]
    public void Every_path_variable_is_a_declared_required_path_parameter()
    {
        foreach (var (path, _, operation) in Operations())
        {
            var declared = operation.GetProperty("parameters").EnumerateArray().Where(p => p.GetProperty("in").GetString() == "path")
                .Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("required").GetBoolean())).ToList();
            var inPath = System.Text.RegularExpressions.Regex.Matches(path, @"\{([^}]+)\}").Select(m => (m.Groups[1].Value, true)).ToList();
            Assert.Equal(inPath, declared);
        }
    }

    [Fact]
    public void Every_reference_resolves()
    {
        var references = new List<string>();
        void Collect(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "$ref")
                    {
                        references.Add(property.Value.GetString()!);
                    }

                    Collect(property.Value);
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item);
                }
            }
        }

        Collect(_document);

        Assert.NotEmpty(references);
        foreach (var reference in references.Distinct())
        {
            var target = reference["#/".Length..].Split('/').Aggregate((JsonElement?)_document, (node, name) => node is { } n && n.TryGetProperty(name, out var next) ? next : null);
            Assert.True(target is not null, $"{reference} does not resolve");
        }
    }

    [Fact]
    public void Messages_follow_the_proto3_json_mapping_and_access_follows_the_contract()
    {
        var schemas = _document.GetProperty("components").GetProperty("schemas");
        var initiative = schemas.GetProperty("upstream.applications.v1.Initiative").GetProperty("properties");
        var getCall = Operations().Single(o => o.Operation.GetProperty("operationId").GetString() == "GetCall").Operation;
        var getApplication = Operations().Single(o => o.Operation.GetProperty("operationId").GetString() == "GetApplication").Operation;

        Assert.Equal(("string", "int64"), (initiative.GetProperty("budgetPence").GetProperty("type").GetString(), initiative.GetProperty("budgetPence").GetProperty("format").GetString()));
        Assert.Equal("#/components/schemas/upstream.applications.v1.AreaCharacter", initiative.GetProperty("areaCharacters").GetProperty("items").GetProperty("$ref").GetString());
        Assert.Contains("AREA_CHARACTER_COASTAL", schemas.GetProperty("upstream.applications.v1.AreaCharacter").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(getCall.GetProperty("security").EnumerateArray(), s => !s.EnumerateObject().Any());
        Assert.False(getApplication.TryGetProperty("security", out _));
        Assert.Equal("#/components/responses/Problem", getApplication.GetProperty("responses").GetProperty("404").GetProperty("$ref").GetString());
    }

    [Fact]
    public async Task The_official_openapi_31_schema_accepts_the_document()
    {
        // Run in place: the script's node_modules sit beside it in the source folder.
        var node = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "node"));
        Assert.True(Directory.Exists(Path.Combine(node, "node_modules")), "run apphost/prerequisites.sh test (npm ci in tests/Upstream.Gateway.Tests/node)");
        var file = Path.Combine(Path.GetTempPath(), $"upstream-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, _json);
        try
        {
            var start = new ProcessStartInfo("node", [Path.Combine(node, "validate_openapi.mjs"), file]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.True(process.ExitCode == 0, errors);
            var result = JsonDocument.Parse(output).RootElement;
            Assert.True(result.GetProperty("valid").GetBoolean(), output);
            Assert.Equal("3.1", result.GetProperty("version").GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
