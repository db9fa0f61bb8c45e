namespace Upstream.Messaging.Setup;

/// <summary>The broker from ConnectionStrings__messaging, in the shape the app host (and Aspire) injects: amqp://user:pw@host:port[/vhost].</summary>
public sealed record BrokerAddress(string Host, int Port, string VirtualHost, string Username, string Password)
{
    public static BrokerAddress Parse(string connectionString)
    {
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            throw new InvalidOperationException("ConnectionStrings__messaging must be an amqp:// URI (amqp://user:password@host:port).");
        }

        var credentials = uri.UserInfo.Split(':', 2);
        var virtualHost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return new BrokerAddress(
            uri.Host,
            uri.IsDefaultPort ? 5672 : uri.Port,
            virtualHost.Length == 0 ? "/" : virtualHost,
            Uri.UnescapeDataString(credentials[0]),
            credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "");
    }
}
