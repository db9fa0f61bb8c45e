using System.Diagnostics;

namespace Upstream.Grpc.Telemetry;

/// <summary>
/// The names our server's telemetry is published under. Service defaults export every "Upstream.*" source and
/// meter, so these need no further registration.
/// </summary>
public static class GrpcServerTelemetry
{
    public const string ActivitySourceName = "Upstream.Grpc.Server";
    public const string MeterName = "Upstream.Grpc.Server";

    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    /// <summary>OpenTelemetry's semantic convention: the codes that count as a server-side error.</summary>
    internal static bool IsServerError(StatusCode code) =>
        code is StatusCode.Unknown or StatusCode.DeadlineExceeded or StatusCode.Unimplemented
            or StatusCode.Internal or StatusCode.Unavailable or StatusCode.DataLoss;
}
