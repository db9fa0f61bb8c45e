using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Upstream.Domain.Refusals;
using Upstream.ServiceDefaults.Batching;

namespace Upstream.ServiceDefaults.Tests.Batching;

/// <summary>
/// The queue decides what waits for a key together, in arrival order, each request with its own answer; a caller
/// gone before its batch is never decided; beyond its bound a caller is told at once.
/// </summary>
public sealed class DecisionQueueTests
{
    /// <summary>A decider that holds each batch until released, recording what it was given.</summary>
    private sealed class Decider
    {
        private readonly ConcurrentQueue<(string Key, int[] Requests)> _batches = new();
        private readonly ConcurrentQueue<int> _decided = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _started = new();
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<(string Key, int[] Requests)> Batches => [.. _batches];

        /// <summary>The requests actually decided (not skipped for a caller gone).</summary>
        public IReadOnlyList<int> Decided => [.. _decided];

        /// <summary>Fails whole batches of more than one, and a batch of just 13.</summary>
        public bool Failing { get; init; }

        public async Task<IReadOnlyList<Decision<string>>> DecideAsync(string key, IReadOnlyList<Batched<int>> batch)
        {
            var requests = batch.Select(b => b.Request).ToArray();
            _batches.Enqueue((key, requests));
            _started.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            await _release.Task;
            if (Failing && (requests.Length > 1 || requests[0] == 13))
            {
                throw new InvalidOperationException("The batch's save failed.");
            }

            return [.. batch.Select(b => b.Decide(r =>
            {
                _decided.Enqueue(r);
                return r % 2 == 0 ? throw new DomainRuleException("odd", $"{r} is even.") : $"{key}:{r}";
            }))];
        }

        public Task StartedAsync(string key) =>
            _started.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(TimeSpan.FromMinutes(1));

        public void ReleaseAll() => _release.TrySetResult();
    }

    private static DecisionQueue<string, int, string> Queue(Decider decider, int maxBatch = 100, int maxWaiting = 100) =>
        new(decider.DecideAsync, new DecisionQueueLimits { MaxBatch = maxBatch, MaxWaiting = maxWaiting }, NullLogger.Instance);

    private static async Task<string> AnswerAsync(Task<string> decision)
    {
        try
        {
            return await decision;
        }
        catch (Exception e)
        {
            return e.GetType().Name;
        }
    }

    [Fact]
    public async Task What_queues_while_a_batch_is_decided_is_decided_next_together_in_arrival_order_each_with_its_own_answer()
    {
        var decider = new Decider();
        var queue = Queue(decider);
        var first = queue.DecideAsync("event", 1, CancellationToken.None);
        await decider.StartedAsync("event");
        var rest = Enumerable.Range(2, 4).Select(r => queue.DecideAsync("event", r, CancellationToken.None)).ToList();
        Assert.Equal(4, queue.Waiting);

        decider.ReleaseAll();
        var answers = await Task.WhenAll(rest.Prepend(first).Select(AnswerAsync));

        Assert.Equal(["event:1", "DomainRuleException", "event:3", "DomainRuleException", "event:5"], answers);
        Assert.Equal([[1], [2, 3, 4, 5]], decider.Batches.Select(b => b.Requests));
        Assert.All(decider.Batches, b => Assert.Equal("event", b.Key));
        Assert.Equal(0, queue.Waiting);
    }

    [Fact]
    public async Task A_batch_takes_at_most_its_bound()
    {
        var decider = new Decider();
        var queue = Queue(decider, maxBatch: 2);
        var first = queue.DecideAsync("fund", 1, CancellationToken.None);
        await decider.StartedAsync("fund");
        var rest = Enumerable.Range(2, 4).Select(r => queue.DecideAsync("fund", r, CancellationToken.None)).ToList();

        decider.ReleaseAll();
        await Task.WhenAll(rest.Prepend(first).Select(AnswerAsync));

        Assert.Equal([[1], [2, 3], [4, 5]], decider.Batches.Select(b => b.Requests));
    }

    [Fact]
    public async Task Keys_are_decided_apart_and_one_key_waiting_holds_up_no_other()
    {
        var decider = new Decider();
        var queue = Queue(decider);
        var held = queue.DecideAsync("event-a", 1, CancellationToken.None);
        var other = queue.DecideAsync("event-b", 3, CancellationToken.None);
        await Task.WhenAll(decider.StartedAsync("event-a"), decider.StartedAsync("event-b"));

        Assert.Equal(["event-a", "event-b"], decider.Batches.Select(b => b.Key).Order());
        decider.ReleaseAll();
        Assert.Equal(["event-a:1", "event-b:3"], await Task.WhenAll(held, other));
    }

    [Fact]
    public async Task When_a_whole_batch_fails_its_requests_are_decided_one_at_a_time_and_only_the_failing_one_hears_it()
    {
        var decider = new Decider { Failing = true };
        var queue = Queue(decider);
        var first = queue.DecideAsync("fund", 1, CancellationToken.None);
        await decider.StartedAsync("fund");
        var rest = new[] { 11, 13, 15 }.Select(r => queue.DecideAsync("fund", r, CancellationToken.None)).ToList();

        decider.ReleaseAll();
        var answers = await Task.WhenAll(rest.Prepend(first).Select(AnswerAsync));

        Assert.Equal(["fund:1", "fund:11", "InvalidOperationException", "fund:15"], answers);
        Assert.Equal([[1], [11, 13, 15], [11], [13], [15]], decider.Batches.Select(b => b.Requests));
    }

    [Fact]
    public async Task A_caller_gone_before_its_batch_starts_is_never_decided()
    {
        var decider = new Decider();
        var queue = Queue(decider);
        var first = queue.DecideAsync("event", 1, CancellationToken.None);
        await decider.StartedAsync("event");
        using var gone = new CancellationTokenSource();
        var withdrawn = queue.DecideAsync("event", 3, gone.Token);
        var kept = queue.DecideAsync("event", 5, CancellationToken.None);

        await gone.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => withdrawn);
        Assert.Equal(1, queue.Waiting);
        decider.ReleaseAll();

        Assert.Equal(["event:1", "event:5"], await Task.WhenAll(first, kept));
        Assert.Equal([[1], [5]], decider.Batches.Select(b => b.Requests));
    }

    [Fact]
    public async Task Beyond_the_bound_on_waiting_requests_a_caller_is_refused_at_once_and_the_others_are_still_decided()
    {
        var decider = new Decider();
        var queue = Queue(decider, maxWaiting: 2);
        var first = queue.DecideAsync("event", 1, CancellationToken.None);
        await decider.StartedAsync("event");
        var waiting = new[] { 3, 5 }.Select(r => queue.DecideAsync("event", r, CancellationToken.None)).ToList();

        await Assert.ThrowsAsync<DecisionQueueFullException>(() => queue.DecideAsync("another-event", 7, CancellationToken.None));
        decider.ReleaseAll();

        Assert.Equal(["event:1", "event:3", "event:5"], await Task.WhenAll(waiting.Prepend(first)));
        Assert.DoesNotContain(decider.Batches, b => b.Key == "another-event");
    }

    [Fact]
    public async Task A_caller_gone_while_its_batch_waits_for_its_lock_is_not_decided()
    {
        var decider = new Decider();
        var queue = Queue(decider);
        using var gone = new CancellationTokenSource();
        var withdrawn = queue.DecideAsync("fund", 1, gone.Token);
        var kept = queue.DecideAsync("fund", 3, CancellationToken.None);
        await decider.StartedAsync("fund");

        // Taken into the batch, which now waits (for a connection, the lock) when the caller goes.
        await gone.CancelAsync();
        decider.ReleaseAll();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => withdrawn);
        Assert.Equal("fund:3", await kept);
        Assert.Equal([3], decider.Decided);
    }
}
