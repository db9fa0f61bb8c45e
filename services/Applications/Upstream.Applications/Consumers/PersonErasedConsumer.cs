using Microsoft.EntityFrameworkCore;
using Upstream.Applications.Data;
using Upstream.Contracts.Network;
using Upstream.Messaging.Inbox;

namespace Upstream.Applications.Consumers;

/// <summary>
/// A person the network erased may be a contact on their council's applications: those contacts are anonymised
/// (matched by the hash of their email, the only trace of them the event carries), the applications kept.
/// </summary>
public sealed partial class PersonErasedConsumer(ApplicationsDb db, ILogger<PersonErasedConsumer> logger) : IEventConsumer<PersonErased>
{
    public async Task ConsumeAsync(PersonErased erased, CancellationToken cancellationToken)
    {
        var applications = await db.Applications.Where(a => a.LeadCouncilCode == erased.CouncilCode).ToListAsync(cancellationToken);
        var contacts = applications.Sum(a => a.EraseContacts(email => ErasedEmail.Hash(email) == erased.EmailSha256));
        LogErased(erased.PersonId, contacts, erased.CouncilCode);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Person {PersonId} erased: {Contacts} contact(s) anonymised in council {CouncilCode}'s applications")]
    private partial void LogErased(Guid personId, int contacts, string councilCode);
}
