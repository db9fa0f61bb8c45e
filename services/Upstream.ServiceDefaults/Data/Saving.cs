using Microsoft.EntityFrameworkCore;
using Npgsql;
using Upstream.Domain.Refusals;

namespace Upstream.ServiceDefaults.Data;

/// <summary>
/// One way for any service's desk to save a change: the database settles races (row versions, unique indexes), and
/// the loser hears what happened as a conflict rather than a server error.
/// </summary>
public static class Saving
{
    /// <param name="what">What changed meanwhile, for the message ("the publication").</param>
    public static async Task SaveAsync(this DbContext db, string what, CancellationToken cancellationToken)
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
