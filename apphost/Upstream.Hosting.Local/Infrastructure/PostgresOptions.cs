namespace Upstream.Hosting.Infrastructure;

/// <param name="DataDirectory">Where the cluster lives; created with initdb on first start.</param>
/// <param name="Durable">False for throw-away test clusters: fsync off, which makes tests several times faster.</param>
public sealed record PostgresOptions(string DataDirectory, int Port, string Username, string Password, bool Durable);
