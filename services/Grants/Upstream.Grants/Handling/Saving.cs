using Microsoft.EntityFrameworkCore;
using Npgsql;
using Upstream.Domain.Refusals;
using Upstream.Grants.Data;

namespace Upstream.Grants.Handling;

/// <summary>One way to save a desk's change: the database settles races, and the loser hears what happened.</summary>
internal static class Saving
{
    /// <param name="what">What changed meanwhile, for the message ("the request").</param>
    public static async Task SaveAsync(this GrantsDb db, string what, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException($"{Capitalised(what)} was changed by someone else meanwhile; reload it and try again.");
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException($"{Capitalised(what)} already exists: someone else got there first.", alreadyExists: true);
        }
    }

    private static string Capitalised(string what) => string.Concat(what[..1].ToUpperInvariant(), what[1..]);
}
