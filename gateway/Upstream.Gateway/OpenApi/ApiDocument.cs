using System.Text.Json.Nodes;
using Upstream.Gateway.Contracts;
using Upstream.ServiceDefaults.Grpc;
using Yarp.ReverseProxy;

namespace Upstream.Gateway.OpenApi;

/// <summary>
/// One OpenAPI 3.1 document of the whole public API. Each service describes its own REST surface (Swashbuckle
/// with Microsoft.AspNetCore.Grpc.Swagger, from the transcoded endpoints: see ServiceDefaults' AddGrpcApi); a
/// cluster that carries <c>Metadata:OpenApi</c> names where. No library here merges documents or raises a
/// Swashbuckle 3.0 document to 3.1, so this does, and adds what only the edge knows: bearer security, which
/// operations are public (the contract's <c>(upstream.api.v1.anonymous)</c>), and problem-details errors.
/// </summary>
public sealed class ApiDocument(IProxyStateLookup proxy, IHttpClientFactory clients)
{
    public const string ClientName = "openapi";
    public const string MetadataKey = "OpenApi";

    private static readonly HashSet<string> PublicOperations = [.. ProtoCatalog.All().SelectMany(s => s.Methods).Where(MethodAccess.IsAnonymous).Select(m => m.Name)];

    /// <summary>The merged document, or null when a service that describes its API cannot be asked.</summary>
    public async Task<JsonObject?> BuildAsync(CancellationToken cancellationToken)
    {
        var paths = new JsonObject();
        var schemas = new JsonObject();
        var client = clients.CreateClient(ClientName);
        foreach (var cluster in proxy.GetClusters().OrderBy(c => c.ClusterId, StringComparer.Ordinal))
        {
            if (cluster.Model.Config.Metadata?.GetValueOrDefault(MetadataKey) is not { } path)
            {
                continue;
            }

            if (cluster.DestinationsState.AvailableDestinations.FirstOrDefault() is not { } destination)
            {
                return null;
            }

            var service = JsonNode.Parse(await client.GetStringAsync(new Uri(new Uri(destination.Model.Config.Address), path), cancellationToken))!;
            Merge(service["paths"]?.AsObject(), paths);
            Merge(service["components"]?["schemas"]?.AsObject(), schemas);
        }

        return Describe(paths, schemas);
    }

    private static void Merge(JsonObject? from, JsonObject into)
    {
        foreach (var (name, value) in from ?? [])
        {
            // Two services sharing a message (google.rpc.Status, a well-known type) describe it the same way.
            into.TryAdd(name, value?.DeepClone());
        }
    }

    private static JsonObject Describe(JsonObject paths, JsonObject schemas)
    {
        foreach (var operation in paths.Select(p => p.Value!.AsObject()).SelectMany(p => p.Select(o => o.Value!.AsObject())))
        {
            // A service marks its plain endpoints anyone may call; the contracts mark their anonymous methods.
            var markedAnonymous = operation.Remove(GrpcApiExtensions.AnonymousExtension);
            if (markedAnonymous || (operation["operationId"]?.GetValue<string>() is { } id && PublicOperations.Contains(id)))
            {
                operation["security"] = new JsonArray(new JsonObject(), Bearer());
            }

            operation["responses"]!.AsObject().Remove("default");
            operation["responses"]!["default"] = new JsonObject { ["$ref"] = "#/components/responses/Problem" };
        }

        schemas["Problem"] = ProblemSchema();
        var document = new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Upstream API",
                ["version"] = "v1",
                ["description"] = "The public REST/JSON API of the Upstream services, through the gateway. Every error is RFC 9457 problem details.",
            },
            ["security"] = new JsonArray(Bearer()),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["responses"] = new JsonObject
                {
                    ["Problem"] = new JsonObject
                    {
                        ["description"] = "What went wrong (RFC 9457), with the gRPC status name, field problems and the trace id.",
                        ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/Problem" } } },
                    },
                },
                ["securitySchemes"] = new JsonObject { ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" } },
            },
        };
        OpenApi31.Raise(document);
        return document;
    }

    private static JsonObject Bearer() => new() { ["bearer"] = new JsonArray() };

    private static JsonObject ProblemSchema()
    {
        static JsonObject Text() => new() { ["type"] = "string" };
        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["type"] = Text(),
                ["title"] = Text(),
                ["status"] = new JsonObject { ["type"] = "integer", ["format"] = "int32" },
                ["detail"] = Text(),
                ["code"] = new JsonObject { ["type"] = "string", ["description"] = "The gRPC status name, e.g. NOT_FOUND." },
                ["errors"] = new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["field"] = Text(), ["description"] = Text() } },
                },
                ["traceId"] = Text(),
            },
        };
    }
}
