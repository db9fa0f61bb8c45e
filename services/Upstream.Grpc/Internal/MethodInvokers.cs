using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Upstream.Grpc.Internal;

/// <summary>
/// The innermost step of a call: create the service, read the request(s), run the handler, write the response.
/// It never throws: whatever the handler throws becomes the call's status. Each step continues synchronously when
/// what it waits for is already done, so a call answered at once costs no async state machine.
/// </summary>
internal abstract class MethodInvoker<TService>(ServiceActivator<TService> activator)
    where TService : class
{
    public ValueTask InvokeAsync(ServerCallContext callContext)
    {
        var context = (HttpServerCallContext)callContext;
        if (context.EarlyStatus is { } early)
        {
            context.Status = early;
            return default;
        }

        var (service, owned) = activator.Get(context.HttpContext);
        ValueTask running;
        try
        {
            running = InvokeAsync(service, context);
        }
        catch (Exception exception)
        {
            context.SetStatusFromException(exception);
            running = default;
        }

        if (!running.IsCompleted)
        {
            return EndAsync(running, service, owned, context);
        }

        context.Observe(running);
        return owned ? ServiceActivator<TService>.ReleaseAsync(service) : default;
    }

    protected abstract ValueTask InvokeAsync(TService service, HttpServerCallContext context);

    private static async ValueTask EndAsync(ValueTask running, TService service, bool owned, HttpServerCallContext context)
    {
        await context.ObserveAsync(running);
        if (owned)
        {
            await ServiceActivator<TService>.ReleaseAsync(service);
        }
    }
}

internal sealed class UnaryInvoker<TService, TRequest, TResponse>(
    ServiceActivator<TService> activator, Method<TRequest, TResponse> method, UnaryServerMethod<TService, TRequest, TResponse> handler)
    : MethodInvoker<TService>(activator)
    where TService : class
    where TRequest : class
    where TResponse : class
{
    protected override ValueTask InvokeAsync(TService service, HttpServerCallContext context) =>
        RequestStreamReader<TRequest>.TryReadSingle(context, method.RequestMarshaller, out var request)
            ? Respond(service, request, context)
            : ReadThenRespondAsync(service, context);

    private async ValueTask ReadThenRespondAsync(TService service, HttpServerCallContext context) =>
        await Respond(service, await RequestStreamReader<TRequest>.ReadSingleAsync(context, method.RequestMarshaller), context);

    private ValueTask Respond(TService service, TRequest request, HttpServerCallContext context)
    {
        var responding = handler(service, request, context);
        if (!responding.IsCompletedSuccessfully)
        {
            return WriteWhenDoneAsync(responding, context);
        }

        ResponseWriter.Write(context, method.ResponseMarshaller, responding.Result, context.WriteOptions);
        return default;
    }

    private async ValueTask WriteWhenDoneAsync(Task<TResponse> responding, HttpServerCallContext context) =>
        ResponseWriter.Write(context, method.ResponseMarshaller, await responding, context.WriteOptions);
}

internal sealed class ClientStreamingInvoker<TService, TRequest, TResponse>(
    ServiceActivator<TService> activator, Method<TRequest, TResponse> method, ClientStreamingServerMethod<TService, TRequest, TResponse> handler)
    : MethodInvoker<TService>(activator)
    where TService : class
    where TRequest : class
    where TResponse : class
{
    protected override async ValueTask InvokeAsync(TService service, HttpServerCallContext context)
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
    protected override async ValueTask InvokeAsync(TService service, HttpServerCallContext context)
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
    protected override ValueTask InvokeAsync(TService service, HttpServerCallContext context) =>
        new(handler(
            service,
            new RequestStreamReader<TRequest>(context, method.RequestMarshaller),
            new ResponseStreamWriter<TResponse>(context, method.ResponseMarshaller),
            context));
}

/// <summary>
/// Gets the service for a call: from the container when registered there (its lifetime applies), otherwise a new
/// instance per call built with constructor injection and disposed after the call (as for controllers). A service
/// whose constructor takes nothing is built without the request's service scope, which would otherwise be created
/// (and disposed) for it alone.
/// </summary>
internal sealed class ServiceActivator<TService>
    where TService : class
{
    private readonly bool registered;
    private readonly IServiceProvider? scopeless;
    private readonly ObjectFactory<TService> factory = ActivatorUtilities.CreateFactory<TService>(Type.EmptyTypes);

    public ServiceActivator(IServiceProvider services)
    {
        registered = services.GetService<IServiceProviderIsService>()?.IsService(typeof(TService)) ?? false;
        if (!registered && typeof(TService).GetConstructors() is [var only] && only.GetParameters().Length == 0)
        {
            scopeless = services;
        }
    }

    public (TService Service, bool Owned) Get(HttpContext httpContext) =>
        registered
            ? (httpContext.RequestServices.GetRequiredService<TService>(), false)
            : (factory(scopeless ?? httpContext.RequestServices, null), true);

    public static ValueTask ReleaseAsync(TService service)
    {
        if (service is IAsyncDisposable asyncDisposable)
        {
            return asyncDisposable.DisposeAsync();
        }

        (service as IDisposable)?.Dispose();
        return default;
    }
}
