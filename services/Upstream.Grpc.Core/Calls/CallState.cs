namespace Upstream.Grpc;

/// <summary>What every call result offers besides its messages: headers, the final status and trailers, disposal.</summary>
public abstract class CallState(
    Task<Metadata> responseHeadersAsync,
    Func<Status> getStatus,
    Func<Metadata> getTrailers,
    Action dispose) : IDisposable
{
    /// <summary>The response headers, once the server has sent them.</summary>
    public Task<Metadata> ResponseHeadersAsync { get; } = responseHeadersAsync;

    /// <summary>The call's status; only valid once the call has finished (throws before).</summary>
    public Status GetStatus() => getStatus();

    /// <summary>The trailing metadata; only valid once the call has finished (throws before).</summary>
    public Metadata GetTrailers() => getTrailers();

    /// <summary>Ends the call; if it is still running it is cancelled.</summary>
    public void Dispose()
    {
        dispose();
        GC.SuppressFinalize(this);
    }
}
