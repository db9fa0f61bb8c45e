using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace Upstream.ServiceDefaults.Grpc;

/// <summary>
/// Turns what a handler throws into the status a caller should see, for every kind of method: the service's
/// own refusals into the statuses it declares for them (see <see cref="ApiErrorTranslation"/>); anything
/// unexpected into INTERNAL with a generic message, logged here with its exception, because its text may carry
/// connection strings or personal data. An interceptor because middleware never sees the exception.
/// </summary>
internal sealed partial class ApiErrorInterceptor(ApiErrorTranslation errors, ILogger<ApiErrorInterceptor> logger) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        GuardAsync(context, () => continuation(request, context));

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        GuardAsync(context, () => continuation(requestStream, context));

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        GuardAsync(context, async () => { await continuation(request, responseStream, context); return true; });

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        GuardAsync(context, async () => { await continuation(requestStream, responseStream, context); return true; });

    private async Task<T> GuardAsync<T>(ServerCallContext context, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is not RpcException && !(e is OperationCanceledException && context.CancellationToken.IsCancellationRequested))
        {
            if (errors.Translate(e) is { } refusal)
            {
                throw refusal;
            }

            LogUnexpected(logger, context.Method, e);
            throw new RpcException(new Status(StatusCode.Internal, "The service failed to handle the call."));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} failed unexpectedly.")]
    private static partial void LogUnexpected(ILogger logger, string method, Exception exception);
}
