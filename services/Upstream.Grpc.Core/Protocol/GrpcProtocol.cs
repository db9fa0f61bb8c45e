namespace Upstream.Grpc.Protocol;

/// <summary>Names and mappings from the gRPC over HTTP/2 protocol, shared by server and client.</summary>
public static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string TeHeader = "te";
    public const string TeTrailers = "trailers";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string StatusDetailsHeader = "grpc-status-details-bin";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string UserAgentHeader = "user-agent";

    /// <summary>Default largest message either side accepts (sending is unlimited).</summary>
    public const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    /// <summary>True for <c>application/grpc</c> and its <c>+proto</c>/<c>;</c> variants; anything else earns HTTP 415.</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (contentType.Length == ContentType.Length)
        {
            return true;
        }

        var next = contentType[ContentType.Length];
        return next is '+' or ';';
    }

    /// <summary>
    /// Headers the protocol itself uses: kept out of the metadata handed to applications, and never sent from it.
    /// <c>grpc-status-details-bin</c> is not among them: applications read rich errors from trailers.
    /// </summary>
    public static bool IsReservedHeader(string name) =>
        name.Length == 0 || name[0] == ':' || name switch
        {
            "content-type" or "te" or "host" or "content-length" or "connection" or "accept-encoding"
                or TimeoutHeader or EncodingHeader or AcceptEncodingHeader or StatusHeader or MessageHeader => true,
            _ => false,
        };

    /// <summary>The status a client reports when a response carries no <c>grpc-status</c> (per the HTTP to gRPC mapping).</summary>
    public static StatusCode StatusCodeFromHttpStatus(int httpStatus) => httpStatus switch
    {
        400 or 431 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    /// <summary>The status a client reports when the server resets the stream with this HTTP/2 error code.</summary>
    public static StatusCode StatusCodeFromResetCode(long http2ErrorCode) => http2ErrorCode switch
    {
        0x8 => StatusCode.Cancelled,
        0x7 => StatusCode.Unavailable,
        0xB => StatusCode.ResourceExhausted,
        0xC => StatusCode.PermissionDenied,
        _ => StatusCode.Internal,
    };

    /// <summary>Parses a <c>grpc-status</c> value; anything that is not a known code is UNKNOWN.</summary>
    public static StatusCode ParseStatusCode(string? value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) && code is >= 0 and <= 16
            ? (StatusCode)code
            : StatusCode.Unknown;

    /// <summary>The decimal text of a status code, without allocating for the 17 known codes.</summary>
    public static string FormatStatusCode(StatusCode code) =>
        (int)code is >= 0 and <= 16 ? StatusCodeStrings[(int)code] : ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static readonly string[] StatusCodeStrings =
        ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16"];
}
