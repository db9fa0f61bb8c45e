namespace Upstream.Grpc.Client.Interceptors;

/// <summary>The method being called and the options it is called with; interceptors may change the options.</summary>
public readonly record struct ClientCallContext<TRequest, TResponse>(Method<TRequest, TResponse> Method, CallOptions Options)
    where TRequest : class
    where TResponse : class;

/// <summary>
/// A hook around every call a client makes, for cross-cutting concerns (credentials, logging, metrics). Each
/// method receives the call and the rest of the chain (<c>next</c>); the defaults pass the call on unchanged.
/// Override to add metadata (<c>context with { Options = ... }</c>), or to observe the result the chain returns.
/// </summary>
public abstract class ClientInterceptor
{
    public virtual AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request,
        ClientCallContext<TRequest, TResponse> context,
        Func<TRequest, ClientCallContext<TRequest, TResponse>, AsyncUnaryCall<TResponse>> next)
        where TRequest : class
        where TResponse : class => next(request, context);

    public virtual AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request,
        ClientCallContext<TRequest, TResponse> context,
        Func<TRequest, ClientCallContext<TRequest, TResponse>, AsyncServerStreamingCall<TResponse>> next)
        where TRequest : class
        where TResponse : class => next(request, context);

    public virtual AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        ClientCallContext<TRequest, TResponse> context,
        Func<ClientCallContext<TRequest, TResponse>, AsyncClientStreamingCall<TRequest, TResponse>> next)
        where TRequest : class
        where TResponse : class => next(context);

    public virtual AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        ClientCallContext<TRequest, TResponse> context,
        Func<ClientCallContext<TRequest, TResponse>, AsyncDuplexStreamingCall<TRequest, TResponse>> next)
        where TRequest : class
        where TResponse : class => next(context);

    /// <summary>Options with one more request metadata entry, leaving the caller's <see cref="Metadata"/> untouched.</summary>
    protected static CallOptions WithHeader(CallOptions options, string key, string value)
    {
        var headers = new Metadata();
        if (options.Headers is { } existing)
        {
            foreach (var entry in existing)
            {
                headers.Add(entry);
            }
        }

        headers.Add(key, value);
        return options with { Headers = headers };
    }
}
