using Microsoft.EntityFrameworkCore;
using Upstream.Contracts.Network;
using Upstream.Grants.Data;
using Upstream.Messaging.Inbox;

namespace Upstream.Grants.Consumers;

/// <summary>
/// A person asked to be forgotten. The only personal data Grants holds is a request's named contact, which it knows by
/// email (never by the network's person id), so it matches the event's email hash; the requests themselves stay.
/// </summary>
public sealed class PersonErasedConsumer(GrantsDb db) : IEventConsumer<PersonErased>
{
    public async Task ConsumeAsync(PersonErased erased, CancellationToken cancellationToken)
    {
        var code = erased.CouncilCode.Trim().ToUpperInvariant();
        var requests = await db.GrantRequests.Where(r => r.LeadCouncilCode == code).ToListAsync(cancellationToken);
        foreach (var request in requests.Where(r => r.Contact.Email.Length > 0 && ErasedEmail.Hash(r.Contact.Email) == erased.EmailSha256))
        {
            request.EraseContact();
        }
    }
}
