using System.Data;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Upstream.Insights.Data;
using Upstream.Insights.Domain;

namespace Upstream.Insights.Feeds;

/// <summary>
/// What the public feed's pages are made of at one moment: how many pieces are public (published or retracted) and
/// their latest change. Every change to a piece sets its update time, and publishing adds one, so this changes
/// whenever any page could; a conditional GET is answered from it alone (one query on a small index).
/// </summary>
public sealed record FeedVersion(int Total, DateTimeOffset LastModified)
{
    public static async Task<FeedVersion> ReadAsync(InsightsDb db, CancellationToken cancellationToken)
    {
        // One group of every visible piece: at most one row (none when nothing is public).
        var version = await FeedPage.Visible(db).GroupBy(_ => 1)
            .Select(g => new FeedVersion(g.Count(), g.Max(p => p.UpdatedAt)))
            .SingleOrDefaultAsync(cancellationToken);
        return version ?? new FeedVersion(0, DateTimeOffset.UnixEpoch);
    }

    /// <summary>Differs between pages, and for one page whenever the version does.</summary>
    public string ETag(int page)
    {
        var fingerprint = $"{page}|{Total}|{LastModified.UtcTicks}";
        return $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint)))[..32]}\"";
    }
}

/// <summary>One page of the public feed (published and retracted pieces, newest change first), and its validators.</summary>
public sealed record FeedPage(IReadOnlyList<Publication> Items, int Page, bool HasNext, DateTimeOffset LastModified, string ETag)
{
    public const int Size = 20;

    public static IQueryable<Publication> Visible(InsightsDb db) =>
        db.Publications.AsNoTracking().Where(p => p.State == PublicationState.Published || p.State == PublicationState.Retracted);

    public static async Task<FeedPage> LoadAsync(InsightsDb db, int page, CancellationToken cancellationToken)
    {
        // The page and the version it is labelled with are read from one snapshot, so a piece published meanwhile
        // cannot shift the page under an ETag that does not count it.
        await using var snapshot = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var version = await FeedVersion.ReadAsync(db, cancellationToken);
        var skip = (page - 1) * Size;
        var take = Math.Clamp(version.Total - skip, 0, Size);

        // OFFSET walks the index from one end: pages past the middle are read from the oldest end, so the last page
        // costs what the first does and the middle one the most.
        List<Publication> items = take == 0 ? []
            : skip <= version.Total / 2 ? await Visible(db).OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Id).Skip(skip).Take(take).ToListAsync(cancellationToken)
            : [.. (await Visible(db).OrderBy(p => p.UpdatedAt).ThenByDescending(p => p.Id).Skip(version.Total - skip - take).Take(take).ToListAsync(cancellationToken)).AsEnumerable().Reverse()];
        return new FeedPage(items, page, page * Size < version.Total, version.LastModified, version.ETag(page));
    }
}
