using Microsoft.Extensions.DependencyInjection;

namespace Upstream.Grpc.Internal;

/// <summary>
/// Composes each method's pipeline once, at mapping time: the configured interceptors, outermost first, then the
/// handler. Nothing is composed per call, and a server without interceptors calls the handler directly. (Tracing,
/// metrics and logging wrap every call in <see cref="CallEndpoint"/>, outside all of these.)
/// </summary>
internal sealed class CallPipeline
{
    private readonly ServerInterceptor[] configured;

    public CallPipeline(IServiceProvider services, GrpcServerOptions options)
    {
        configured = new ServerInterceptor[options.Interceptors.Count];
        for (var i = 0; i < configured.Length; i++)
        {
            configured[i] = (ServerInterceptor)ActivatorUtilities.GetServiceOrCreateInstance(services, options.Interceptors[i]);
        }
    }

    public ServerCallContinuation Build(IMethod method, ServerCallContinuation handler)
    {
        var pipeline = handler;
        for (var i = configured.Length - 1; i >= 0; i--)
        {
            var interceptor = configured[i];
            var next = pipeline;
            pipeline = context => Guarded(interceptor, context, method, next);
        }

        return pipeline;
    }

    /// <summary>An interceptor's exception becomes the call's status, so the ones outside it still see an outcome.</summary>
    private static async ValueTask Guarded(ServerInterceptor interceptor, ServerCallContext context, IMethod method, ServerCallContinuation next)
    {
        try
        {
            await interceptor.InterceptAsync(context, method, next);
        }
        catch (Exception exception)
        {
            ((HttpServerCallContext)context).SetStatusFromException(exception);
        }
    }
}
