using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Upstream.Contracts;
using Upstream.Messaging.Inbox;

namespace Upstream.Messaging.Setup;

/// <summary>Where a service lists its consumers, in its one AddMessaging call.</summary>
public sealed class MessagingConsumers<TDb>
    where TDb : DbContext
{
    private readonly List<Action<IBusRegistrationConfigurator, string>> _registrations = [];

    internal MessagingConsumers()
    {
    }

    internal List<string> ConsumerNames { get; } = [];

    /// <summary>A consumer of one event type, behind the inbox, on its own queue named "service-consumer-name".</summary>
    public MessagingConsumers<TDb> Add<TConsumer, TEvent>()
        where TConsumer : class, IEventConsumer<TEvent>
        where TEvent : class, IIntegrationEvent
    {
        ConsumerNames.Add(typeof(TConsumer).Name);
        _registrations.Add((bus, serviceName) =>
        {
            bus.TryAddScoped<TConsumer>();
            bus.AddConsumer<InboxConsumer<TDb, TConsumer, TEvent>>().Endpoint(e => e.Name = QueueNames.For(serviceName, typeof(TConsumer).Name));
        });
        return this;
    }

    internal void Register(IBusRegistrationConfigurator bus, string serviceName) => _registrations.ForEach(register => register(bus, serviceName));
}
