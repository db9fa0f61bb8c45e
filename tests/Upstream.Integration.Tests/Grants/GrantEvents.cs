using System.Collections.Concurrent;
using MassTransit;
using Upstream.Contracts;
using Upstream.Contracts.Grants;
using Upstream.Integration.Tests.Infrastructure;
using Upstream.Messaging.Setup;

namespace Upstream.Integration.Tests.Grants;

/// <summary>Stands where Grants' consumers will (Insights, Network): its own bus and queue on the broker, bound to every Grants event.</summary>
internal sealed class GrantEvents : IAsyncDisposable
{
    private readonly IBusControl _bus;
    private readonly ConcurrentQueue<IIntegrationEvent> _received = new();

    private GrantEvents(string connectionString)
    {
        var broker = BrokerAddress.Parse(connectionString);
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker.Host, (ushort)broker.Port, broker.VirtualHost, host =>
            {
                host.Username(broker.Username);
                host.Password(broker.Password);
            });
            rabbit.ReceiveEndpoint("test-grant-events", endpoint =>
            {
                endpoint.Handler<GrantRequested>(Keep);
                endpoint.Handler<GrantAwarded>(Keep);
                endpoint.Handler<GrantDeclined>(Keep);
                endpoint.Handler<GrantPaid>(Keep);
                endpoint.Handler<GrantReportSubmitted>(Keep);
            });
        });
    }

    public static async Task<GrantEvents> StartAsync(string connectionString)
    {
        var events = new GrantEvents(connectionString);
        await events._bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        return events;
    }

    public Task<IReadOnlyList<T>> WaitForAsync<T>(int count)
        where T : IIntegrationEvent =>
        Eventually.ReturnsAsync(
            () => Task.FromResult<IReadOnlyList<T>>([.. _received.OfType<T>()]),
            received => received.Count >= count,
            $"{count} {typeof(T).Name} on the broker");

    public ValueTask DisposeAsync() => new(_bus.StopAsync());

    private Task Keep<T>(ConsumeContext<T> context)
        where T : class, IIntegrationEvent
    {
        _received.Enqueue(context.Message);
        return Task.CompletedTask;
    }
}
