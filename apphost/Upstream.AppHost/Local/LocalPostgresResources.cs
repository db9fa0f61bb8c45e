namespace Aspire.Hosting.ApplicationModel;

/// <summary>PostgreSQL from Debian's package, with the connection string Aspire's PostgreSQL integration gives.</summary>
public sealed class LocalPostgresServerResource(string name, string dataDirectory, int port, ParameterResource password)
    : LocalServerResource(name, dataDirectory, port), IResourceWithConnectionString
{
    public const string UserName = "upstream";

    public ParameterResource Password { get; } = password;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.IPV4Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserName};Password={Password}");
}

/// <summary>One service's database on a <see cref="LocalPostgresServerResource"/>.</summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresServerResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresServerResource>, IResourceWithConnectionString
{
    public LocalPostgresServerResource Parent { get; } = parent;

    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}
