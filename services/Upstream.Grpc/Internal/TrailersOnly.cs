using Microsoft.AspNetCore.Http;
using Upstream.Grpc.Protocol;

namespace Upstream.Grpc.Internal;

/// <summary>Responses that end a call before any message: one HEADERS frame carrying the status (Trailers-Only).</summary>
internal static class TrailersOnly
{
    public static void Write(HttpResponse response, Status status, Metadata? trailers = null, int httpStatus = StatusCodes.Status200OK)
    {
        response.StatusCode = httpStatus;
        response.ContentType = GrpcProtocol.ContentType;
        var headers = response.Headers;
        headers.GrpcStatus = GrpcProtocol.FormatStatusCode(status.StatusCode);
        if (!string.IsNullOrEmpty(status.Detail))
        {
            headers.GrpcMessage = GrpcMessageText.Encode(status.Detail);
        }

        if (trailers is not null)
        {
            foreach (var entry in trailers)
            {
                if (!GrpcProtocol.IsReservedHeader(entry.Key))
                {
                    headers.Append(entry.Key, MetadataEncoding.ToHeaderValue(entry));
                }
            }
        }
    }
}
