using Google.Protobuf;
using Google.Rpc;

namespace Upstream.Grpc;

/// <summary>Reads the google.rpc.Status a server sent in <c>grpc-status-details-bin</c>.</summary>
public static class RpcStatusExtensions
{
    /// <summary>The rich status, or null if none was sent or it does not parse.</summary>
    public static Google.Rpc.Status? GetRpcStatus(this RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Trailers.GetRpcStatus();
    }

    public static Google.Rpc.Status? GetRpcStatus(this Metadata trailers)
    {
        ArgumentNullException.ThrowIfNull(trailers);
        var bytes = trailers.GetValueBytes(Protocol.GrpcProtocol.StatusDetailsHeader);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return Google.Rpc.Status.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return null; // A peer's malformed details must not turn a clear status into a crash.
        }
    }

    /// <summary>The first detail of type <typeparamref name="T"/>, or null.</summary>
    public static T? GetDetail<T>(this RpcException exception)
        where T : class, IMessage<T>, new()
    {
        var status = exception.GetRpcStatus();
        if (status is null)
        {
            return null;
        }

        var descriptor = new T().Descriptor;
        foreach (var any in status.Details)
        {
            if (any.Is(descriptor))
            {
                return any.Unpack<T>();
            }
        }

        return null;
    }

    /// <summary>The BadRequest field violations (empty when there are none).</summary>
    public static IReadOnlyList<BadRequest.Types.FieldViolation> GetFieldViolations(this RpcException exception) =>
        exception.GetDetail<BadRequest>()?.FieldViolations ?? (IReadOnlyList<BadRequest.Types.FieldViolation>)[];

    /// <summary>The PreconditionFailure violations (empty when there are none).</summary>
    public static IReadOnlyList<PreconditionFailure.Types.Violation> GetPreconditionViolations(this RpcException exception) =>
        exception.GetDetail<PreconditionFailure>()?.Violations ?? (IReadOnlyList<PreconditionFailure.Types.Violation>)[];
}
