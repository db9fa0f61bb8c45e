using System.Text.Json.Nodes;
using Google.Protobuf.Reflection;

namespace Upstream.Gateway.OpenApi;

/// <summary>
/// JSON Schemas (2020-12, as OpenAPI 3.1 uses) for messages as the proto3 JSON mapping writes them: lowerCamel
/// names, 64-bit integers as strings, enums by name, bytes as base64, well-known types as their JSON forms.
/// Every message and enum reached is added to components/schemas once, under its full proto name.
/// </summary>
public sealed class JsonSchemas
{
    private readonly JsonObject _components = [];

    public JsonObject Components => _components;

    public static string Reference(string fullName) => "#/components/schemas/" + fullName;

    public JsonNode ForMessage(MessageDescriptor message)
    {
        if (WellKnown(message.FullName) is { } known)
        {
            return known;
        }

        if (!_components.ContainsKey(message.FullName))
        {
            var properties = new JsonObject();
            _components[message.FullName] = new JsonObject { ["type"] = "object", ["properties"] = properties, ["additionalProperties"] = false };
            foreach (var field in message.Fields.InDeclarationOrder())
            {
                properties[field.JsonName] = ForField(field);
            }
        }

        return new JsonObject { ["$ref"] = Reference(message.FullName) };
    }

    public JsonNode ForField(FieldDescriptor field)
    {
        if (field.IsMap)
        {
            var value = field.MessageType.FindFieldByNumber(2);
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = ForSingle(value) };
        }

        return field.IsRepeated ? new JsonObject { ["type"] = "array", ["items"] = ForSingle(field) } : ForSingle(field);
    }

    private JsonNode ForSingle(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Message or FieldType.Group => ForMessage(field.MessageType),
        FieldType.Enum => ForEnum(field.EnumType),
        _ => Scalar(field.FieldType),
    };

    private JsonObject ForEnum(EnumDescriptor type)
    {
        if (!_components.ContainsKey(type.FullName))
        {
            _components[type.FullName] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. type.Values.Select(v => (JsonNode)v.Name)]) };
        }

        return new JsonObject { ["$ref"] = Reference(type.FullName) };
    }

    public static JsonObject Scalar(FieldType type) => type switch
    {
        FieldType.Bool => new() { ["type"] = "boolean" },
        FieldType.String => new() { ["type"] = "string" },
        FieldType.Bytes => new() { ["type"] = "string", ["contentEncoding"] = "base64" },
        FieldType.Double or FieldType.Float => new() { ["type"] = "number" },
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => new() { ["type"] = "integer", ["format"] = "int32" },
        FieldType.UInt32 or FieldType.Fixed32 => new() { ["type"] = "integer", ["format"] = "uint32", ["minimum"] = 0 },

        // proto3 JSON writes 64-bit integers as strings (JavaScript numbers lose precision past 2^53).
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => new() { ["type"] = "string", ["format"] = "int64", ["pattern"] = "^-?[0-9]+$" },
        FieldType.UInt64 or FieldType.Fixed64 => new() { ["type"] = "string", ["format"] = "uint64", ["pattern"] = "^[0-9]+$" },
        _ => new() { ["type"] = "string" },
    };

    private static JsonObject? WellKnown(string fullName) => fullName switch
    {
        "google.protobuf.Timestamp" => new() { ["type"] = "string", ["format"] = "date-time" },
        "google.protobuf.Duration" => new() { ["type"] = "string", ["pattern"] = "^-?[0-9]+(\\.[0-9]{1,9})?s$" },
        "google.protobuf.FieldMask" => new() { ["type"] = "string" },
        "google.protobuf.Empty" => new() { ["type"] = "object", ["additionalProperties"] = false },
        "google.protobuf.Struct" => new() { ["type"] = "object" },
        "google.protobuf.Value" => [],
        "google.protobuf.ListValue" => new() { ["type"] = "array" },
        "google.protobuf.Any" => new() { ["type"] = "object", ["properties"] = new JsonObject { ["@type"] = new JsonObject { ["type"] = "string" } }, ["required"] = new JsonArray("@type") },
        "google.protobuf.StringValue" => Nullable("string"),
        "google.protobuf.BoolValue" => Nullable("boolean"),
        "google.protobuf.DoubleValue" or "google.protobuf.FloatValue" => Nullable("number"),
        "google.protobuf.Int32Value" or "google.protobuf.UInt32Value" => Nullable("integer"),
        "google.protobuf.Int64Value" or "google.protobuf.UInt64Value" or "google.protobuf.BytesValue" => Nullable("string"),
        _ => null,
    };

    private static JsonObject Nullable(string type) => new() { ["type"] = new JsonArray(type, "null") };
}
