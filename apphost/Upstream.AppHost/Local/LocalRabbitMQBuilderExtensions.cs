using Upstream.Hosting.Infrastructure;

namespace Aspire.Hosting;

public static class LocalRabbitMQBuilderExtensions
{
    /// <summary>
    /// RabbitMQ as a local process (no container runtime needed): its own node, folders in the app host's data
    /// folder, a private epmd stopped with it, healthy once it answers the AMQP protocol header.
    /// </summary>
    public static IResourceBuilder<LocalRabbitMQServerResource> AddLocalRabbitMQ(this IDistributedApplicationBuilder builder, string name)
    {
        var password = builder.AddGeneratedPassword(name);
        var server = new LocalRabbitMQServerResource(name, builder.DataDirectory(name), builder.PortFor(name), password.Resource);
        var options = new RabbitMqOptions(server.DataDirectory, server.Port, $"upstream-{name}@localhost", LocalRabbitMQServerResource.UserName, Password: "");
        return builder.AddLocalServer(server, LocalRabbitMq.Command(options), "amqp", cancellationToken => AmqpProbe.AnswersAsync(server.Port, cancellationToken))
            .WithIconName("Mail")
            .OnBeforeResourceStarted(async (resource, _, cancellationToken) =>
                await LocalRabbitMq.InitializeAsync(options with { Password = (await resource.Password.GetValueAsync(cancellationToken).ConfigureAwait(false))! }, cancellationToken).ConfigureAwait(false));
    }
}
