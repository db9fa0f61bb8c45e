using Grpc.Core;
using Upstream.Benchmarks.Capacity.Measuring;

namespace Upstream.Benchmarks.Capacity.Paths;

/// <summary>Calls started all at once (as a burst of councils or staff would), each timed, each answer's status kept.</summary>
public static class Burst
{
    public static Task<(StatusCode Status, T? Reply)[]> AllAtOnceAsync<T>(IEnumerable<Func<Task<T>>> calls, Latencies latencies)
        where T : class =>
        Task.WhenAll(calls.Select(call => Task.Run(async () =>
        {
            try
            {
                return (StatusCode.OK, (T?)await latencies.TimeAsync(call));
            }
            catch (RpcException e)
            {
                return (e.StatusCode, (T?)null);
            }
        })));

    /// <summary>Runs the setup calls <paramref name="parallel"/> at a time (seeding is not measured; it just must not take all day).</summary>
    public static Task ParallelAsync<T>(IEnumerable<T> items, int parallel, Func<T, Task> work) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (item, _) => await work(item));
}
