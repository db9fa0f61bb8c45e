using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Upstream.Gateway.Backends;

/// <summary>
/// Asks every replica's /health on a fixed beat, so calls skip a replica that is down or whose database is
/// unreachable, and return to it once it recovers.
/// </summary>
public sealed partial class ReplicaProbe(BackendDirectory directory, IHttpClientFactory clients, IOptions<GatewayOptions> options, ILogger<ReplicaProbe> logger)
    : BackgroundService
{
    public const string ClientName = "replica-probe";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ProbePath.Length == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.ProbeInterval);
        do
        {
            await Task.WhenAll(directory.Backends.SelectMany(b => b.Replicas).Select(r => ProbeAsync(r, stoppingToken)));
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ProbeAsync(Replica replica, CancellationToken cancellationToken)
    {
        var wasHealthy = replica.IsHealthy;
        try
        {
            if (await AnswersAsync(replica, HttpVersion.Version20, cancellationToken))
            {
                replica.MarkHealthy();
            }
            else
            {
                replica.MarkUnhealthy();
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            replica.MarkUnhealthy();
        }

        if (wasHealthy != replica.IsHealthy)
        {
            LogChanged(logger, replica.Address, replica.IsHealthy ? "healthy" : "unhealthy");
        }
    }

    /// <summary>
    /// /health over HTTP/2 with prior knowledge, as the gRPC calls go; a replica whose port speaks only HTTP/1.1
    /// (a plain web host) answers that with a protocol error, so it is asked again over HTTP/1.1.
    /// </summary>
    private async Task<bool> AnswersAsync(Replica replica, Version version, CancellationToken cancellationToken)
    {
        using var probe = new HttpRequestMessage(HttpMethod.Get, new Uri(replica.Address, options.Value.ProbePath))
        {
            Version = version,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(probe, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException e) when (version == HttpVersion.Version20 && e.HttpRequestError is not HttpRequestError.ConnectionError)
        {
            return await AnswersAsync(replica, HttpVersion.Version11, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Address} is now {State}")]
    private static partial void LogChanged(ILogger logger, Uri address, string state);
}

/// <summary>The gateway is ready only while every service it fronts has at least one healthy replica.</summary>
public sealed class BackendsHealthCheck(BackendDirectory directory) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var down = directory.Backends.Where(b => b.Replicas.All(r => !r.IsHealthy)).Select(b => b.Name).ToList();
        var summary = string.Join(", ", directory.Backends.Select(b => $"{b.Name}: {b.Replicas.Count(r => r.IsHealthy)}/{b.Replicas.Count} replicas healthy"));
        return Task.FromResult(down.Count == 0
            ? HealthCheckResult.Healthy(summary)
            : HealthCheckResult.Unhealthy($"unreachable: {string.Join(", ", down)} ({summary})"));
    }
}
