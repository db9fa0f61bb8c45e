using System.Net;

namespace Upstream.Grpc.Client.Transport;

/// <summary>
/// A request body the caller writes to while the call runs. HttpClient hands us the HTTP/2 request stream and
/// keeps it open until <see cref="Complete"/>, which ends the stream (END_STREAM): that is what makes client and
/// duplex streaming work, with responses read concurrently.
/// </summary>
internal sealed class RequestStreamContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RequestStreamContent(string contentType) =>
        Headers.TryAddWithoutValidation("Content-Type", contentType);

    /// <summary>The request stream, once HttpClient has started sending the body.</summary>
    public Task<Stream> Stream => stream.Task;

    public void Complete() => completed.TrySetResult();

    /// <summary>
    /// The call ended before the caller completed the request stream: unblocks any writer waiting for the stream,
    /// and fails the body so HttpClient resets the HTTP/2 stream rather than ending it as if all was sent.
    /// </summary>
    public void Abort(Exception reason)
    {
        stream.TrySetException(reason);
        completed.TrySetException(reason);

        // Nobody may be waiting on either; reading the exceptions marks them observed.
        _ = stream.Task.Exception;
        _ = completed.Task.Exception;
    }

    protected override async Task SerializeToStreamAsync(Stream target, TransportContext? context) =>
        await SerializeToStreamAsync(target, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream target, TransportContext? context, CancellationToken cancellationToken)
    {
        // SocketsHttpHandler holds HTTP/2 request headers back until the body is first flushed; flush now so the
        // server sees the call start even before the first message (a duplex call may wait for a response first).
        await target.FlushAsync(cancellationToken);
        stream.TrySetResult(target);
        await completed.Task.WaitAsync(cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
