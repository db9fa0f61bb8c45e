using Grpc.Health.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Upstream.Grpc.Health;

/// <summary>
/// grpc.health.v1.Health, answered from the same ASP.NET Core health checks as /health: a server whose /health
/// is unhealthy is NOT_SERVING here too, so probes and load balancers that speak gRPC see what HTTP ones see.
/// </summary>
internal sealed class HealthService(HealthStatusBoard board, HealthCheckService checks)
    : global::Grpc.Health.V1.Health.HealthBase
{
    public override async Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        // Fresh, as /health is on every request; watchers hear of a change found here too.
        await RefreshAsync(context.CancellationToken);
        return board.Get(request.Service) is { } status
            ? new HealthCheckResponse { Status = status }
            : throw new RpcException(new Status(StatusCode.NotFound, $"This server does not serve '{request.Service}'."));
    }

    public override async Task<HealthListResponse> List(HealthListRequest request, ServerCallContext context)
    {
        await RefreshAsync(context.CancellationToken);
        var response = new HealthListResponse();
        foreach (var (service, status) in board.Snapshot())
        {
            response.Statuses[service] = new HealthCheckResponse { Status = status };
        }

        return response;
    }

    public override async Task Watch(
        HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        if (board.Get(HealthStatusBoard.Overall) is null)
        {
            await RefreshAsync(context.CancellationToken);
        }

        try
        {
            await foreach (var status in board.WatchAsync(request.Service, context.CancellationToken))
            {
                await responseStream.WriteAsync(new HealthCheckResponse { Status = status });
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The watcher hung up: nobody is left to tell.
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var report = await checks.CheckHealthAsync(cancellationToken);
        board.SetAll(HealthReportPublisher.ToServingStatus(report.Status));
    }
}
