using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Upstream.Insights.Data;
using Upstream.Insights.Domain;

namespace Upstream.Insights.Feeds;

/// <summary>
/// One page of the public feed (published and retracted pieces, newest change first), with what a conditional GET
/// is answered from: its validator changes whenever any piece on it, or the set of pages, changes.
/// </summary>
public sealed record FeedPage(IReadOnlyList<Publication> Items, int Page, bool HasNext, DateTimeOffset LastModified, string ETag)
{
    public const int Size = 20;

    public static async Task<FeedPage> LoadAsync(InsightsDb db, int page, CancellationToken cancellationToken)
    {
        var visible = db.Publications.AsNoTracking().Where(p => p.State == PublicationState.Published || p.State == PublicationState.Retracted);
        var total = await visible.CountAsync(cancellationToken);
        var items = await visible.OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Id).Skip((page - 1) * Size).Take(Size).ToListAsync(cancellationToken);
        var lastModified = total == 0 ? DateTimeOffset.UnixEpoch : await visible.MaxAsync(p => p.UpdatedAt, cancellationToken);
        var fingerprint = $"{page}|{total}|{string.Join(',', items.Select(p => $"{p.Id}:{p.UpdatedAt.UtcTicks}"))}";
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint)))[..32]}\"";
        return new FeedPage(items, page, page * Size < total, lastModified, etag);
    }
}
