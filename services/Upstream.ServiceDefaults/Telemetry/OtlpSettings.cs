using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace Upstream.ServiceDefaults.Telemetry;

/// <summary>The OTEL_* variables the app host (or any OpenTelemetry-aware host) sets, read through configuration.</summary>
internal sealed record OtlpSettings(Uri? Endpoint, OtlpExportProtocol Protocol, string? Headers, string ServiceName, IReadOnlyDictionary<string, object> ResourceAttributes, int MetricIntervalMilliseconds)
{
    public static OtlpSettings From(IConfiguration configuration, string fallbackServiceName)
    {
        var endpoint = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var protocol = configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] switch
        {
            "grpc" => OtlpExportProtocol.Grpc,
            _ => OtlpExportProtocol.HttpProtobuf, // our dashboard speaks OTLP/HTTP; the SDK's own default is gRPC
        };
        var attributes = (configuration["OTEL_RESOURCE_ATTRIBUTES"] ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(kv => kv.Length == 2 && kv[0].Length > 0)
            .ToDictionary(kv => kv[0], kv => (object)Uri.UnescapeDataString(kv[1]));
        var interval = int.TryParse(configuration["OTEL_METRIC_EXPORT_INTERVAL"], out var ms) && ms > 0 ? ms : 60_000;
        return new OtlpSettings(
            Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri : null,
            protocol,
            configuration["OTEL_EXPORTER_OTLP_HEADERS"],
            configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : fallbackServiceName,
            attributes,
            interval);
    }

    /// <summary>Exporter options for one signal. With http/protobuf each signal has its own path under the base endpoint.</summary>
    public void Apply(OtlpExporterOptions options, string signalPath)
    {
        options.Protocol = Protocol;
        options.Endpoint = Protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(Endpoint!, signalPath) : Endpoint!;
        if (Headers is not null)
        {
            options.Headers = Headers;
        }
    }
}
