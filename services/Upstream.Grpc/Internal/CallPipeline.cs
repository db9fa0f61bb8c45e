using Microsoft.Extensions.DependencyInjection;
using Upstream.Grpc.Telemetry;

namespace Upstream.Grpc.Internal;

/// <summary>
/// Composes each method's pipeline once, at mapping time: tracing, metrics and logging outermost, then the
/// configured interceptors, then the handler. Nothing is composed per call.
/// </summary>
internal sealed class CallPipeline
{
    private readonly ServerInterceptor[] builtIn;
    private readonly ServerInterceptor[] configured;

    public CallPipeline(IServiceProvider services, GrpcServerOptions options)
    {
        builtIn =
        [
            services.GetRequiredService<TracingInterceptor>(),
            services.GetRequiredService<MetricsInterceptor>(),
            services.GetRequiredService<LoggingInterceptor>(),
        ];
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

        // The built-in ones never throw, so they need no guard.
        for (var i = builtIn.Length - 1; i >= 0; i--)
        {
            var interceptor = builtIn[i];
            var next = pipeline;
            pipeline = context => interceptor.InterceptAsync(context, method, next);
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
