using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf.Reflection;
using Upstream.Gateway.Contracts;
using Upstream.Gateway.Transcoding;

namespace Upstream.Gateway.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document of the REST API, written from the same route table the gateway serves, so the
/// document cannot drift from the routes: paths and verbs from the HTTP rules, parameters from the fields the
/// path and query bind, bodies and responses from the messages, problem details for every failure.
/// </summary>
public static partial class OpenApiWriter
{
    private static readonly string[] ProblemStatuses = ["400", "401", "403", "404", "409", "413", "415", "429", "500", "503", "504"];

    public static string Write(RouteTable routes)
    {
        var schemas = new JsonSchemas();
        var paths = new JsonObject();
        var operationIds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var route in routes.Routes.OrderBy(r => r.Path.Text, StringComparer.Ordinal))
        {
            var path = OpenApiPath(route.Path.Text);
            if (paths[path] is not JsonObject item)
            {
                paths[path] = item = [];
            }

            var name = route.Method.Name;
            var count = operationIds[name] = operationIds.GetValueOrDefault(name) + 1;
            item[route.Verb.ToLowerInvariant()] = Operation(route, count == 1 ? name : $"{name}{count}", schemas);
        }

        schemas.Components["Problem"] = ProblemSchema();
        var document = new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Upstream API",
                ["version"] = "v1",
                ["description"] = "REST/JSON for the Upstream programme's front ends, generated from the gRPC contracts. Bodies follow the proto3 JSON mapping; errors are RFC 9457 problem details.",
            },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas.Components,
                ["responses"] = new JsonObject
                {
                    ["Problem"] = new JsonObject
                    {
                        ["description"] = "The request failed; the problem says why, with any field at fault.",
                        ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = JsonSchemas.Reference("Problem") } } },
                    },
                },
                ["securitySchemes"] = new JsonObject
                {
                    ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT", ["description"] = "Roles: applicant, member, staff, partner, operator." },
                },
            },
            ["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() }),
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>"/v1/{name=calls/*}:publish" becomes "/v1/{name}:publish".</summary>
    public static string OpenApiPath(string template) => VariablePattern().Replace(template, "{$1}");

    [System.Text.RegularExpressions.GeneratedRegex(@"\{([^}=]+)=[^}]*\}")]
    private static partial System.Text.RegularExpressions.Regex VariablePattern();

    private static JsonObject Operation(HttpRoute route, string operationId, JsonSchemas schemas)
    {
        var input = route.Method.InputType;
        var parameters = new JsonArray();
        var inPath = route.Path.Variables.Select(v => v.FieldPath).ToHashSet(StringComparer.Ordinal);
        foreach (var variable in route.Path.Variables)
        {
            var field = FieldPath.Resolve(input, variable.FieldPath)![^1];
            parameters.Add(new JsonObject { ["name"] = variable.FieldPath, ["in"] = "path", ["required"] = true, ["schema"] = schemas.ForField(field) });
        }

        if (route.Body != "*")
        {
            foreach (var field in input.Fields.InDeclarationOrder().Where(f => !inPath.Contains(f.Name) && f.Name != route.Body && IsQueryable(f)))
            {
                parameters.Add(new JsonObject { ["name"] = field.Name, ["in"] = "query", ["required"] = false, ["schema"] = schemas.ForField(field) });
            }
        }

        var responses = new JsonObject
        {
            ["200"] = new JsonObject
            {
                ["description"] = $"The {route.Method.OutputType.Name}.",
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = ResponseSchema(route, schemas) } },
            },
        };
        foreach (var status in ProblemStatuses)
        {
            responses[status] = new JsonObject { ["$ref"] = "#/components/responses/Problem" };
        }

        var operation = new JsonObject
        {
            ["operationId"] = operationId,
            ["tags"] = new JsonArray(route.Method.Service.Name),
            ["summary"] = $"{route.Method.Service.FullName}.{route.Method.Name}",
            ["parameters"] = parameters,
            ["responses"] = responses,
        };
        if (route.Body.Length > 0)
        {
            var schema = route.Body == "*" ? schemas.ForMessage(input) : schemas.ForField(input.FindFieldByName(route.Body));
            operation["requestBody"] = new JsonObject { ["required"] = true, ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schema } } };
        }

        if (MethodAccess.IsAnonymous(route.Method))
        {
            // Public: no token needed, but one that is sent must be valid.
            operation["security"] = new JsonArray(new JsonObject(), new JsonObject { ["bearer"] = new JsonArray() });
        }

        return operation;
    }

    private static JsonNode ResponseSchema(HttpRoute route, JsonSchemas schemas) =>
        route.ResponseBody.Length == 0 ? schemas.ForMessage(route.Method.OutputType) : schemas.ForField(route.Method.OutputType.FindFieldByName(route.ResponseBody));

    // The query string sets scalars, enums, their repeated forms and well-known scalar messages, as RequestBinder does.
    private static bool IsQueryable(FieldDescriptor field) =>
        !field.IsMap && (field.FieldType != FieldType.Message || field.MessageType.FullName.StartsWith("google.protobuf.", StringComparison.Ordinal));

    private static JsonObject ProblemSchema() => new()
    {
        ["type"] = "object",
        ["description"] = "RFC 9457 problem details.",
        ["required"] = new JsonArray("type", "title", "status"),
        ["properties"] = new JsonObject
        {
            ["type"] = new JsonObject { ["type"] = "string" },
            ["title"] = new JsonObject { ["type"] = "string" },
            ["status"] = new JsonObject { ["type"] = "integer" },
            ["detail"] = new JsonObject { ["type"] = "string", ["description"] = "What went wrong, in words a front end can show." },
            ["code"] = new JsonObject { ["type"] = "string", ["description"] = "The gRPC status name (INVALID_ARGUMENT, NOT_FOUND, ...)." },
            ["errors"] = new JsonObject
            {
                ["type"] = "array",
                ["items"] = new JsonObject
                {
                    ["type"] = "object",
                    ["required"] = new JsonArray("field", "description"),
                    ["properties"] = new JsonObject { ["field"] = new JsonObject { ["type"] = "string" }, ["description"] = new JsonObject { ["type"] = "string" } },
                },
            },
            ["traceId"] = new JsonObject { ["type"] = "string", ["description"] = "Quote it to operators." },
        },
    };
}
