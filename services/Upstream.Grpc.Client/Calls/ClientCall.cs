using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using Upstream.Grpc.Client.Transport;
using Upstream.Grpc.Protocol;

namespace Upstream.Grpc.Client.Calls;

/// <summary>
/// One gRPC call over one HTTP/2 stream: sends the request headers and messages, reads the response headers,
/// messages and trailers, and settles the call's status exactly once. A deadline or cancellation aborts the
/// HTTP request, which makes SocketsHttpHandler reset the stream (RST_STREAM CANCEL).
/// </summary>
internal sealed class ClientCall<TRequest, TResponse> : IDisposable
    where TRequest : class
    where TResponse : class
{
    private const string UserAgent = "upstream-grpc-dotnet/1.0";

    private readonly Method<TRequest, TResponse> method;
    private readonly CallOptions options;
    private readonly CallTarget target;
    private readonly CancellationTokenSource aborted = new();
    private readonly TaskCompletionSource<Metadata> headers = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock gate = new();
    private readonly string? requestEncoding;
    private Task<PipeReader?>? body;
    private PipeWriter? requestWriter;
    private HttpResponseMessage? response;
    private RequestStreamContent? requestStream;
    private CancellationTokenRegistration callerCancellation;
    private ITimer? deadlineTimer;
    private volatile Outcome? outcome;
    private string? responseEncoding;

    public ClientCall(Method<TRequest, TResponse> method, CallOptions options, CallTarget target)
    {
        this.method = method;
        this.options = options;
        this.target = target;
        requestEncoding = options.RequestCompression ?? target.Options.RequestCompression;
        if (!GrpcCompression.IsSupported(requestEncoding))
        {
            throw new ArgumentException($"Request compression '{requestEncoding}' is not supported.", nameof(options));
        }

        // Observed so an abandoned call never leaves an unobserved failure behind.
        headers.Task.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
    }

    public Task<Metadata> ResponseHeadersAsync => headers.Task;

    /// <summary>Starts a unary or server-streaming call: the one request goes with the headers.</summary>
    public void Start(TRequest request)
    {
        var frame = new ArrayBufferWriter<byte>();
        GrpcMessageWriter.Write(frame, request, method.RequestMarshaller, requestEncoding);
        var content = new ReadOnlyMemoryContent(frame.WrittenMemory);
        content.Headers.TryAddWithoutValidation("Content-Type", GrpcProtocol.ContentType);
        Start(content);
    }

    /// <summary>Starts a client-streaming or duplex call: requests are written while responses are read.</summary>
    public void StartStreaming()
    {
        requestStream = new RequestStreamContent(GrpcProtocol.ContentType);
        Start(requestStream);
    }

    private void Start(HttpContent content)
    {
        callerCancellation = options.CancellationToken.Register(
            static state => ((ClientCall<TRequest, TResponse>)state!).Abort(new Status(StatusCode.Cancelled, "The call was cancelled by the caller.")),
            this);

        TimeSpan? timeout = null;
        if (options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            var remaining = deadline.ToUniversalTime() - target.Options.TimeProvider.GetUtcNow().UtcDateTime;
            if (remaining <= TimeSpan.Zero)
            {
                Abort(DeadlineExceeded());
                body = Task.FromResult<PipeReader?>(null);
                content.Dispose();
                return;
            }

            timeout = remaining;
            deadlineTimer = target.Options.TimeProvider.CreateTimer(
                static state => ((ClientCall<TRequest, TResponse>)state!).Abort(DeadlineExceeded()),
                this, remaining, Timeout.InfiniteTimeSpan);
        }

        body = SendAsync(BuildRequest(content, timeout));
    }

    private HttpRequestMessage BuildRequest(HttpContent content, TimeSpan? timeout)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target.Endpoint, method.FullName))
        {
            // Set on every message: HttpClient's defaults do not apply to SendAsync. Exact 2.0 on http:// is h2c.
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var h = request.Headers;
        h.TryAddWithoutValidation(GrpcProtocol.TeHeader, GrpcProtocol.TeTrailers);
        h.TryAddWithoutValidation(GrpcProtocol.UserAgentHeader, UserAgent);
        h.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcCompression.AcceptEncodingValue);
        if (requestEncoding is not null)
        {
            h.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, requestEncoding);
        }

        if (timeout is { } t)
        {
            h.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(t));
        }

        if (options.Headers is { } metadata)
        {
            MetadataHeaders.Write(metadata, h);
        }

        return request;
    }

    private async Task<PipeReader?> SendAsync(HttpRequestMessage request)
    {
        try
        {
            var received = await target.Invoker.SendAsync(request, aborted.Token).ConfigureAwait(false);
            lock (gate)
            {
                response = received;
            }

            if (outcome is not null)
            {
                // Aborted while the headers were on their way: release the stream now.
                received.Dispose();
                return null;
            }

            headers.TrySetResult(MetadataHeaders.Read(received.Headers));
            if (ResponseStatus.FromHeaders(received) is { } early)
            {
                // Trailers-Only: the status arrived with the headers; nothing more will come.
                Finish(early, MetadataHeaders.Read(received.Headers));
                return null;
            }

            responseEncoding = received.Headers.NonValidated.TryGetValues(GrpcProtocol.EncodingHeader, out var encoding) ? encoding.ToString() : null;
            return PipeReader.Create(await received.Content.ReadAsStreamAsync(aborted.Token).ConfigureAwait(false));
        }
        catch (Exception e)
        {
            Finish(FailureStatus(e), Metadata.Empty);
            return null;
        }
    }

    /// <summary>Reads the next response message; null at the end of a successful call. Failures throw <see cref="RpcException"/>.</summary>
    public async Task<TResponse?> ReadAsync(CancellationToken cancellationToken)
    {
        using var readCancellation = cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static state => ((ClientCall<TRequest, TResponse>)state!).Abort(new Status(StatusCode.Cancelled, "The read was cancelled.")), this)
            : default;
        var reader = await body!.ConfigureAwait(false);
        if (reader is null)
        {
            return FinishedOrThrow();
        }

        TResponse? message;
        try
        {
            var limit = target.Options.MaxReceiveMessageSize ?? int.MaxValue;
            message = await GrpcMessageReader.ReadAsync(reader, method.ResponseMarshaller, responseEncoding, limit, aborted.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // A fault in the response (too large, malformed) ends the call here and resets the stream.
            Abort(FailureStatus(e));
            throw Failure();
        }

        if (message is null)
        {
            Finish(ResponseStatus.FromTrailers(response!), MetadataHeaders.Read(response!.TrailingHeaders));
            return FinishedOrThrow();
        }

        return message;
    }

    /// <summary>Reads the one response of a unary or client-streaming call, then its status.</summary>
    public async Task<TResponse> ReadSingleAsync()
    {
        var message = await ReadAsync(CancellationToken.None).ConfigureAwait(false);
        if (message is null)
        {
            Abort(new Status(StatusCode.Internal, "The server ended the call without a response message."));
            throw Failure();
        }

        if (await ReadAsync(CancellationToken.None).ConfigureAwait(false) is not null)
        {
            Abort(new Status(StatusCode.Internal, "The server sent more than one response message."));
            throw Failure();
        }

        return message;
    }

    public async Task WriteAsync(TRequest message, WriteOptions? writeOptions)
    {
        var writer = await RequestWriterAsync().ConfigureAwait(false);
        var flags = writeOptions?.Flags ?? WriteFlags.None;
        try
        {
            GrpcMessageWriter.Write(writer, message, method.RequestMarshaller, (flags & WriteFlags.NoCompress) == 0 ? requestEncoding : null);
            if ((flags & WriteFlags.BufferHint) == 0)
            {
                await writer.FlushAsync(aborted.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            Abort(FailureStatus(e));
            throw Failure();
        }
    }

    public async Task CompleteAsync()
    {
        var writer = await RequestWriterAsync().ConfigureAwait(false);
        try
        {
            await writer.FlushAsync(aborted.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Abort(FailureStatus(e));
            throw Failure();
        }

        requestStream!.Complete();
    }

    private async Task<PipeWriter> RequestWriterAsync()
    {
        if (outcome is { } ended)
        {
            // Writing after the call ended is the caller's mistake only when it succeeded; otherwise report why it ended.
            throw ended.Status.StatusCode == StatusCode.OK
                ? new InvalidOperationException("The call has already finished.")
                : new RpcException(ended.Status, ended.Trailers);
        }

        try
        {
            var stream = await requestStream!.Stream.WaitAsync(aborted.Token).ConfigureAwait(false);
            return requestWriter ??= PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        }
        catch (OperationCanceledException)
        {
            throw Failure();
        }
    }

    public Status GetStatus() => Ended.Status;

    public Metadata GetTrailers() => Ended.Trailers;

    private Outcome Ended =>
        outcome ?? throw new InvalidOperationException("The call is still running; its status and trailers are not known yet.");

    /// <summary>Ends the call with this status unless it already ended; cancels the HTTP/2 stream.</summary>
    public void Abort(Status reason)
    {
        if (Finish(reason, Metadata.Empty))
        {
            // Cancels a send still waiting for headers; Finish has already reset an open response stream.
            aborted.Cancel();
        }
    }

    public void Dispose()
    {
        Abort(new Status(StatusCode.Cancelled, "The call was disposed before it finished."));
        lock (gate)
        {
            response?.Dispose();
        }

        callerCancellation.Dispose();
        deadlineTimer?.Dispose();
    }

    private bool Finish(Status status, Metadata trailing)
    {
        lock (gate)
        {
            if (outcome is not null)
            {
                return false;
            }

            outcome = new Outcome(status, trailing);
        }

        // A settled call no longer listens to the caller's token (it may outlive many calls) or its deadline.
        callerCancellation.Unregister();
        deadlineTimer?.Dispose();
        requestStream?.Abort(new RpcException(status, trailing));
        headers.TrySetException(new RpcException(status, trailing));
        lock (gate)
        {
            // Releases the stream; one still open (the call was aborted) is reset with RST_STREAM(CANCEL).
            response?.Dispose();
        }

        return true;
    }

    private TResponse? FinishedOrThrow() =>
        GetStatus().StatusCode == StatusCode.OK ? null : throw Failure();

    private RpcException Failure() => new(Ended.Status, Ended.Trailers);

    /// <summary>If the call was already settled (deadline, cancellation), that explains the failure better.</summary>
    private Status FailureStatus(Exception e) =>
        outcome?.Status ?? ResponseStatus.FromException(e);

    private static Status DeadlineExceeded() => new(StatusCode.DeadlineExceeded, "The deadline passed before the call finished.");
}

/// <summary>How a call ended: set once, read by every waiter.</summary>
internal sealed record Outcome(Status Status, Metadata Trailers);

/// <summary>Where and how one call is sent: the handler, the replica's address and the client's options.</summary>
internal sealed record CallTarget(HttpMessageInvoker Invoker, Uri Endpoint, GrpcClientOptions Options);
