using System.Security.Claims;

namespace Upstream.Grpc;

/// <summary>What a handler knows about the call it serves, and how it shapes the response's metadata and status.</summary>
public abstract class ServerCallContext
{
    private Dictionary<object, object>? userState;

    /// <summary>The method's path, e.g. <c>/grpc.testing.TestService/EmptyCall</c>.</summary>
    public abstract string Method { get; }

    public abstract string Host { get; }

    /// <summary>The caller's address, e.g. <c>ipv4:127.0.0.1:5123</c>.</summary>
    public abstract string Peer { get; }

    /// <summary>When the call must finish (UTC); <see cref="DateTime.MaxValue"/> when the caller set no deadline.</summary>
    public abstract DateTime Deadline { get; }

    public abstract Metadata RequestHeaders { get; }

    /// <summary>Cancelled when the caller cancels, the deadline passes or the connection is lost.</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>Metadata sent with the status at the end of the call.</summary>
    public abstract Metadata ResponseTrailers { get; }

    /// <summary>The status the call ends with if the handler returns normally (OK unless set).</summary>
    public abstract Status Status { get; set; }

    /// <summary>Options for response writes; null means the defaults.</summary>
    public abstract WriteOptions? WriteOptions { get; set; }

    /// <summary>The authenticated caller (an anonymous principal when none).</summary>
    public abstract ClaimsPrincipal User { get; }

    /// <summary>State interceptors and handlers share for this call.</summary>
    public IDictionary<object, object> UserState => userState ??= [];

    /// <summary>Sends the response headers now (at most once, before the first message).</summary>
    public abstract Task WriteResponseHeadersAsync(Metadata responseHeaders);
}
