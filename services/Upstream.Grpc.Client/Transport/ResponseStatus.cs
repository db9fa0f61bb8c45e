using System.Net;
using System.Net.Http.Headers;
using Upstream.Grpc.Protocol;

namespace Upstream.Grpc.Client.Transport;

/// <summary>Reads a call's outcome from what HTTP/2 gave us: grpc-status, the HTTP status, or a failure.</summary>
internal static class ResponseStatus
{
    /// <summary>The status of a Trailers-Only response, or of a response that is not gRPC at all; null when the call goes on.</summary>
    public static Status? FromHeaders(HttpResponseMessage response)
    {
        if (TryRead(response.Headers, out var status))
        {
            return status;
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            var code = (int)response.StatusCode;
            return new Status(GrpcProtocol.StatusCodeFromHttpStatus(code), $"HTTP status {code} with no grpc-status.");
        }

        var contentType = response.Content.Headers.ContentType?.ToString();
        return GrpcProtocol.IsGrpcContentType(contentType)
            ? null
            : new Status(StatusCode.Internal, $"The response is not gRPC (content-type '{contentType}').");
    }

    /// <summary>The status in the trailers; a server that ends without one broke the protocol.</summary>
    public static Status FromTrailers(HttpResponseMessage response) =>
        TryRead(response.TrailingHeaders, out var status)
            ? status
            : new Status(StatusCode.Internal, "The server ended the call without a grpc-status.");

    /// <summary>What a transport failure means to the caller: the connection or the stream was lost.</summary>
    public static Status FromException(Exception exception)
    {
        if (exception is RpcException rpc)
        {
            return rpc.Status;
        }

        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpProtocolException protocol)
            {
                return new Status(GrpcProtocol.StatusCodeFromResetCode(protocol.ErrorCode), $"The stream was reset: {protocol.Message}", protocol);
            }
        }

        return exception is HttpRequestException or IOException
            ? new Status(StatusCode.Unavailable, $"The connection failed: {exception.Message}", exception)
            : new Status(StatusCode.Internal, $"The call failed: {exception.Message}", exception);
    }

    private static bool TryRead(HttpHeaders headers, out Status status)
    {
        status = default;
        if (!headers.NonValidated.TryGetValues(GrpcProtocol.StatusHeader, out var codes))
        {
            return false;
        }

        var message = headers.NonValidated.TryGetValues(GrpcProtocol.MessageHeader, out var messages) ? messages.ToString() : null;
        status = new Status(GrpcProtocol.ParseStatusCode(codes.ToString()), GrpcMessageText.Decode(message));
        return true;
    }
}
