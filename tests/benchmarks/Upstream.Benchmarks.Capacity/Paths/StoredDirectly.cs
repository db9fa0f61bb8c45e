using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Upstream.Benchmarks.Capacity.Paths;

/// <summary>
/// Seeding for the larger scales without the broker or gRPC in between: the rows are made by the service's own
/// domain factories and saved through its own DbContext (its mappings, and any trigger the database runs on them),
/// exactly as its consumer or desk would save them, in batches. The 1x run seeds through the real path, which
/// proves it; this only makes 100x fit the benchmark's time budget (setup is not timed).
/// </summary>
public static class StoredDirectly
{
    private const int Batch = 2_000;

    public static async Task SaveAsync<TDb>(IServiceProvider services, IEnumerable<object> rows)
        where TDb : DbContext
    {
        foreach (var batch in rows.Chunk(Batch))
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TDb>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.AddRange(batch);
            await db.SaveChangesAsync();
        }
    }
}
