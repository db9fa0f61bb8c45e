using Upstream.Hosting.Infrastructure;
using Upstream.Hosting.Model;

namespace Upstream.Hosting.Resources;

/// <summary>A RabbitMQ node of our own; projects get ConnectionStrings__NAME = amqp://user:pw@host:port.</summary>
public sealed class RabbitMQServerResource(string name) : Resource(name), IResourceWithConnectionString
{
    private LocalRabbitMq? _broker;

    public override string Type => "RabbitMQ";

    public string ConnectionString => (_broker ?? throw new InvalidOperationException($"{Name} has not started.")).ConnectionString();

    internal override async Task StartAsync(AppHostContext context, CancellationToken cancellationToken)
    {
        _broker = await context.Options.StartOnPortAsync(Name, port => LocalRabbitMq.StartAsync(
            new RabbitMqOptions(
                Path.Combine(context.Options.DataDirectory, Name),
                port,
                $"upstream-{Name}@localhost", // stable, so the broker finds its own data again after a restart
                context.Secrets.Get($"{Name}:username", () => "upstream"),
                context.Secrets.Get($"{Name}:password")),
            cancellationToken)).ConfigureAwait(false);
        Update(s => s with { ProcessId = _broker.Process.Id, Endpoints = [new Uri($"amqp://127.0.0.1:{_broker.Port}")] });
    }

    internal override async Task<HealthStatus> CheckHealthAsync(CancellationToken cancellationToken) =>
        _broker is not null && await AmqpProbe.AnswersAsync(_broker.Port, cancellationToken).ConfigureAwait(false)
            ? HealthStatus.Healthy
            : HealthStatus.Unhealthy;

    internal override Task StopAsync() => _broker?.StopAsync() ?? Task.CompletedTask;

    internal override Task<int> ExitedUnexpectedly => _broker?.Process.Exited ?? base.ExitedUnexpectedly;

    internal override IReadOnlyList<string> RecentOutput => _broker?.Process.RecentOutput ?? [];
}
