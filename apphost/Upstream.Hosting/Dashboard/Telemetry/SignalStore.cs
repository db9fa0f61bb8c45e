using Google.Protobuf;

namespace Upstream.Hosting.Dashboard.Telemetry;

/// <summary>
/// One signal's records in arrival order, at most <c>limit</c> of them (the oldest dropped first), mirrored
/// to a journal. Readers get snapshots, so a page never sees a half-applied export.
/// </summary>
internal sealed class SignalStore<TRecord, TMessage> : IDisposable
    where TRecord : ITelemetryRecord
    where TMessage : IMessage<TMessage>
{
    private readonly LinkedList<TRecord> _records = new();
    private readonly Lock _gate = new();
    private readonly int _limit;
    private readonly TelemetryJournal<TMessage> _journal;

    public SignalStore(int limit, TelemetryJournal<TMessage> journal, Func<TMessage, IEnumerable<TRecord>> fromJournal)
    {
        _limit = limit;
        _journal = journal;
        foreach (var record in journal.Replay().SelectMany(fromJournal))
        {
            AddInMemory(record);
        }
    }

    /// <summary>Total records accepted since start, so pages can tell something new arrived.</summary>
    public long Version { get; private set; }

    public void Add(IReadOnlyCollection<TRecord> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var record in records)
            {
                AddInMemory(record);
            }

            _journal.Append(records.Select(r => r.ToJournal()));
            if (_journal.Count > 2 * _limit)
            {
                _journal.Rewrite(_records.Select(r => r.ToJournal()));
            }
        }
    }

    public IReadOnlyList<TRecord> Snapshot()
    {
        lock (_gate)
        {
            return [.. _records];
        }
    }

    public int Clear(string? resource)
    {
        lock (_gate)
        {
            var removed = 0;
            for (var node = _records.First; node is not null;)
            {
                var next = node.Next;
                if (resource is null || node.Value.ResourceName == resource)
                {
                    _records.Remove(node);
                    removed++;
                }

                node = next;
            }

            _journal.Rewrite(_records.Select(r => r.ToJournal()));
            Version++;
            return removed;
        }
    }

    private void AddInMemory(TRecord record)
    {
        _records.AddLast(record);
        if (_records.Count > _limit)
        {
            _records.RemoveFirst();
        }

        Version++;
    }

    public void Dispose() => _journal.Dispose();
}
