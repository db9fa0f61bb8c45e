using Microsoft.Extensions.DependencyInjection;
using Upstream.Hosting.Infrastructure;

namespace Aspire.Hosting;

public static class LocalPostgresBuilderExtensions
{
    /// <summary>
    /// PostgreSQL as a local process (no container runtime needed): initdb on first start into the app host's
    /// data folder, run as the postgres account where the app host is root, stopped with a fast shutdown.
    /// </summary>
    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, string name)
    {
        var password = builder.AddGeneratedPassword(name);
        var server = new LocalPostgresServerResource(name, builder.DataDirectory(name), builder.PortFor(name), password.Resource);
        var options = new PostgresOptions(Path.Combine(server.DataDirectory, "data"), server.Port, LocalPostgresServerResource.UserName, Password: "", Durable: true);
        return builder.AddLocalServer(server, LocalPostgres.Command(options), "tcp", async cancellationToken =>
                await LocalPostgres.AnswersAsync(await ServerConnectionStringAsync(server, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false))
            .WithIconName("Database")
            .OnBeforeResourceStarted(async (resource, _, cancellationToken) =>
                await LocalPostgres.InitializeAsync(options with { Password = (await resource.Password.GetValueAsync(cancellationToken).ConfigureAwait(false))! }, cancellationToken).ConfigureAwait(false))
            .OnResourceReady(async (resource, @event, cancellationToken) =>
            {
                var connectionString = await ServerConnectionStringAsync(resource, cancellationToken).ConfigureAwait(false);
                var notifications = @event.Services.GetRequiredService<ResourceNotificationService>();
                foreach (var database in builder.Resources.OfType<LocalPostgresDatabaseResource>().Where(d => d.Parent == resource))
                {
                    await LocalPostgres.CreateDatabaseAsync(connectionString, database.DatabaseName, cancellationToken).ConfigureAwait(false);
                    await notifications.PublishUpdateAsync(database, s => s with { State = KnownResourceStates.Running, StartTimeStamp = DateTime.UtcNow }).ConfigureAwait(false);
                }
            });
    }

    /// <summary>A database on the server, created when the server is first ready (and left alone if it exists).</summary>
    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(this IResourceBuilder<LocalPostgresServerResource> server, string name, string? databaseName = null)
    {
        var database = new LocalPostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        var healthCheck = server.ApplicationBuilder.AddAnswersCheck(name, async cancellationToken =>
            await LocalPostgres.AnswersAsync(await database.ConnectionStringExpression.GetValueAsync(cancellationToken).ConfigureAwait(false) ?? "", cancellationToken).ConfigureAwait(false));
        return server.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [new(CustomResourceKnownProperties.Source, server.Resource.Name)],
            })
            .WithParentRelationship(server)
            .WithHealthCheck(healthCheck);
    }

    private static async Task<string> ServerConnectionStringAsync(LocalPostgresServerResource server, CancellationToken cancellationToken) =>
        await server.ConnectionStringExpression.GetValueAsync(cancellationToken).ConfigureAwait(false) + ";Database=postgres";
}
