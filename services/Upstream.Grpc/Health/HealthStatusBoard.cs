using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Upstream.Grpc.Health;

/// <summary>
/// The serving status of the server as a whole ("") and of each service it maps, and who is watching them.
/// Every mapped service shares the server's status: they live and die with the process and its dependencies.
/// Watchers are told only when a status changes. When the application starts stopping, everything turns
/// NOT_SERVING and the watches end, so load balancers drain the server and shutdown is not held up by them.
/// </summary>
internal sealed class HealthStatusBoard
{
    /// <summary>The name that stands for the server as a whole.</summary>
    public const string Overall = "";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Channel<ServingStatus>>> _watchers = new(StringComparer.Ordinal);
    private readonly GrpcServiceRegistry _registry;
    private bool _stopping;

    public HealthStatusBoard(GrpcServiceRegistry registry, IHostApplicationLifetime lifetime)
    {
        _registry = registry;
        lifetime.ApplicationStopping.Register(Stop);
    }

    public ServingStatus? Get(string service)
    {
        lock (_gate)
        {
            return _statuses.TryGetValue(service, out var status) ? status : null;
        }
    }

    /// <summary>Every name with a status, the server's ("") among them.</summary>
    public IReadOnlyDictionary<string, ServingStatus> Snapshot()
    {
        lock (_gate)
        {
            return new Dictionary<string, ServingStatus>(_statuses, StringComparer.Ordinal);
        }
    }

    /// <summary>Sets the status of the server and of every mapped service; ignored once the server is stopping.</summary>
    public void SetAll(ServingStatus status)
    {
        lock (_gate)
        {
            if (!_stopping)
            {
                SetAllLocked(status);
            }
        }
    }

    /// <summary>
    /// The current status (SERVICE_UNKNOWN for a name not served), then each change until cancelled or the server
    /// stops. A slow watcher skips to the latest status rather than queueing stale ones.
    /// </summary>
    public async IAsyncEnumerable<ServingStatus> WatchAsync(string service, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<ServingStatus>(
            new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            channel.Writer.TryWrite(_statuses.TryGetValue(service, out var status) ? status : ServingStatus.ServiceUnknown);
            if (_stopping)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                if (!_watchers.TryGetValue(service, out var list))
                {
                    _watchers[service] = list = [];
                }

                list.Add(channel);
            }
        }

        try
        {
            ServingStatus? last = null;
            await foreach (var status in channel.Reader.ReadAllAsync(cancellationToken))
            {
                if (status != last)
                {
                    last = status;
                    yield return status;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.GetValueOrDefault(service)?.Remove(channel);
            }
        }
    }

    private void Stop()
    {
        lock (_gate)
        {
            _stopping = true;
            SetAllLocked(ServingStatus.NotServing);
            foreach (var watcher in _watchers.Values.SelectMany(list => list))
            {
                // The last status is still delivered: completion only ends the stream after it.
                watcher.Writer.TryComplete();
            }
        }
    }

    private void SetAllLocked(ServingStatus status)
    {
        foreach (var service in _registry.Services.Select(s => s.FullName).Append(Overall))
        {
            if (_statuses.TryGetValue(service, out var current) && current == status)
            {
                continue;
            }

            _statuses[service] = status;
            foreach (var watcher in _watchers.GetValueOrDefault(service) ?? [])
            {
                watcher.Writer.TryWrite(status);
            }
        }
    }
}
