namespace Upstream.Grpc;

/// <summary>The rest of the pipeline: the next interceptors and, at the end, the handler.</summary>
public delegate ValueTask ServerCallContinuation(ServerCallContext context);

/// <summary>
/// Runs around every call, like ASP.NET Core middleware: do work before and after <c>next</c>. When <c>next</c>
/// returns, <see cref="ServerCallContext.Status"/> holds the call's outcome (a handler's exception has already
/// been turned into a status, kept in <see cref="Status.DebugException"/>). Throw an <see cref="RpcException"/>
/// to end a call early. Interceptors are singletons: keep per-call state in locals or <see cref="ServerCallContext.UserState"/>.
/// </summary>
public abstract class ServerInterceptor
{
    public abstract ValueTask InterceptAsync(ServerCallContext context, IMethod method, ServerCallContinuation next);
}

/// <summary>Adds interceptors to <see cref="GrpcServerOptions.Interceptors"/>.</summary>
public static class InterceptorListExtensions
{
    public static IList<Type> Add<TInterceptor>(this IList<Type> interceptors)
        where TInterceptor : ServerInterceptor
    {
        ArgumentNullException.ThrowIfNull(interceptors);
        interceptors.Add(typeof(TInterceptor));
        return interceptors;
    }
}
