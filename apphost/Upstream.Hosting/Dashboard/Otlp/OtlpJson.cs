using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;

namespace Upstream.Hosting.Dashboard.Otlp;

/// <summary>
/// OTLP's JSON mapping is proto3 JSON except that trace and span ids are hex rather than base64. Ids are turned
/// into base64 before the standard parser reads the body; unknown fields are ignored, as the mapping requires.
/// </summary>
internal static class OtlpJson
{
    private static readonly HashSet<string> IdFields = ["traceId", "spanId", "parentSpanId", "trace_id", "span_id", "parent_span_id"];
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static T Parse<T>(ReadOnlySpan<byte> body)
        where T : IMessage, new()
    {
        var root = JsonNode.Parse(body) ?? throw new FormatException("The body is JSON null, not an export request.");
        HexIdsToBase64(root);
        return Parser.Parse<T>(root.ToJsonString());
    }

    public static string Format(IMessage message) => JsonFormatter.Default.Format(message);

    private static void HexIdsToBase64(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (value is JsonValue leaf && IdFields.Contains(name) && leaf.GetValueKind() == JsonValueKind.String)
                    {
                        obj[name] = Convert.ToBase64String(FromHex(leaf.GetValue<string>(), name));
                    }
                    else if (value is not null)
                    {
                        HexIdsToBase64(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array.Where(i => i is not null))
                {
                    HexIdsToBase64(item!);
                }

                break;
        }
    }

    private static byte[] FromHex(string hex, string field)
    {
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            throw new FormatException($"{field} \"{hex}\" is not hex.");
        }
    }
}
