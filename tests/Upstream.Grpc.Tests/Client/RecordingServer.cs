using System.Collections.Concurrent;
using System.Net;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Upstream.Grpc.Protocol;
using Upstream.Hosting.Infrastructure;

namespace Upstream.Grpc.Tests.Client;

/// <summary>
/// A bare Kestrel HTTP/2 endpoint that answers every call with an empty message and OK, and remembers what each
/// request carried and whether the client reset it: it shows what our client puts on the wire. A request with
/// metadata <c>x-test-hang</c> is never answered, so the client's deadline or cancellation has to end it; one
/// with <c>x-test-gzip</c> gets its response gzip-compressed; one with <c>x-test-invalid</c> is refused
/// (Trailers-Only) with INVALID_ARGUMENT and a field violation in <c>grpc-status-details-bin</c>.
/// </summary>
public sealed class RecordingServer : IAsyncDisposable
{
    public const string Hang = "x-test-hang";
    public const string Gzip = "x-test-gzip";
    public const string Invalid = "x-test-invalid";

    private readonly WebApplication app;

    private RecordingServer(WebApplication app, int port)
    {
        this.app = app;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Address { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static Task<RecordingServer> StartAsync() => FreePort.StartAsync(async port =>
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        var server = new RecordingServer(app, port);
        app.MapPost("/{**path}", server.HandleAsync);
        try
        {
            await app.StartAsync();
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"Port {port} is taken.", e);
        }

        return server;
    });

    private async Task HandleAsync(HttpContext context)
    {
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        var recorded = new RecordedRequest(context.Request.Path, headers);
        Requests.Enqueue(recorded);
        if (headers.ContainsKey(Hang))
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                recorded.ResetByClient.TrySetResult();
            }

            return;
        }

        if (headers.ContainsKey(Invalid))
        {
            var refusal = RpcErrors.InvalidArgument("The request is not valid: see the field violations.", ("call.title", "A title is required."));
            context.Response.ContentType = GrpcProtocol.ContentType;
            context.Response.Headers[GrpcProtocol.StatusHeader] = GrpcProtocol.FormatStatusCode(refusal.StatusCode);
            context.Response.Headers[GrpcProtocol.MessageHeader] = GrpcMessageText.Encode(refusal.Status.Detail);
            foreach (var entry in refusal.Trailers)
            {
                context.Response.Headers.Append(entry.Key, MetadataEncoding.ToHeaderValue(entry));
            }

            return;
        }

        var encoding = headers.ContainsKey(Gzip) ? GrpcCompression.Gzip : null;
        context.Response.ContentType = GrpcProtocol.ContentType;
        context.Response.DeclareTrailer(GrpcProtocol.StatusHeader);
        if (encoding is not null)
        {
            context.Response.Headers[GrpcProtocol.EncodingHeader] = encoding;
        }

        GrpcMessageWriter.Write(context.Response.BodyWriter, new Empty(), Marshallers.ForMessage<Empty>(), encoding);
        await context.Response.BodyWriter.FlushAsync();
        context.Features.Get<IHttpResponseTrailersFeature>()!.Trailers[GrpcProtocol.StatusHeader] = "0";
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

/// <summary>What one request carried; <see cref="ResetByClient"/> completes if the client reset the stream.</summary>
public sealed record RecordedRequest(string Path, IReadOnlyDictionary<string, string> Headers)
{
    public TaskCompletionSource ResetByClient { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
