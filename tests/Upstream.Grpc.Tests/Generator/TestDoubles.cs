using System.Security.Claims;
using Google.Protobuf.Reflection;

namespace Upstream.Grpc.Tests.Generator;

/// <summary>A call context for calling a service class directly, without a server.</summary>
internal sealed class TestServerCallContext : ServerCallContext
{
    public override string Method => "/test/Method";

    public override string Host => "localhost";

    public override string Peer => "ipv4:127.0.0.1:1";

    public override DateTime Deadline => DateTime.MaxValue;

    public override Metadata RequestHeaders { get; } = [];

    public override CancellationToken CancellationToken => CancellationToken.None;

    public override Metadata ResponseTrailers { get; } = [];

    public override Status Status { get; set; }

    public override WriteOptions? WriteOptions { get; set; }

    public override ClaimsPrincipal User { get; } = new();

    public override Task WriteResponseHeadersAsync(Metadata responseHeaders) => Task.CompletedTask;
}

/// <summary>Records the calls a generated client starts; the calls themselves never complete.</summary>
internal sealed class RecordingCallInvoker : CallInvoker
{
    public List<(IMethod Method, CallOptions Options)> Calls { get; } = [];

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options, TRequest request)
    {
        Calls.Add((method, options));
        return new AsyncUnaryCall<TResponse>(new TaskCompletionSource<TResponse>().Task, Headers(), Status, Trailers, () => { });
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options, TRequest request)
    {
        Calls.Add((method, options));
        return new AsyncServerStreamingCall<TResponse>(null!, Headers(), Status, Trailers, () => { });
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
    {
        Calls.Add((method, options));
        return new AsyncClientStreamingCall<TRequest, TResponse>(null!, new TaskCompletionSource<TResponse>().Task, Headers(), Status, Trailers, () => { });
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
    {
        Calls.Add((method, options));
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(null!, null!, Headers(), Status, Trailers, () => { });
    }

    private static Task<Metadata> Headers() => Task.FromResult(Metadata.Empty);

    private static Status Status() => Grpc.Status.DefaultSuccess;

    private static Metadata Trailers() => Metadata.Empty;
}

internal interface IRecordingBinder
{
    List<string> Bound { get; }

    ServiceDescriptor? Descriptor { get; }
}

/// <summary>Records the method table a generated BindService lists.</summary>
internal sealed class RecordingBinder<TService> : ServiceMethodBinder<TService>, IRecordingBinder
    where TService : class
{
    public List<string> Bound { get; } = [];

    public ServiceDescriptor? Descriptor { get; private set; }

    public override void AddServiceDescriptor(ServiceDescriptor descriptor) => Descriptor = descriptor;

    public override void AddUnaryMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TService, TRequest, TResponse> handler) => Record(method);

    public override void AddClientStreamingMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TService, TRequest, TResponse> handler) => Record(method);

    public override void AddServerStreamingMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TService, TRequest, TResponse> handler) => Record(method);

    public override void AddDuplexStreamingMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TService, TRequest, TResponse> handler) => Record(method);

    private void Record(IMethod method) => Bound.Add(method.Name + ":" + method.Type);
}
