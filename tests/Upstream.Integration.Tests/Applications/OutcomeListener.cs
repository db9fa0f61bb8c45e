using System.Collections.Concurrent;
using MassTransit;
using Upstream.Contracts.Applications;
using Upstream.Messaging.Setup;

namespace Upstream.Integration.Tests.Applications;

/// <summary>
/// Stands where the Network service will: a separate bus on the broker, with its own queue bound to the
/// selection outcomes, so a test sees exactly what reached RabbitMQ.
/// </summary>
internal sealed class OutcomeListener : IAsyncDisposable
{
    private readonly IBusControl _bus;
    private readonly ConcurrentQueue<ApplicationSelected> _selected = new();
    private readonly ConcurrentQueue<ApplicationDeclined> _declined = new();

    private OutcomeListener(string connectionString)
    {
        var broker = BrokerAddress.Parse(connectionString);
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker.Host, (ushort)broker.Port, broker.VirtualHost, host =>
            {
                host.Username(broker.Username);
                host.Password(broker.Password);
            });
            rabbit.ReceiveEndpoint("test-outcome-listener", endpoint =>
            {
                endpoint.Handler<ApplicationSelected>(context =>
                {
                    _selected.Enqueue(context.Message);
                    return Task.CompletedTask;
                });
                endpoint.Handler<ApplicationDeclined>(context =>
                {
                    _declined.Enqueue(context.Message);
                    return Task.CompletedTask;
                });
            });
        });
    }

    public static async Task<OutcomeListener> StartAsync(string connectionString)
    {
        var listener = new OutcomeListener(connectionString);
        await listener._bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        return listener;
    }

    public async Task<(IReadOnlyList<ApplicationSelected> Selected, IReadOnlyList<ApplicationDeclined> Declined)> WaitForAsync(int selectedCount, int declinedCount, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while ((_selected.Count < selectedCount || _declined.Count < declinedCount) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        // A little longer, so a duplicate would show up too.
        await Task.Delay(500);
        return ([.. _selected], [.. _declined]);
    }

    public async ValueTask DisposeAsync() => await _bus.StopAsync();
}
