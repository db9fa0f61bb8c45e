using System.Text.Json.Nodes;

namespace Upstream.Gateway.OpenApi;

/// <summary>
/// Raises OpenAPI 3.0 schemas to 3.1 (JSON Schema 2020-12) where they differ in what Swashbuckle writes:
/// <c>nullable</c> becomes a "null" type, and the boolean exclusive bounds become numeric ones. Also says what
/// the proto3 JSON mapping writes for 64-bit integers: a string (Grpc.Swagger describes the CLR long).
/// </summary>
internal static class OpenApi31
{
    public static void Raise(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject schema:
                RaiseNullable(schema);
                Int64AsString(schema);
                RaiseBound(schema, "exclusiveMinimum", "minimum");
                RaiseBound(schema, "exclusiveMaximum", "maximum");
                foreach (var (_, child) in schema.ToList())
                {
                    Raise(child);
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    Raise(item);
                }

                break;
        }
    }

    private static void RaiseNullable(JsonObject schema)
    {
        if (schema["nullable"] is not JsonValue flag || !flag.TryGetValue<bool>(out var nullable))
        {
            return;
        }

        schema.Remove("nullable");
        if (!nullable)
        {
            return;
        }

        if (schema["type"] is JsonValue type)
        {
            schema["type"] = new JsonArray(type.GetValue<string>(), "null");
        }
        else if (schema["$ref"] is { } reference)
        {
            schema.Remove("$ref");
            schema["anyOf"] = new JsonArray(new JsonObject { ["$ref"] = reference.GetValue<string>() }, new JsonObject { ["type"] = "null" });
        }
    }

    private static void Int64AsString(JsonObject schema)
    {
        if (schema["type"] is JsonValue type && type.TryGetValue<string>(out var name) && name == "integer"
            && schema["format"] is JsonValue format && format.TryGetValue<string>(out var bits) && bits is "int64" or "uint64")
        {
            schema["type"] = "string";
        }
    }

    private static void RaiseBound(JsonObject schema, string exclusive, string bound)
    {
        if (schema[exclusive] is JsonValue flag && flag.TryGetValue<bool>(out var isExclusive))
        {
            schema.Remove(exclusive);
            if (isExclusive && schema[bound] is { } value)
            {
                schema.Remove(bound);
                schema[exclusive] = value.DeepClone();
            }
        }
    }
}
