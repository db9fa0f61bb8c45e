using Microsoft.EntityFrameworkCore;
using Npgsql;
using Upstream.Contracts.Network;
using Upstream.Domain.Refusals;
using Upstream.Messaging.Outbox;
using Upstream.Network.Data;
using Upstream.Network.Domain;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Network.Handling;

/// <summary>The programme's partners, kept by staff; Insights hears of each new one.</summary>
public sealed class PartnerDesk(NetworkDb db, TimeProvider clock, IEventOutbox outbox)
{
    public async Task<Partner> AddAsync(Caller caller, string name, string kind, CancellationToken cancellationToken)
    {
        caller.RequireStaff("add partners");
        var now = clock.GetUtcNow();
        var partner = Partner.Add(name, kind, now);
        db.Partners.Add(partner);
        outbox.Publish(new PartnerAdded(Guid.NewGuid(), now, partner.Id, partner.Name, partner.Kind), partner.Id.ToString());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException($"{partner.Name} is already a partner.", alreadyExists: true);
        }

        return partner;
    }

    public async Task<List<Partner>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        caller.RequireStaff("see partners");
        return await db.Partners.OrderBy(p => p.Name).ToListAsync(cancellationToken);
    }
}
