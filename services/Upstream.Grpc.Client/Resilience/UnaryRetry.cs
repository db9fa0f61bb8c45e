using Polly;
using Polly.Retry;

namespace Upstream.Grpc.Client.Resilience;

/// <summary>
/// Runs an idempotent unary call again, after a growing, jittered pause, when it fails with UNAVAILABLE. Each
/// attempt is a new call (and takes the next replica); the caller sees the last attempt's headers, status and
/// trailers. The call's deadline and cancellation span all attempts. Streaming calls are never retried: their
/// messages may already have been acted on.
/// </summary>
internal sealed class UnaryRetry
{
    private readonly ResiliencePipeline pipeline;

    public UnaryRetry(GrpcRetryOptions options, TimeProvider timeProvider)
    {
        pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.MaxAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.InitialBackoff,
                MaxDelay = options.MaxBackoff,
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(static e => e.StatusCode == StatusCode.Unavailable),
            })
            .Build();
    }

    public AsyncUnaryCall<TResponse> Call<TResponse>(Func<AsyncUnaryCall<TResponse>> start, CancellationToken cancellationToken)
    {
        AsyncUnaryCall<TResponse>? latest = null;
        var response = RunAsync();
        var headers = response.ContinueWith(
            failed => latest?.ResponseHeadersAsync ?? Task.FromException<Metadata>(failed.Exception?.InnerException ?? new OperationCanceledException()),
            TaskScheduler.Default).Unwrap();
        return new AsyncUnaryCall<TResponse>(
            response,
            headers,
            () => Latest().GetStatus(),
            () => Latest().GetTrailers(),
            () => latest?.Dispose());

        AsyncUnaryCall<TResponse> Latest() =>
            latest ?? throw new InvalidOperationException("The call is still running; its status is not known yet.");

        async Task<TResponse> RunAsync()
        {
            try
            {
                return await pipeline.ExecuteAsync(
                    async _ =>
                    {
                        latest?.Dispose();
                        latest = start();
                        return await latest.ResponseAsync.ConfigureAwait(false);
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Cancelled during a pause between attempts.
                throw new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled by the caller."));
            }
        }
    }
}
