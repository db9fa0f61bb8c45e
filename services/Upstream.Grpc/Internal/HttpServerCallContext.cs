using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;
using Upstream.Grpc.Protocol;

namespace Upstream.Grpc.Internal;

/// <summary>One call on Kestrel: its headers, deadline, cancellation, response state and final status.</summary>
internal sealed partial class HttpServerCallContext : ServerCallContext, IDisposable
{
    private readonly IMethod method;
    private readonly ILogger logger;
    private readonly CancellationToken requestAborted;
    private CancellationTokenSource? deadlineSource;
    private Metadata? requestHeaders;
    private Metadata? responseTrailers;
    private Status status = Status.DefaultSuccess;
    private DateTime deadline = DateTime.MaxValue;

    public HttpServerCallContext(HttpContext httpContext, IMethod method, GrpcServerOptions options, ILogger logger)
    {
        HttpContext = httpContext;
        this.method = method;
        Options = options;
        this.logger = logger;
        // Read once: Kestrel takes a lock each time the token is read.
        requestAborted = httpContext.RequestAborted;
        CallToken = requestAborted;
    }

    public HttpContext HttpContext { get; }

    public GrpcServerOptions Options { get; }

    /// <summary>The caller's <c>grpc-encoding</c> for request messages (null: identity).</summary>
    public string? RequestEncoding { get; private set; }

    /// <summary>The encoding applied to response messages (null: none).</summary>
    public string? ResponseEncoding { get; private set; }

    /// <summary>Set when the call must end without running the handler (e.g. an unsupported encoding).</summary>
    public Status? EarlyStatus { get; private set; }

    /// <summary>True once headers or a message have gone out, so the status must travel as trailers.</summary>
    public bool ResponseStarted { get; set; }

    public bool DeadlineExceeded => deadlineSource is { IsCancellationRequested: true } && !requestAborted.IsCancellationRequested;

    private CancellationToken CallToken { get; set; }

    public override string Method => method.FullName;

    public override string Host => HttpContext.Request.Host.Value ?? "";

    public override string Peer
    {
        get
        {
            var connection = HttpContext.Connection;
            return connection.RemoteIpAddress switch
            {
                null => "unknown",
                { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } address => $"ipv6:[{address}]:{connection.RemotePort}",
                var address => $"ipv4:{address}:{connection.RemotePort}",
            };
        }
    }

    public override DateTime Deadline => deadline;

    public override Metadata RequestHeaders => requestHeaders ??= ReadRequestHeaders();

    public override CancellationToken CancellationToken => CallToken;

    public override Metadata ResponseTrailers => responseTrailers ??= [];

    public override Status Status
    {
        get => status;
        set => status = value;
    }

    public override WriteOptions? WriteOptions { get; set; }

    public override ClaimsPrincipal User => HttpContext.User;

    /// <summary>Reads the protocol headers; sets <see cref="EarlyStatus"/> when the call cannot be served.</summary>
    /// <param name="liftBodySizeLimit">True when the request body may outgrow Kestrel's limit (see <see cref="CallEndpoint"/>).</param>
    public void Initialize(bool liftBodySizeLimit)
    {
        // The gRPC headers are among ASP.NET Core's known headers: their properties skip the lookup by name.
        var headers = HttpContext.Request.Headers;
        var timeoutText = headers.GrpcTimeout.ToString();
        if (timeoutText.Length > 0)
        {
            if (GrpcTimeout.TryParse(timeoutText, out var timeout))
            {
                StartDeadline(timeout);
            }
            else
            {
                // As C-core and grpc-dotnet do: a malformed timeout is ignored (logged), not fatal.
                LogInvalidTimeout(logger, method.FullName);
            }
        }

        var encoding = headers.GrpcEncoding.ToString();
        if (encoding.Length > 0 && encoding != GrpcCompression.Identity)
        {
            if (GrpcCompression.IsSupported(encoding))
            {
                RequestEncoding = encoding;
            }
            else
            {
                EarlyStatus = new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding '{encoding}'; supported: {GrpcCompression.AcceptEncodingValue}.");
            }
        }

        var response = HttpContext.Response;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers.GrpcAcceptEncoding = GrpcCompression.AcceptEncodingValue;
        if (Options.ResponseCompression is { } compression
            && GrpcCompression.Accepts(headers.GrpcAcceptEncoding.ToString(), compression))
        {
            ResponseEncoding = compression;
            response.Headers.GrpcEncoding = compression;
        }

        // Request streams may run long and idle: the protocol's own limits (message size, deadline) govern instead.
        if (method.Type.HasRequestStream()
            && HttpContext.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }

        if (liftBodySizeLimit && HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }
    }

    public override async Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        if (ResponseStarted)
        {
            throw new InvalidOperationException("Response headers can only be sent once per call, before the first message.");
        }

        AppendMetadata(HttpContext.Response.Headers, responseHeaders);
        ResponseStarted = true;
        await HttpContext.Response.StartAsync(CancellationToken);
    }

    /// <summary>Turns what a handler (or interceptor) threw into the call's status; unexpected exceptions are logged.</summary>
    public void SetStatusFromException(Exception exception)
    {
        if (exception is not RpcException && Options.ExceptionTranslator?.Invoke(exception) is { } translated)
        {
            exception = translated;
        }

        switch (exception)
        {
            case RpcException rpc:
                status = rpc.Status;
                foreach (var entry in rpc.Trailers)
                {
                    ResponseTrailers.Add(entry);
                }

                break;
            case OperationCanceledException or IOException when DeadlineExceeded:
                status = new Status(StatusCode.DeadlineExceeded, "Deadline exceeded.", exception);
                break;
            case OperationCanceledException or IOException or Microsoft.AspNetCore.Connections.ConnectionAbortedException
                when requestAborted.IsCancellationRequested:
                status = new Status(StatusCode.Cancelled, "The call was cancelled by the client.", exception);
                break;
            default:
                LogUnhandledException(logger, method.FullName, exception);
                var detail = Options.EnableDetailedErrors
                    ? $"Exception was thrown by handler. {exception.GetType().Name}: {exception.Message}"
                    : "Exception was thrown by handler.";
                status = new Status(StatusCode.Internal, detail, exception);
                break;
        }
    }

    /// <summary>Takes the outcome of a step that has completed: what it threw becomes the call's status.</summary>
    public void Observe(ValueTask completed)
    {
        try
        {
            completed.GetAwaiter().GetResult();
        }
        catch (Exception exception)
        {
            SetStatusFromException(exception);
        }
    }

    /// <summary>Waits for a step still running: what it throws becomes the call's status.</summary>
    public async ValueTask ObserveAsync(ValueTask running)
    {
        try
        {
            await running;
        }
        catch (Exception exception)
        {
            SetStatusFromException(exception);
        }
    }

    /// <summary>Ends the call: the status in trailers, or alone in the headers when nothing was sent yet.</summary>
    public void Complete()
    {
        if (requestAborted.IsCancellationRequested)
        {
            if (status.StatusCode == StatusCode.OK)
            {
                status = DeadlineExceeded ? new Status(StatusCode.DeadlineExceeded, "Deadline exceeded.") : new Status(StatusCode.Cancelled, "The call was cancelled by the client.");
            }

            return; // The stream is gone: nothing more can reach the client.
        }

        if (DeadlineExceeded && status.StatusCode is not StatusCode.DeadlineExceeded)
        {
            status = new Status(StatusCode.DeadlineExceeded, "Deadline exceeded.");
        }

        var response = HttpContext.Response;
        if (!ResponseStarted && !response.HasStarted)
        {
            TrailersOnly.Write(response, status, responseTrailers);
            return;
        }

        var trailers = HttpContext.Features.Get<IHttpResponseTrailersFeature>()?.Trailers
            ?? throw new InvalidOperationException("The response cannot carry trailers, which gRPC needs for its status.");
        trailers.GrpcStatus = GrpcProtocol.FormatStatusCode(status.StatusCode);
        if (!string.IsNullOrEmpty(status.Detail))
        {
            trailers.GrpcMessage = GrpcMessageText.Encode(status.Detail);
        }

        if (responseTrailers is not null)
        {
            foreach (var entry in responseTrailers)
            {
                if (!GrpcProtocol.IsReservedHeader(entry.Key))
                {
                    trailers.Append(entry.Key, MetadataEncoding.ToHeaderValue(entry));
                }
            }
        }
    }

    public void Dispose() => deadlineSource?.Dispose();

    private void StartDeadline(TimeSpan timeout)
    {
        deadline = timeout >= DateTime.MaxValue - DateTime.UtcNow ? DateTime.MaxValue : DateTime.UtcNow + timeout;
        deadlineSource = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        CallToken = deadlineSource.Token;
        if (timeout <= TimeSpan.Zero)
        {
            deadlineSource.Cancel();
        }
        else if (timeout.TotalMilliseconds < uint.MaxValue - 1)
        {
            deadlineSource.CancelAfter(timeout);
        }
    }

    private Metadata ReadRequestHeaders()
    {
        var metadata = new Metadata();
        foreach (var (name, values) in HttpContext.Request.Headers)
        {
            if (GrpcProtocol.IsReservedHeader(name))
            {
                continue;
            }

            foreach (var value in values)
            {
                if (value is not null && !MetadataEncoding.TryAdd(metadata, name, value))
                {
                    LogInvalidMetadata(logger, method.FullName, name);
                }
            }
        }

        return metadata;
    }

    private static void AppendMetadata(IHeaderDictionary headers, Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            if (!GrpcProtocol.IsReservedHeader(entry.Key))
            {
                headers.Append(entry.Key, MetadataEncoding.ToHeaderValue(entry));
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "gRPC handler for {Method} threw an unhandled exception; the caller gets INTERNAL")]
    private static partial void LogUnhandledException(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Ignored a malformed grpc-timeout on a call to {Method}")]
    private static partial void LogInvalidTimeout(ILogger logger, string method);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Dropped request metadata '{Name}' with an invalid value on a call to {Method}")]
    private static partial void LogInvalidMetadata(ILogger logger, string method, string name);
}
