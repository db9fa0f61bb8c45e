namespace Upstream.Hosting.Infrastructure;

/// <param name="NodeName">Our own Erlang node name, so we never collide with a system RabbitMQ.</param>
public sealed record RabbitMqOptions(string DataDirectory, int AmqpPort, string NodeName, string Username, string Password)
{
    /// <summary>The node's own epmd: private, so it never meets (or stops) another node's.</summary>
    public int EpmdPort { get; init; } = FreePort.Next();

    /// <summary>Erlang distribution (rabbitmqctl talks to the node through it).</summary>
    public int DistributionPort { get; init; } = FreePort.Next();
}
