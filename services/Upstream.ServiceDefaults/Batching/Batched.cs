using System.Diagnostics;

namespace Upstream.ServiceDefaults.Batching;

/// <summary>A queued request as its batch's decider sees it: the request, its caller's trace, and whether the caller is still there.</summary>
public sealed class Batched<TRequest>(TRequest request, Activity? callersTrace, CancellationToken callerGone)
{
    public TRequest Request { get; } = request;

    internal Activity? CallersTrace { get; } = callersTrace;

    /// <summary>
    /// Decides this request, once the batch holds its lock: not at all if its caller has gone meanwhile (a batch can
    /// wait long for a connection or the lock under a burst, and a caller told DeadlineExceeded must not be committed
    /// behind its back); otherwise in the caller's trace (so its outbox event continues that trace), its answer or
    /// the shared refusal it earned (<see cref="Decision{TAnswer}.Of"/>).
    /// </summary>
    public Decision<TAnswer> Decide<TAnswer>(Func<TRequest, TAnswer> decide)
    {
        if (callerGone.IsCancellationRequested)
        {
            return Decision<TAnswer>.Refused(new OperationCanceledException("The caller went away before its request was decided.", callerGone));
        }

        using var trace = new CurrentActivity(CallersTrace);
        return Decision<TAnswer>.Of(() => decide(Request));
    }

    private sealed class CurrentActivity : IDisposable
    {
        private readonly Activity? previous = Activity.Current;

        public CurrentActivity(Activity? activity) => Activity.Current = activity;

        public void Dispose() => Activity.Current = previous;
    }
}
