namespace Upstream.Gateway.Backends;

/// <summary>Placeholder until the gRPC client runtime is merged: every REST call answers UNAVAILABLE.</summary>
public sealed class UnavailableUnaryCaller : IUnaryCaller
{
    public Task<UnaryOutcome> CallAsync(UnaryCall call, CancellationToken cancellationToken) =>
        Task.FromResult(UnaryOutcome.Failed(14, "REST calls to services are not wired yet."));
}
