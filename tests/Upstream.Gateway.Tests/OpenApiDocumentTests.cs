using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Google.Api;
using Upstream.Gateway.Contracts;
using Upstream.Gateway.Tests.Hosting;

namespace Upstream.Gateway.Tests;

/// <summary>
/// The OpenAPI document the gateway serves, merged from what each service's transcoded endpoints describe, is
/// valid OpenAPI 3.1 and describes exactly the REST routes of the contracts.
/// </summary>
public sealed class OpenApiDocumentTests(EdgeFixture edge) : IClassFixture<EdgeFixture>, IAsyncLifetime
{
    private string _json = "";
    private JsonElement _document;

    public async Task InitializeAsync()
    {
        using var response = await edge.Gateway.Rest.GetAsync("/openapi/v1.json");
        _json = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, _json);
        _document = JsonDocument.Parse(_json).RootElement;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private IEnumerable<(string Path, string Verb, JsonElement Operation)> Operations() =>
        _document.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(o => (p.Name, o.Name, o.Value)));

    /// <summary>Insights' plain HTTP endpoints beside its contract: the feeds and their WebSub hub.</summary>
    private static readonly string[] PlainOperations = ["GetGrantsFeed", "GetInsightsAtomFeed", "GetInsightsJsonFeed", "RequestWebSubSubscription"];

    private static IEnumerable<Google.Protobuf.Reflection.MethodDescriptor> RestMethods() =>
        ProtoCatalog.All().SelectMany(s => s.Methods).Where(m => m.GetOptions()?.GetExtension(AnnotationsExtensions.Http) is not null);

    [Fact]
    public void Every_route_of_the_contracts_is_described_once_with_a_unique_operation_id()
    {
        var operations = Operations().ToList();

        Assert.Equal("3.1.0", _document.GetProperty("openapi").GetString());
        Assert.Equal(RestMethods().Select(m => m.Name).Concat(PlainOperations).Order(), operations.Select(o => o.Operation.GetProperty("operationId").GetString()!).Order());
        Assert.Contains(operations, o => o is { Path: "/v1/calls/{callId}:publish", Verb: "post" });
    }

    [Fact]
    public void Every_path_variable_is_a_declared_required_path_parameter()
    {
        foreach (var (path, _, operation) in Operations())
        {
            var declared = operation.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "path").Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("required").GetBoolean())).ToList()
                : [];
            var inPath = System.Text.RegularExpressions.Regex.Matches(path, @"\{([^}]+)\}").Select(m => (m.Groups[1].Value, true)).ToList();
            Assert.Equal(inPath, declared);
        }
    }

    [Fact]
    public void Messages_follow_the_proto3_json_mapping_and_access_follows_the_contract()
    {
        var schemas = _document.GetProperty("components").GetProperty("schemas");
        var getCall = Operations().Single(o => o.Operation.GetProperty("operationId").GetString() == "GetCall").Operation;
        var getApplication = Operations().Single(o => o.Operation.GetProperty("operationId").GetString() == "GetApplication").Operation;

        var initiative = schemas.GetProperty("Initiative").GetProperty("properties");
        Assert.Equal(("string", "int64"), (initiative.GetProperty("budgetPence").GetProperty("type").GetString(), initiative.GetProperty("budgetPence").GetProperty("format").GetString()));
        Assert.Equal("#/components/schemas/AreaCharacter", initiative.GetProperty("areaCharacters").GetProperty("items").GetProperty("$ref").GetString());
        Assert.Contains("AREA_CHARACTER_COASTAL", schemas.GetProperty("AreaCharacter").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(getCall.GetProperty("security").EnumerateArray(), s => !s.EnumerateObject().Any());
        Assert.False(getApplication.TryGetProperty("security", out _));
        var atomFeed = Operations().Single(o => o.Operation.GetProperty("operationId").GetString() == "GetInsightsAtomFeed").Operation;
        var grantsFeed = Operations().Single(o => o.Operation.GetProperty("operationId").GetString() == "GetGrantsFeed").Operation;
        Assert.Contains(atomFeed.GetProperty("security").EnumerateArray(), s => !s.EnumerateObject().Any());
        Assert.False(grantsFeed.TryGetProperty("security", out _));
        Assert.DoesNotContain(Operations(), o => o.Operation.TryGetProperty("x-upstream-anonymous", out _));
        Assert.Equal("#/components/responses/Problem", getApplication.GetProperty("responses").GetProperty("default").GetProperty("$ref").GetString());
        Assert.True(schemas.TryGetProperty("Problem", out _));
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
