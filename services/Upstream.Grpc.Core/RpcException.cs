namespace Upstream.Grpc;

/// <summary>
/// A call that ended with a status other than OK. Thrown by handlers to choose the status they return, and by
/// clients when a call fails. Rich details (google.rpc.Status) travel in <see cref="Trailers"/> as
/// <c>grpc-status-details-bin</c>; the helpers in Upstream.Protos' <c>RpcErrors</c> read and write them.
/// </summary>
public class RpcException : Exception
{
    public RpcException(Status status)
        : this(status, Metadata.Empty, status.Detail)
    {
    }

    public RpcException(Status status, string message)
        : this(status, Metadata.Empty, message)
    {
    }

    public RpcException(Status status, Metadata trailers)
        : this(status, trailers, status.Detail)
    {
    }

    public RpcException(Status status, Metadata trailers, string message)
        : base(message, status.DebugException)
    {
        ArgumentNullException.ThrowIfNull(trailers);
        Status = status;
        Trailers = trailers;
    }

    public Status Status { get; }

    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>Trailing metadata sent with (server) or received with (client) the status.</summary>
    public Metadata Trailers { get; }

    public override string Message => $"Status(StatusCode=\"{Status.StatusCode}\", Detail=\"{Status.Detail}\")";
}
