namespace Upstream.Grpc.Client.Interceptors;

/// <summary>Runs an interceptor around every call of an inner invoker.</summary>
internal sealed class InterceptingCallInvoker(CallInvoker inner, ClientInterceptor interceptor) : CallInvoker
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options, TRequest request) =>
        interceptor.AsyncUnaryCall(request, new ClientCallContext<TRequest, TResponse>(method, options), (r, c) => inner.AsyncUnaryCall(c.Method, c.Options, r));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options, TRequest request) =>
        interceptor.AsyncServerStreamingCall(request, new ClientCallContext<TRequest, TResponse>(method, options), (r, c) => inner.AsyncServerStreamingCall(c.Method, c.Options, r));

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options) =>
        interceptor.AsyncClientStreamingCall(new ClientCallContext<TRequest, TResponse>(method, options), c => inner.AsyncClientStreamingCall(c.Method, c.Options));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options) =>
        interceptor.AsyncDuplexStreamingCall(new ClientCallContext<TRequest, TResponse>(method, options), c => inner.AsyncDuplexStreamingCall(c.Method, c.Options));
}

/// <summary>Puts interceptors in front of an invoker.</summary>
public static class CallInvokerInterception
{
    /// <summary>The first interceptor given runs first (outermost).</summary>
    public static CallInvoker Intercept(this CallInvoker invoker, params IEnumerable<ClientInterceptor> interceptors)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        foreach (var interceptor in interceptors.Reverse())
        {
            invoker = new InterceptingCallInvoker(invoker, interceptor);
        }

        return invoker;
    }
}
