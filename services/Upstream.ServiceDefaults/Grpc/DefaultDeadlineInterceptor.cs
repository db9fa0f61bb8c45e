using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Upstream.ServiceDefaults.Grpc;

/// <summary>Gives a unary call without a deadline the default one; streams (imports, exports) set their own.</summary>
internal sealed class DefaultDeadlineInterceptor(TimeSpan deadline) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        if (context.Options.Deadline is null)
        {
            context = new ClientInterceptorContext<TRequest, TResponse>(
                context.Method, context.Host, context.Options.WithDeadline(DateTime.UtcNow + deadline));
        }

        return continuation(request, context);
    }
}
