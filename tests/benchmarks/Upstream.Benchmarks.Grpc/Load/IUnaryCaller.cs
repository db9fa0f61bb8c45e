namespace Upstream.Benchmarks.Grpc.Load;

/// <summary>One way of making the benchmark's unary call; it throws when the call does not end with status OK.</summary>
internal interface IUnaryCaller : IDisposable
{
    Task CallAsync(CancellationToken cancellationToken);
}
