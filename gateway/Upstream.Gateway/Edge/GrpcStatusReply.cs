using System.Globalization;
using System.Text;

namespace Upstream.Gateway.Edge;

/// <summary>
/// A gRPC error the gateway itself answers with (unknown service, no healthy replica, refused, rate limited): a
/// Trailers-Only response, so any gRPC client reads the status from the one HEADERS frame.
/// </summary>
public static class GrpcStatusReply
{
    public const int DeadlineExceeded = 4;
    public const int PermissionDenied = 7;
    public const int ResourceExhausted = 8;
    public const int Unimplemented = 12;
    public const int Unavailable = 14;
    public const int Unauthenticated = 16;

    public static bool IsGrpc(HttpRequest request) => IsGrpc(request.ContentType);

    public static bool IsGrpc(string? contentType) => contentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = status.ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = PercentEncode(message);
        return Task.CompletedTask;
    }

    // grpc-message is UTF-8 with every byte outside printable ASCII, and '%' itself, written as %XX.
    private static string PercentEncode(string message)
    {
        var text = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
