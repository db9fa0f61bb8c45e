using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Upstream.Grpc.Client.Interceptors;

/// <summary>
/// Passes the bearer token of the request being served on to the calls it makes, so the next service sees the
/// same caller. Calls made outside a request, or that set their own authorization, are left alone.
/// </summary>
public sealed class BearerTokenInterceptor(IHttpContextAccessor accessor) : ClientInterceptor
{
    private const string Key = "authorization";

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientCallContext<TRequest, TResponse> context, Func<TRequest, ClientCallContext<TRequest, TResponse>, AsyncUnaryCall<TResponse>> next) =>
        next(request, context with { Options = WithToken(context.Options) });

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientCallContext<TRequest, TResponse> context, Func<TRequest, ClientCallContext<TRequest, TResponse>, AsyncServerStreamingCall<TResponse>> next) =>
        next(request, context with { Options = WithToken(context.Options) });

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        ClientCallContext<TRequest, TResponse> context, Func<ClientCallContext<TRequest, TResponse>, AsyncClientStreamingCall<TRequest, TResponse>> next) =>
        next(context with { Options = WithToken(context.Options) });

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        ClientCallContext<TRequest, TResponse> context, Func<ClientCallContext<TRequest, TResponse>, AsyncDuplexStreamingCall<TRequest, TResponse>> next) =>
        next(context with { Options = WithToken(context.Options) });

    private CallOptions WithToken(CallOptions options)
    {
        var incoming = accessor.HttpContext?.Request.Headers[HeaderNames.Authorization].ToString();
        if (string.IsNullOrEmpty(incoming)
            || !incoming.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || options.Headers?.Get(Key) is not null)
        {
            return options;
        }

        return WithHeader(options, Key, incoming);
    }
}
