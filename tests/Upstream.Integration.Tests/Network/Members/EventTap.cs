using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Upstream.Contracts;
using Upstream.Messaging.Setup;

namespace Upstream.Integration.Tests.Network.Members;

/// <summary>
/// Stands where a later service will: its own queue on the broker, bound to one event type, so a test sees exactly
/// what reached RabbitMQ (each delivery, duplicates included).
/// </summary>
internal sealed class EventTap<TEvent> : IAsyncDisposable
    where TEvent : class, IIntegrationEvent
{
    private readonly IBusControl _bus;
    private readonly ConcurrentQueue<TEvent> _received = new();
    private readonly ConcurrentQueue<ActivityTraceId?> _traces = new();

    private EventTap(string connectionString)
    {
        var broker = BrokerAddress.Parse(connectionString);
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker.Host, (ushort)broker.Port, broker.VirtualHost, host =>
            {
                host.Username(broker.Username);
                host.Password(broker.Password);
            });
            rabbit.ReceiveEndpoint("test-tap-" + typeof(TEvent).Name, endpoint => endpoint.Handler<TEvent>(context =>
            {
                // The trace the delivery arrived in (when something listens to MassTransit's activities).
                _traces.Enqueue(Activity.Current?.TraceId);
                _received.Enqueue(context.Message);
                return Task.CompletedTask;
            }));
        });
    }

    public IReadOnlyList<TEvent> Received => [.. _received];

    public IReadOnlyList<ActivityTraceId?> Traces => [.. _traces];

    public static async Task<EventTap<TEvent>> StartAsync(string connectionString)
    {
        var tap = new EventTap<TEvent>(connectionString);
        await tap._bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        return tap;
    }

    /// <summary>Waits for <paramref name="count"/> events, then a little longer so that a duplicate would show too.</summary>
    public async Task<IReadOnlyList<TEvent>> WaitForAsync(int count)
    {
        await Infrastructure.Eventually.ReturnsAsync(() => Task.FromResult(_received.Count), n => n >= count, $"{count} {typeof(TEvent).Name} event(s)");
        await Task.Delay(1000);
        return Received;
    }

    public async ValueTask DisposeAsync() => await _bus.StopAsync();
}
