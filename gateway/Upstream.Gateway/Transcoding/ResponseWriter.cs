using Google.Protobuf;

namespace Upstream.Gateway.Transcoding;

/// <summary>The gRPC response as proto3 JSON; fields at their default value are written too, so front ends need not guess.</summary>
public static class ResponseWriter
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public static string ToJson(HttpRoute route, IMessage response) =>
        route.ResponseBody.Length == 0
            ? Json.Format(response)
            : FormatField(response, route.ResponseBody);

    private static string FormatField(IMessage response, string name)
    {
        var field = response.Descriptor.FindFieldByName(name);
        var value = field.Accessor.GetValue(response);
        return value is IMessage message ? Json.Format(message) : FormatScalar(field, response);
    }

    // Scalars and lists are formatted by wrapping them in the message and taking the one property back out.
    private static string FormatScalar(Google.Protobuf.Reflection.FieldDescriptor field, IMessage response)
    {
        using var document = System.Text.Json.JsonDocument.Parse(Json.Format(response));
        return document.RootElement.GetProperty(field.JsonName).GetRawText();
    }
}
