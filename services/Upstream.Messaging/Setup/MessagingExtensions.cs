using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Upstream.Messaging.ErrorQueues;
using Upstream.Messaging.Outbox;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Messaging.Setup;

public static class MessagingExtensions
{
    public const string ConnectionName = "messaging";
    private const string MassTransitHealthCheck = "masstransit-bus";

    /// <summary>
    /// Integration events for a service whose database is <typeparamref name="TDb"/> (already added with
    /// AddServiceDatabase, and whose model calls <see cref="MessagingModel.AddOutbox"/>): MassTransit on RabbitMQ
    /// from ConnectionStrings__messaging, the outbox (<see cref="IEventOutbox"/>) and its relay, the consumers
    /// behind the inbox with retries then the error queue, <see cref="DeadLetters"/>, and the broker
    /// in /health. The outbox and inbox tables come with the service's own migrations.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging<TDb>(this IHostApplicationBuilder builder, Action<MessagingConsumers<TDb>>? consumers = null)
        where TDb : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings__{ConnectionName} is not set: the app host (or your environment) must provide the RabbitMQ broker.");
        var broker = BrokerAddress.Parse(connectionString);
        var options = builder.Configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();
        var serviceName = options.ServiceName ?? builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName;
        var registered = new MessagingConsumers<TDb>();
        consumers?.Invoke(registered);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddSingleton(broker);
        builder.Services.AddSingleton(new ConsumerQueues([.. registered.ConsumerNames.Select(c => QueueNames.For(serviceName, c))]));
        builder.Services.AddSingleton<DeadLetters>();
        builder.Services.AddSingleton(new MigrationSource(typeof(MessagingExtensions).Assembly));
        builder.Services.AddScoped<IEventOutbox, EventOutbox<TDb>>();
        builder.Services.AddHostedService<OutboxRelay>();
        builder.Services.AddMassTransit(bus =>
        {
            registered.Register(bus, serviceName);
            bus.DisableUsageTelemetry(); // MassTransit would otherwise report to its vendor over the internet

            bus.ConfigureHealthCheckOptions(health => health.Name = MassTransitHealthCheck);
            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
                endpoint.UseMessageRetry(retry => retry.Exponential(options.RetryLimit, options.RetryMinInterval, options.RetryMaxInterval, options.RetryMinInterval)));
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker.Host, (ushort)broker.Port, broker.VirtualHost, host =>
                {
                    host.Username(broker.Username);
                    host.Password(broker.Password);
                });
                rabbit.ConfigureEndpoints(context);
            });
        });

        // One entry in /health for the broker, named like the database's; MassTransit's own is replaced (see BrokerHealthCheck).
        builder.Services.AddHealthChecks().AddCheck<BrokerHealthCheck>($"broker:{ConnectionName}");
        builder.Services.PostConfigure<HealthCheckServiceOptions>(health =>
        {
            foreach (var own in health.Registrations.Where(r => r.Name == MassTransitHealthCheck).ToList())
            {
                health.Registrations.Remove(own);
            }
        });
        return builder;
    }
}
