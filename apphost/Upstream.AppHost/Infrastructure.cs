namespace Upstream.AppHost;

/// <summary>
/// PostgreSQL and RabbitMQ. By default Debian's servers as local processes (no container runtime needed); with
/// Upstream:Infrastructure=containers, Aspire's own container integrations instead. When publishing, neither:
/// a deployment uses managed or operator-run servers, so each becomes a connection-string parameter that the
/// operator fills. Every way, services get the same ConnectionStrings__&lt;name&gt;.
/// </summary>
internal sealed class Infrastructure
{
    private readonly Func<string, IResourceBuilder<IResourceWithConnectionString>> _addDatabase;

    private Infrastructure(IResourceBuilder<IResourceWithConnectionString> messaging, Func<string, IResourceBuilder<IResourceWithConnectionString>> addDatabase)
    {
        Messaging = messaging;
        _addDatabase = addDatabase;
    }

    public IResourceBuilder<IResourceWithConnectionString> Messaging { get; }

    public IResourceBuilder<IResourceWithConnectionString> AddDatabase(string name) => _addDatabase(name);

    public static Infrastructure Add(IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return new Infrastructure(builder.AddConnectionString("messaging"), name => builder.AddConnectionString(name));
        }

        if (string.Equals(builder.Configuration["Upstream:Infrastructure"], "containers", StringComparison.OrdinalIgnoreCase))
        {
            var postgres = builder.AddPostgres("postgres").WithDataVolume();
            return new Infrastructure(builder.AddRabbitMQ("messaging").WithDataVolume(), name => postgres.AddDatabase(name));
        }

        var local = builder.AddLocalPostgres("postgres");
        return new Infrastructure(builder.AddLocalRabbitMQ("messaging"), name => local.AddDatabase(name));
    }
}
