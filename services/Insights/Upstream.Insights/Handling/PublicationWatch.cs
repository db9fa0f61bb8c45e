using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Upstream.Insights.Data;
using Upstream.Insights.Domain;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Insights.Handling;

/// <summary>
/// Publications as they are published or retracted, for staff tools. It watches the database rather than an in-process
/// signal because the piece may be published through the other replica.
/// </summary>
public sealed class PublicationWatch(InsightsDb db, TimeProvider clock)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public async IAsyncEnumerable<Publication> WatchAsync(Caller caller, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        caller.RequireStaff("watch publications");
        var since = clock.GetUtcNow();

        // What was already public when the watch began is not news, even if changed at the very instant it began.
        var seen = (await ChangedSinceAsync(since, cancellationToken)).Select(p => (p.Id, p.UpdatedAt)).ToHashSet();
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var publication in await ChangedSinceAsync(since, cancellationToken))
            {
                if (seen.Add((publication.Id, publication.UpdatedAt)))
                {
                    yield return publication;
                }
            }

            // Real time, not the programme clock: a test clock that stands still must not stop the stream.
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private Task<List<Publication>> ChangedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        db.Publications.AsNoTracking()
            .Where(p => p.UpdatedAt >= since && (p.State == PublicationState.Published || p.State == PublicationState.Retracted))
            .OrderBy(p => p.UpdatedAt).ToListAsync(cancellationToken);
}
