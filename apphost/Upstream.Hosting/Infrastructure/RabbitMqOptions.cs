namespace Upstream.Hosting.Infrastructure;

/// <param name="NodeName">Our own Erlang node name, so we never collide with a system RabbitMQ.</param>
public sealed record RabbitMqOptions(string DataDirectory, int AmqpPort, string NodeName, string Username, string Password);
