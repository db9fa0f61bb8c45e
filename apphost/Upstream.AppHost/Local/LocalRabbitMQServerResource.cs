namespace Aspire.Hosting.ApplicationModel;

/// <summary>RabbitMQ from Debian's package, with the connection string Aspire's RabbitMQ integration gives.</summary>
public sealed class LocalRabbitMQServerResource(string name, string dataDirectory, int port, ParameterResource password)
    : LocalServerResource(name, dataDirectory, port), IResourceWithConnectionString
{
    public const string UserName = "upstream";

    public ParameterResource Password { get; } = password;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://{UserName}:{Password}@{PrimaryEndpoint.Property(EndpointProperty.IPV4Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}
