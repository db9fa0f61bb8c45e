namespace Upstream.Insights.Domain;

/// <summary>A host staff allowed as a callback target although it points inward: for local testing only.</summary>
public sealed class AllowedCallbackHost
{
    private AllowedCallbackHost()
    {
    }

    public string Host { get; private set; } = "";

    public string AllowedBy { get; private set; } = "";

    public DateTimeOffset AllowedAt { get; private set; }

    public static AllowedCallbackHost Allow(string host, string allowedBy, DateTimeOffset at) =>
        new() { Host = host.Trim().Trim('[', ']').ToLowerInvariant(), AllowedBy = allowedBy, AllowedAt = at };
}
