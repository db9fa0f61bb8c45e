using System.Reflection;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Upstream.Grpc.Telemetry;

namespace Upstream.Grpc.Internal;

/// <summary>Maps one route per method of a service, each with its own composed pipeline.</summary>
internal sealed class EndpointBinder<TService>(
    IEndpointRouteBuilder endpoints,
    GrpcServiceRegistry registry,
    CallPipeline pipeline,
    CallTelemetry telemetry,
    GrpcServerOptions options,
    ILogger logger) : ServiceMethodBinder<TService>
    where TService : class
{
    private readonly ServiceActivator<TService> activator = new(endpoints.ServiceProvider);

    // Null (no limit) too when the server is not Kestrel: then there is no limit of Kestrel's to lift.
    private readonly long? kestrelBodySizeLimit =
        (endpoints.ServiceProvider.GetService(typeof(IOptions<KestrelServerOptions>)) as IOptions<KestrelServerOptions>)?.Value.Limits.MaxRequestBodySize;

    public List<IEndpointConventionBuilder> Builders { get; } = [];

    public override void AddServiceDescriptor(ServiceDescriptor descriptor) => registry.Add(descriptor);

    public override void AddUnaryMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TService, TRequest, TResponse> handler) =>
        Map(method, new UnaryInvoker<TService, TRequest, TResponse>(activator, method, handler));

    public override void AddClientStreamingMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TService, TRequest, TResponse> handler) =>
        Map(method, new ClientStreamingInvoker<TService, TRequest, TResponse>(activator, method, handler));

    public override void AddServerStreamingMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TService, TRequest, TResponse> handler) =>
        Map(method, new ServerStreamingInvoker<TService, TRequest, TResponse>(activator, method, handler));

    public override void AddDuplexStreamingMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TService, TRequest, TResponse> handler) =>
        Map(method, new DuplexStreamingInvoker<TService, TRequest, TResponse>(activator, method, handler));

    private void Map(IMethod method, MethodInvoker<TService> invoker)
    {
        registry.Add(method);
        var endpoint = new CallEndpoint(method, pipeline.Build(method, invoker.InvokeAsync), telemetry, options, kestrelBodySizeLimit, logger);
        var builder = endpoints.MapPost(method.FullName, endpoint.HandleAsync)
            .WithDisplayName("gRPC - " + method.FullName)
            .WithMetadata(new GrpcMethodMetadata(method, typeof(TService)));

        // [Authorize], [AllowAnonymous] and the like on the service class or the handler method apply to the route.
        builder.WithMetadata([.. typeof(TService).GetCustomAttributes(inherit: true)]);
        var handler = typeof(TService).GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance);
        if (handler is not null)
        {
            builder.WithMetadata([.. handler.GetCustomAttributes(inherit: true)]);
        }

        Builders.Add(builder);
    }
}
