using Upstream.Grpc.Client.Balancing;
using Upstream.Grpc.Client.Calls;
using Upstream.Grpc.Client.Resilience;

namespace Upstream.Grpc.Client;

/// <summary>
/// Starts gRPC calls over HTTP/2 to one service's replicas, each call on the next replica in turn. Generated
/// clients take it as their <see cref="CallInvoker"/>. Owns its handler unless given one.
/// </summary>
public sealed class HttpCallInvoker : CallInvoker, IDisposable
{
    private readonly HttpMessageInvoker invoker;
    private readonly RoundRobinEndpoints endpoints;
    private readonly GrpcClientOptions options;
    private readonly UnaryRetry retry;

    public HttpCallInvoker(RoundRobinEndpoints endpoints, GrpcClientOptions? options = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        this.endpoints = endpoints;
        this.options = options ?? new GrpcClientOptions();
        invoker = new HttpMessageInvoker(handler ?? Transport.GrpcHttpHandler.Create(), disposeHandler: handler is null);
        retry = new UnaryRetry(this.options.Retry, this.options.TimeProvider);
    }

    public HttpCallInvoker(Uri address, GrpcClientOptions? options = null, HttpMessageHandler? handler = null)
        : this(new RoundRobinEndpoints([address]), options, handler)
    {
    }

    public IReadOnlyList<Uri> Endpoints => endpoints.All;

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options, TRequest request)
    {
        if (this.options.Retry.MaxAttempts > 1 && this.options.Retry.IsIdempotent(method))
        {
            return retry.Call(() => StartUnary(method, options, request), options.CancellationToken);
        }

        return StartUnary(method, options, request);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options, TRequest request)
    {
        var call = NewCall(method, options);
        call.Start(request);
        return new AsyncServerStreamingCall<TResponse>(
            new ResponseStreamReader<TRequest, TResponse>(call), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
    {
        var call = NewCall(method, options);
        call.StartStreaming();
        return new AsyncClientStreamingCall<TRequest, TResponse>(
            new RequestStreamWriter<TRequest, TResponse>(call), call.ReadSingleAsync(), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
    {
        var call = NewCall(method, options);
        call.StartStreaming();
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(
            new RequestStreamWriter<TRequest, TResponse>(call), new ResponseStreamReader<TRequest, TResponse>(call),
            call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public void Dispose() => invoker.Dispose();

    private AsyncUnaryCall<TResponse> StartUnary<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options, TRequest request)
        where TRequest : class
        where TResponse : class
    {
        var call = NewCall(method, options);
        call.Start(request);
        return new AsyncUnaryCall<TResponse>(call.ReadSingleAsync(), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    private ClientCall<TRequest, TResponse> NewCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
        where TRequest : class
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(method);
        return new ClientCall<TRequest, TResponse>(method, options, new CallTarget(invoker, endpoints.Next(), this.options));
    }
}
