using System.Diagnostics;

namespace Upstream.ServiceDefaults.Batching;

/// <summary>A queued request as its batch's decider sees it: the request, and the trace of the caller who asked.</summary>
public sealed class Batched<TRequest>(TRequest request, Activity? callersTrace)
{
    public TRequest Request { get; } = request;

    internal Activity? CallersTrace { get; } = callersTrace;

    /// <summary>
    /// Makes the caller's span current until disposed, so what the decider records for this request (its outbox
    /// event's traceparent, say) continues the caller's trace rather than the batch's.
    /// </summary>
    public IDisposable InCallersTrace() => new CurrentActivity(CallersTrace);

    private sealed class CurrentActivity : IDisposable
    {
        private readonly Activity? previous = Activity.Current;

        public CurrentActivity(Activity? activity) => Activity.Current = activity;

        public void Dispose() => Activity.Current = previous;
    }
}
