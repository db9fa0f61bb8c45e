using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Upstream.Grpc.Internal;

/// <summary>
/// The innermost step of a call: create the service, read the request(s), run the handler, write the response.
/// It never throws: whatever the handler throws becomes the call's status.
/// </summary>
internal abstract class MethodInvoker<TService>(ServiceActivator<TService> activator)
    where TService : class
{
    // Per-call state machines come from a pool rather than the heap: this runs on every call.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask InvokeAsync(ServerCallContext callContext)
    {
        var context = (HttpServerCallContext)callContext;
        if (context.EarlyStatus is { } early)
        {
            context.Status = early;
            return;
        }

        var (service, owned) = activator.Get(context.HttpContext);
        try
        {
            await InvokeAsync(service, context);
        }
        catch (Exception exception)
        {
            context.SetStatusFromException(exception);
        }
        finally
        {
            if (owned)
            {
                await ServiceActivator<TService>.ReleaseAsync(service);
            }
        }
    }

    protected abstract Task InvokeAsync(TService service, HttpServerCallContext context);
}

internal sealed class UnaryInvoker<TService, TRequest, TResponse>(
    ServiceActivator<TService> activator, Method<TRequest, TResponse> method, UnaryServerMethod<TService, TRequest, TResponse> handler)
    : MethodInvoker<TService>(activator)
    where TService : class
    where TRequest : class
    where TResponse : class
{
    protected override async Task InvokeAsync(TService service, HttpServerCallContext context)
    {
        var request = await RequestStreamReader<TRequest>.ReadSingleAsync(context, method.RequestMarshaller);
        var response = await handler(service, request, context);
        ResponseWriter.Write(context, method.ResponseMarshaller, response, context.WriteOptions);
    }
}

internal sealed class ClientStreamingInvoker<TService, TRequest, TResponse>(
    ServiceActivator<TService> activator, Method<TRequest, TResponse> method, ClientStreamingServerMethod<TService, TRequest, TResponse> handler)
    : MethodInvoker<TService>(activator)
    where TService : class
    where TRequest : class
    where TResponse : class
{
    protected override async Task InvokeAsync(TService service, HttpServerCallContext context)
    {
        var requests = new RequestStreamReader<TRequest>(context, method.RequestMarshaller);
        var response = await handler(service, requests, context);
        ResponseWriter.Write(context, method.ResponseMarshaller, response, context.WriteOptions);
    }
}

internal sealed class ServerStreamingInvoker<TService, TRequest, TResponse>(
    ServiceActivator<TService> activator, Method<TRequest, TResponse> method, ServerStreamingServerMethod<TService, TRequest, TResponse> handler)
    : MethodInvoker<TService>(activator)
    where TService : class
    where TRequest : class
    where TResponse : class
{
    protected override async Task InvokeAsync(TService service, HttpServerCallContext context)
    {
        var request = await RequestStreamReader<TRequest>.ReadSingleAsync(context, method.RequestMarshaller);
        await handler(service, request, new ResponseStreamWriter<TResponse>(context, method.ResponseMarshaller), context);
    }
}

internal sealed class DuplexStreamingInvoker<TService, TRequest, TResponse>(
    ServiceActivator<TService> activator, Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TService, TRequest, TResponse> handler)
    : MethodInvoker<TService>(activator)
    where TService : class
    where TRequest : class
    where TResponse : class
{
    protected override Task InvokeAsync(TService service, HttpServerCallContext context) =>
        handler(
            service,
            new RequestStreamReader<TRequest>(context, method.RequestMarshaller),
            new ResponseStreamWriter<TResponse>(context, method.ResponseMarshaller),
            context);
}

/// <summary>
/// Gets the service for a call: from the container when registered there (its lifetime applies), otherwise a new
/// instance per call built with constructor injection and disposed after the call (as for controllers).
/// </summary>
internal sealed class ServiceActivator<TService>
    where TService : class
{
    private readonly bool registered;
    private readonly ObjectFactory<TService> factory = ActivatorUtilities.CreateFactory<TService>(Type.EmptyTypes);

    public ServiceActivator(IServiceProvider services) =>
        registered = services.GetService<IServiceProviderIsService>()?.IsService(typeof(TService)) ?? false;

    public (TService Service, bool Owned) Get(HttpContext httpContext) =>
        registered
            ? (httpContext.RequestServices.GetRequiredService<TService>(), false)
            : (factory(httpContext.RequestServices, null), true);

    public static async ValueTask ReleaseAsync(TService service)
    {
        if (service is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else if (service is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}
