using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Upstream.Hosting.Dashboard.Telemetry;
using Upstream.Otlp.Collector.Logs.V1;
using Upstream.Otlp.Collector.Metrics.V1;
using Upstream.Otlp.Collector.Trace.V1;

namespace Upstream.Hosting.Dashboard.Otlp;

/// <summary>
/// OTLP/HTTP: POST /v1/traces, /v1/logs and /v1/metrics with a protobuf or JSON body, optionally gzipped, carrying
/// the API key the app host gave its projects. A body that cannot be read is refused whole with 400 (which
/// exporters do not retry) and changes nothing; items that cannot be kept are reported as partial success.
/// </summary>
internal static class OtlpReceiver
{
    public const string ApiKeyHeader = "x-otlp-api-key";
    private const string Protobuf = "application/x-protobuf";
    private const string Json = "application/json";
    private const int MaxBodyBytes = 32 * 1024 * 1024;

    public static void MapOtlp(this IEndpointRouteBuilder routes, TelemetryStore store, string apiKey)
    {
        routes.MapPost("/v1/traces", context => ReceiveAsync(context, apiKey, ExportTraceServiceRequest.Parser, r => OtlpIngest.Traces(r, store)));
        routes.MapPost("/v1/logs", context => ReceiveAsync(context, apiKey, ExportLogsServiceRequest.Parser, r => OtlpIngest.Logs(r, store)));
        routes.MapPost("/v1/metrics", context => ReceiveAsync(context, apiKey, ExportMetricsServiceRequest.Parser, r => OtlpIngest.Metrics(r, store)));
    }

    private static async Task ReceiveAsync<TRequest>(HttpContext context, string apiKey, MessageParser<TRequest> parser, Func<TRequest, (IMessage Response, int Rejected)> ingest)
        where TRequest : IMessage<TRequest>, new()
    {
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var json = mediaType == Json;
        if (!KeyMatches(context.Request.Headers[ApiKeyHeader].ToString(), apiKey))
        {
            await FailAsync(context, StatusCodes.Status401Unauthorized, 16, $"Missing or wrong {ApiKeyHeader} header.", json);
            return;
        }

        if (mediaType is not (Protobuf or Json))
        {
            await FailAsync(context, StatusCodes.Status415UnsupportedMediaType, 3, $"Content-Type must be {Protobuf} or {Json}, not '{context.Request.ContentType}'.", json);
            return;
        }

        TRequest request;
        try
        {
            var body = await ReadBodyAsync(context.Request);
            request = json ? OtlpJson.Parse<TRequest>(body) : parser.ParseFrom(body);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException or System.Text.Json.JsonException or InvalidDataException)
        {
            await FailAsync(context, StatusCodes.Status400BadRequest, 3, $"The {(json ? "JSON" : "protobuf")} body is not a valid export request: {e.Message}", json);
            return;
        }
        catch (BodyTooLargeException e)
        {
            await FailAsync(context, StatusCodes.Status413PayloadTooLarge, 8, e.Message, json);
            return;
        }

        var (response, _) = ingest(request);
        context.Response.StatusCode = StatusCodes.Status200OK;
        await WriteAsync(context, response, json);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        var encoding = request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        Stream source = encoding switch
        {
            "" or "identity" => request.Body,
            "gzip" => new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            _ => throw new InvalidDataException($"Content-Encoding '{encoding}' is not supported (gzip is)."),
        };
        await using (source)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(chunk)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    throw new BodyTooLargeException($"The body is larger than {MaxBodyBytes / (1024 * 1024)} MiB; send smaller batches.");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private static bool KeyMatches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    /// <summary>OTLP wants a google.rpc.Status body on failure; it is two fields, written by hand (code = 1, message = 2).</summary>
    private static Task FailAsync(HttpContext context, int status, int grpcCode, string message, bool json)
    {
        context.Response.StatusCode = status;
        if (json)
        {
            context.Response.ContentType = Json;
            return context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(new { code = grpcCode, message }));
        }

        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        output.WriteTag(1, WireFormat.WireType.Varint);
        output.WriteInt32(grpcCode);
        output.WriteTag(2, WireFormat.WireType.LengthDelimited);
        output.WriteString(message);
        output.Flush();
        context.Response.ContentType = Protobuf;
        return context.Response.Body.WriteAsync(buffer.ToArray()).AsTask();
    }

    private static Task WriteAsync(HttpContext context, IMessage message, bool json)
    {
        if (json)
        {
            context.Response.ContentType = Json;
            return context.Response.WriteAsync(OtlpJson.Format(message));
        }

        context.Response.ContentType = Protobuf;
        return context.Response.Body.WriteAsync(message.ToByteArray()).AsTask();
    }

    private sealed class BodyTooLargeException(string message) : Exception(message);
}
