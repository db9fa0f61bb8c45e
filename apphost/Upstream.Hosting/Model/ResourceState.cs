namespace Upstream.Hosting.Model;

/// <summary>Aspire's resource lifecycle, so operators see the states they know.</summary>
public enum ResourceState
{
    NotStarted,
    Waiting,
    Starting,
    Running,
    Stopping,
    Exited,
    Finished,
    FailedToStart,
}

public enum HealthStatus
{
    Unknown,
    Healthy,
    Unhealthy,
}

/// <summary>A moment in a resource's life, as the console and the dashboard show it.</summary>
public sealed record ResourceSnapshot(
    string Name,
    string Type,
    ResourceState State,
    HealthStatus Health,
    IReadOnlyList<Uri> Endpoints,
    int? ProcessId,
    int? ExitCode,
    string? Reason,
    DateTimeOffset? StartedAt);
