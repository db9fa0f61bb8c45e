using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;

namespace Upstream.Gateway.Edge;

/// <summary>
/// An RFC 9457 problem details body. Front ends get the HTTP status, a title, what went wrong in words they
/// can show, the gRPC status name, every field problem, and the trace id to quote to operators; never a stack
/// trace or an internal message.
/// </summary>
public sealed record Problem(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("detail")] string? Detail,
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("errors")] IReadOnlyList<FieldProblem>? Errors,
    [property: JsonPropertyName("traceId")] string? TraceId)
{
    public const string ContentType = "application/problem+json";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static Problem Of(int status, string? detail, string? code = null, IReadOnlyList<FieldProblem>? errors = null, string? traceId = null) =>
        new("about:blank", ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } title ? title : "Error", status, detail, code, errors is { Count: > 0 } ? errors : null, traceId);

    public async Task WriteAsync(HttpResponse response)
    {
        response.StatusCode = Status;
        response.ContentType = ContentType;
        await response.WriteAsync(JsonSerializer.Serialize(this, Json));
    }
}

public sealed record FieldProblem([property: JsonPropertyName("field")] string Field, [property: JsonPropertyName("description")] string Description);
