using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Upstream.ServiceDefaults.Batching;

/// <summary>
/// Group commit for decisions that serialise on one key's lock (registrations for one event, awards from one fund):
/// requests for the same key wait here, and one worker per key decides whatever has queued (up to a bound) in one
/// transaction, so a burst of N costs N/batch commits instead of N, while the key's row lock keeps several
/// replicas exact. Written by hand: System.Threading.Channels and Dataflow's BatchBlock queue, but neither
/// groups by key, starts a worker only while a key has work, or lets a caller withdraw what is not yet taken.
/// </summary>
/// <remarks>
/// A caller that goes away (its token cancelled, its deadline passed) before its batch starts is dropped, never
/// decided, so it is not committed behind its back; one that goes while its batch waits for a connection or the
/// lock is not decided either (<see cref="Batched{TRequest}.Decide"/>). Only a caller that goes between its
/// decision and the commit (a short window) can be told DeadlineExceeded of what was stored.
/// Tracing: each caller keeps its own span; the batch's database work runs in the first request's trace, and each
/// request's own records (its outbox event) are made in its caller's trace (<see cref="Batched{TRequest}.Decide"/>).
/// </remarks>
public sealed partial class DecisionQueue<TKey, TRequest, TAnswer>
    where TKey : notnull
{
    private readonly Func<TKey, IReadOnlyList<Batched<TRequest>>, Task<IReadOnlyList<Decision<TAnswer>>>> decide;
    private readonly DecisionQueueLimits limits;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private readonly Dictionary<TKey, Queue<Queued>> lines = [];
    private int waiting;

    /// <param name="decide">Decides one batch for one key; runs on the key's worker, never two at once for a key.</param>
    public DecisionQueue(Func<TKey, IReadOnlyList<Batched<TRequest>>, Task<IReadOnlyList<Decision<TAnswer>>>> decide, DecisionQueueLimits limits, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxWaiting, 1);
        (this.decide, this.limits, this.logger) = (decide, limits, logger);
    }

    /// <summary>How many requests wait to be taken into a batch, across all keys.</summary>
    public int Waiting => Volatile.Read(ref waiting);

    /// <summary>Queues the request behind the others for its key and waits for its own answer.</summary>
    /// <exception cref="DecisionQueueFullException">The replica holds <see cref="DecisionQueueLimits.MaxWaiting"/> already.</exception>
    /// <exception cref="OperationCanceledException">The caller went away before its batch started: nothing was decided.</exception>
    public async Task<TAnswer> DecideAsync(TKey key, TRequest request, CancellationToken callerGone)
    {
        callerGone.ThrowIfCancellationRequested();
        var item = new Queued(new Batched<TRequest>(request, Activity.Current, callerGone));
        bool startWorker;
        lock (gate)
        {
            if (waiting >= limits.MaxWaiting)
            {
                throw new DecisionQueueFullException(waiting);
            }

            Interlocked.Increment(ref waiting);
            if (!lines.TryGetValue(key, out var line))
            {
                // A key's line exists only while it has work: its worker removes it when it finds the line empty.
                lines[key] = line = new Queue<Queued>();
                startWorker = true;
            }
            else
            {
                startWorker = false;
            }

            line.Enqueue(item);
        }

        if (startWorker)
        {
            // Not in the first caller's execution context: the worker outlives that call and serves later ones.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(() => WorkAsync(key));
            }
        }

        await using var withdraw = callerGone.UnsafeRegister(_ => Withdraw(item, callerGone), null);
        return await item.Answer.Task.ConfigureAwait(false);
    }

    private void Withdraw(Queued item, CancellationToken callerGone)
    {
        if (item.TryLeave(Queued.Withdrawn))
        {
            Interlocked.Decrement(ref waiting);
            item.Answer.TrySetCanceled(callerGone);
        }
    }

    private async Task WorkAsync(TKey key)
    {
        while (true)
        {
            var batch = new List<Queued>();
            lock (gate)
            {
                var line = lines[key];
                while (batch.Count < limits.MaxBatch && line.TryDequeue(out var item))
                {
                    if (item.TryLeave(Queued.Taken))
                    {
                        Interlocked.Decrement(ref waiting);
                        batch.Add(item);
                    }
                }

                if (batch.Count == 0 && line.Count == 0)
                {
                    lines.Remove(key);
                    return;
                }
            }

            if (batch.Count > 0)
            {
                await DecideBatchAsync(key, batch).ConfigureAwait(false);
            }
        }
    }

    private async Task DecideBatchAsync(TKey key, List<Queued> batch)
    {
        try
        {
            var decisions = await DecideInTraceOfAsync(batch[0], key, [.. batch.Select(b => b.Batched)]).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Settle(decisions[i]);
            }
        }
        catch (Exception e) when (batch.Count > 1)
        {
            // The batch failed as a whole (a race the database caught, say): nothing of it committed, so each request
            // is decided again alone and only the one that causes it hears the failure.
            LogBatchFailed(logger, batch.Count, e.GetType().Name);
            foreach (var item in batch)
            {
                await DecideAloneAsync(key, item).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            batch[0].Answer.TrySetException(e);
        }
    }

    private async Task DecideAloneAsync(TKey key, Queued item)
    {
        try
        {
            item.Settle((await DecideInTraceOfAsync(item, key, [item.Batched]).ConfigureAwait(false))[0]);
        }
        catch (Exception e)
        {
            item.Answer.TrySetException(e);
        }
    }

    /// <summary>The batch's own work (its lock, reads, commit) is recorded in the trace of the request it starts with.</summary>
    private async Task<IReadOnlyList<Decision<TAnswer>>> DecideInTraceOfAsync(Queued first, TKey key, IReadOnlyList<Batched<TRequest>> batch)
    {
        Activity.Current = first.Batched.CallersTrace;
        var decisions = await decide(key, batch).ConfigureAwait(false);
        return decisions.Count == batch.Count
            ? decisions
            : throw new InvalidOperationException($"The decider answered {decisions.Count} of {batch.Count} requests.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} decisions failed ({Error}); deciding them one at a time.")]
    private static partial void LogBatchFailed(ILogger logger, int count, string error);

    private sealed class Queued(Batched<TRequest> batched)
    {
        public const int InLine = 0;
        public const int Taken = 1;
        public const int Withdrawn = 2;

        private int state = InLine;

        public Batched<TRequest> Batched { get; } = batched;

        public TaskCompletionSource<TAnswer> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Taken into a batch or withdrawn by its caller: whichever comes first, once.</summary>
        public bool TryLeave(int to) => Interlocked.CompareExchange(ref state, to, InLine) == InLine;

        public void Settle(Decision<TAnswer> decision)
        {
            if (decision.Refusal is { } refusal)
            {
                Answer.TrySetException(refusal);
            }
            else
            {
                Answer.TrySetResult(decision.Answer!);
            }
        }
    }
}
