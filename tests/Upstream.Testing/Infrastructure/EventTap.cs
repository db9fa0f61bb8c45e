using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Upstream.Contracts;
using Upstream.Messaging.Setup;

namespace Upstream.Testing.Infrastructure;

/// <summary>
/// A separate bus on a service's broker with its own queue bound to the event types a test names, standing where
/// another service's consumer would: what it collects is exactly what reached RabbitMQ. Start it before the events
/// are published (until its queue is bound, an event has nowhere to go for it).
/// </summary>
public sealed class EventTap : IAsyncDisposable
{
    private readonly IBusControl _bus;
    private readonly ConcurrentQueue<(IIntegrationEvent Event, ActivityTraceId? Trace)> _received = new();

    private EventTap(string connectionString, string queue, Action<IReceiveEndpointConfigurator, ConcurrentQueue<(IIntegrationEvent Event, ActivityTraceId? Trace)>> bind)
    {
        var broker = BrokerAddress.Parse(connectionString);
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker.Host, (ushort)broker.Port, broker.VirtualHost, host =>
            {
                host.Username(broker.Username);
                host.Password(broker.Password);
            });
            rabbit.ReceiveEndpoint(queue, endpoint => bind(endpoint, _received));
        });
    }

    /// <summary>What a tap listens for: one event type (<see cref="Of{T}"/>).</summary>
    public delegate void Binding(IReceiveEndpointConfigurator endpoint, ConcurrentQueue<(IIntegrationEvent Event, ActivityTraceId? Trace)> received);

    public static Binding Of<T>()
        where T : class, IIntegrationEvent => Collect<T>;

    /// <summary>Listens on a queue of its own (test-tap-<paramref name="name"/>) for every event type bound.</summary>
    public static Task<EventTap> StartAsync(string connectionString, string name, params Binding[] bindings) =>
        OpenAsync(connectionString, $"test-tap-{name}", (endpoint, received) =>
        {
            foreach (var bind in bindings)
            {
                bind(endpoint, received);
            }
        });

    public static Task<EventTap> StartAsync<T>(string connectionString)
        where T : class, IIntegrationEvent =>
        StartAsync(connectionString, typeof(T).Name, Of<T>());

    /// <summary>Waits until <paramref name="count"/> events of <typeparamref name="T"/> arrived, then a little longer so a duplicate would show too.</summary>
    public async Task<IReadOnlyList<T>> WaitForAsync<T>(int count, TimeSpan? within = null)
    {
        await Eventually.ReturnsAsync(() => Task.FromResult(Received<T>().Count), n => n >= count, $"{count} {typeof(T).Name} event(s) on the broker", within);
        await Task.Delay(1000);
        return Received<T>();
    }

    /// <summary>The trace each event of <typeparamref name="T"/> arrived in, in order of arrival.</summary>
    public IReadOnlyList<ActivityTraceId?> TracesOf<T>() => [.. _received.Where(r => r.Event is T).Select(r => r.Trace)];

    private List<T> Received<T>() => [.. _received.Select(r => r.Event).OfType<T>()];

    public async ValueTask DisposeAsync() => await _bus.StopAsync();

    private static async Task<EventTap> OpenAsync(string connectionString, string queue, Action<IReceiveEndpointConfigurator, ConcurrentQueue<(IIntegrationEvent Event, ActivityTraceId? Trace)>> bind)
    {
        var tap = new EventTap(connectionString, queue, bind);
        await tap._bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        return tap;
    }

    private static void Collect<T>(IReceiveEndpointConfigurator endpoint, ConcurrentQueue<(IIntegrationEvent Event, ActivityTraceId? Trace)> received)
        where T : class, IIntegrationEvent =>
        endpoint.Handler<T>(context =>
        {
            // With the trace the delivery arrived in (when something listens to MassTransit's activities).
            received.Enqueue((context.Message, Activity.Current?.TraceId));
            return Task.CompletedTask;
        });
}
