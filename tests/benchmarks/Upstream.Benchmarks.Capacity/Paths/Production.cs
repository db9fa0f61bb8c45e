namespace Upstream.Benchmarks.Capacity.Paths;

/// <summary>
/// What the test hosts shorten for quick tests, put back to the services' own defaults, so the benchmarks measure the
/// services as they run; and the database pool at Npgsql's default (the test hosts cap it at 20).
/// </summary>
public static class Production
{
    public const int PoolSize = 100;

    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Messaging:RelayPollInterval"] = "00:00:01",
        ["Webhooks:PollInterval"] = "00:00:02",
        ["Webhooks:DisableAfterFailures"] = "10",
    };
}
