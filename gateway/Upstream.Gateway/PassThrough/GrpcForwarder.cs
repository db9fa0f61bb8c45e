using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Upstream.Gateway.Backends;

namespace Upstream.Gateway.PassThrough;

/// <summary>
/// Passes an application/grpc request through to a replica of the service that owns it (found from the path,
/// /package.Service/Method), over HTTP/2: headers and messages both ways as they flow, then the trailers.
/// This is HTTP/2 proxying, not gRPC: messages are never decoded, so any method of any fronted service works.
/// </summary>
public sealed partial class GrpcForwarder(BackendDirectory directory, IOptions<GatewayOptions> options, ILogger<GrpcForwarder> logger) : IDisposable
{
    // Connection-level headers are the hop's own business and never travel further.
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Upgrade", "Host", "Content-Length", "grpc-timeout",
    };

    private readonly HttpMessageInvoker _transport = new(new SocketsHttpHandler
    {
        EnableMultipleHttp2Connections = true,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        KeepAlivePingDelay = TimeSpan.FromSeconds(30),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        ActivityHeadersPropagator = null, // traceparent is forwarded as the client sent it
    });

    public async Task ForwardAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var slash = path.IndexOf('/', 1);
        var service = slash > 1 ? path[1..slash] : path.TrimStart('/');
        if (directory.For(service) is not { } backend)
        {
            await GrpcStatusReply.WriteAsync(context, GrpcStatusReply.Unimplemented, $"The service '{service}' is not served here.");
            return;
        }

        if (backend.Pick() is not { } replica)
        {
            await GrpcStatusReply.WriteAsync(context, GrpcStatusReply.Unavailable, $"No replica of '{backend.Name}' is healthy.");
            return;
        }

        // Streams may be long and slow: the per-message 4 MiB limit is the service's to enforce.
        context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize = null;
        context.Features.Get<IHttpMinRequestBodyDataRateFeature>()?.MinDataRate = null;

        var limit = options.Value.GrpcMaxTimeout;
        var timeout = GrpcTimeout.Parse(context.Request.Headers["grpc-timeout"]) is { } asked && asked < limit ? asked : limit;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);

        // The service enforces the deadline itself; the gateway's own cut-off, a moment later, covers a service that does not.
        deadline.CancelAfter(timeout + TimeSpan.FromSeconds(1));

        using var request = Outgoing(context, replica, timeout);
        HttpResponseMessage response;
        try
        {
            response = await _transport.SendAsync(request, deadline.Token);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !context.RequestAborted.IsCancellationRequested)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
            {
                replica.MarkUnhealthy();
            }

            LogFailed(logger, replica.Address, path, e.GetType().Name);
            var (status, message) = e is OperationCanceledException
                ? (GrpcStatusReply.DeadlineExceeded, "Deadline exceeded at the gateway.")
                : (GrpcStatusReply.Unavailable, $"'{backend.Name}' could not be reached.");
            await GrpcStatusReply.WriteAsync(context, status, message);
            return;
        }
        catch (OperationCanceledException)
        {
            return; // the client went away; cancelling the call reset the backend's stream
        }

        using (response)
        {
            await RelayAsync(context, response, deadline.Token);
        }
    }

    private static HttpRequestMessage Outgoing(HttpContext context, Replica replica, TimeSpan timeout)
    {
        var incoming = context.Request;
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(replica.Address, incoming.Path + incoming.QueryString))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StreamingRequestContent(incoming.BodyReader),
        };
        foreach (var (name, values) in incoming.Headers)
        {
            if (name.StartsWith(':') || HopByHop.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        request.Headers.TryAddWithoutValidation("grpc-timeout", GrpcTimeout.Format(timeout));
        return request;
    }

    private async Task RelayAsync(HttpContext context, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var outgoing = context.Response;
        outgoing.StatusCode = (int)response.StatusCode;
        Copy(response.Headers, outgoing.Headers);
        Copy(response.Content.Headers, outgoing.Headers);

        try
        {
            // A Trailers-Only reply (status in the headers) must stay one HEADERS frame: do not flush it early.
            if (!outgoing.Headers.ContainsKey("grpc-status"))
            {
                await outgoing.Body.FlushAsync(cancellationToken);
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await outgoing.Body.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                await outgoing.Body.FlushAsync(cancellationToken);
            }

            foreach (var (name, values) in response.TrailingHeaders)
            {
                outgoing.AppendTrailer(name, new StringValues([.. values]));
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            // Mid-stream failure: the status can no longer be written, so reset the client's stream as the backend's was.
            var code = e is HttpProtocolException protocol ? (int)protocol.ErrorCode : context.RequestAborted.IsCancellationRequested ? 0x8 : 0x2;
            LogBroken(logger, context.Request.Path, code);
            context.Features.Get<IHttpResetFeature>()?.Reset(code);
        }
    }

    private static void Copy(HttpHeaders from, IHeaderDictionary to)
    {
        foreach (var (name, values) in from)
        {
            if (!HopByHop.Contains(name))
            {
                to[name] = new StringValues([.. values]);
            }
        }
    }

    public void Dispose() => _transport.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Passing {Path} to {Replica} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, Uri replica, string path, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Path} broke mid-call; reset with code {Code}")]
    private static partial void LogBroken(ILogger logger, PathString path, int code);
}
