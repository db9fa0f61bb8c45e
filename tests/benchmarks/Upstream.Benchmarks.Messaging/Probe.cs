using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Upstream.Contracts;
using Upstream.Messaging;
using Upstream.Messaging.Inbox;

namespace Upstream.Benchmarks.Messaging;

/// <summary>The benchmark's event: nothing but its identity, so serialisation does not dominate.</summary>
public sealed record ProbeSent(Guid EventId, DateTimeOffset OccurredAt, int Number) : IIntegrationEvent;

/// <summary>A database with one table of its own (the state change) plus the outbox and inbox.</summary>
public sealed class ProbeDb(DbContextOptions<ProbeDb> options) : DbContext(options)
{
    public DbSet<Probe> Probes => Set<Probe>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Probe>(probe =>
        {
            probe.ToTable("probes");
            probe.Property(p => p.Id).HasColumnName("id");
            probe.Property(p => p.Number).HasColumnName("number");
        });
        modelBuilder.AddOutbox();
    }
}

public sealed class Probe
{
    public Guid Id { get; set; }

    public int Number { get; set; }
}

/// <summary>When each event was handed over (committed, or given to Publish) and when its consumer ran.</summary>
public sealed class Arrivals
{
    private readonly ConcurrentDictionary<Guid, long> _handedOver = new();
    private readonly ConcurrentDictionary<Guid, long> _consumed = new();

    public int Consumed => _consumed.Count;

    public void HandedOver(Guid id) => _handedOver[id] = Stopwatch.GetTimestamp();

    public void Arrived(Guid id) => _consumed.TryAdd(id, Stopwatch.GetTimestamp());

    public bool LatenciesReady(Guid id) => _handedOver.ContainsKey(id) && _consumed.ContainsKey(id);

    public IReadOnlyList<double> LatenciesMs(IEnumerable<Guid> ids) =>
        [.. ids.Select(id => Stopwatch.GetElapsedTime(_handedOver[id], _consumed[id]).TotalMilliseconds).Order()];

    public long LastArrival(IEnumerable<Guid> ids) => ids.Max(id => _consumed[id]);
}

/// <summary>The consumer for both paths (behind the inbox, as every real consumer is), so only publishing differs.</summary>
public sealed class RecordArrival(Arrivals arrivals) : IEventConsumer<ProbeSent>
{
    public Task ConsumeAsync(ProbeSent integrationEvent, CancellationToken cancellationToken)
    {
        arrivals.Arrived(integrationEvent.EventId);
        return Task.CompletedTask;
    }
}
