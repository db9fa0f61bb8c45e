using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Upstream.Contracts.Network;
using Upstream.Messaging.Outbox;
using Upstream.Network.Data;
using Upstream.Network.Domain;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Network.Handling;

/// <summary>
/// A person's rights over their data: an export of everything the network holds on them (for them, through their
/// council or staff), and erasure (staff), which every service holding their data hears of through PersonErased.
/// </summary>
public sealed class PersonalDataDesk(NetworkDb db, PeopleDesk people, TimeProvider clock, IEventOutbox outbox)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<string> ExportAsync(Caller caller, Guid personId, CancellationToken cancellationToken)
    {
        var person = await people.PersonAsync(caller, personId, "export a person's data", cancellationToken);
        var member = await db.Members.SingleAsync(m => m.Id == person.MemberId, cancellationToken);
        var delegateChanges = await db.DelegateChanges
            .Where(c => c.MemberId == member.Id)
            .OrderBy(c => c.ChangedAt)
            .ToListAsync(cancellationToken);
        return JsonSerializer.Serialize(
            new
            {
                person = new { person.Id, person.Name, person.Role, person.Email, person.DirectoryConsent, person.AddedAt, person.ErasedAt },
                council = new { member.CouncilCode, member.CouncilName },
                residentialDelegate = member.DelegateIds.Contains(person.Id),
                delegateChanges = delegateChanges
                    .Where(c => c.Before.Contains(person.Id) || c.After.Contains(person.Id))
                    .Select(c => new { c.ChangedAt, c.ChangedBy, Cause = c.Cause.ToString().ToLowerInvariant(), wasDelegate = c.Before.Contains(person.Id), isDelegate = c.After.Contains(person.Id) }),
            },
            Json);
    }

    /// <summary>Clears the personal fields, releases them as a delegate (recorded), and tells every service; the council stays.</summary>
    public async Task<Person> EraseAsync(Caller caller, Guid personId, CancellationToken cancellationToken)
    {
        caller.RequireStaff("erase a person's data");
        var person = await people.PersonAsync(caller, personId, "erase a person's data", cancellationToken);
        var member = await db.Members.SingleAsync(m => m.Id == person.MemberId, cancellationToken);
        var now = clock.GetUtcNow();

        // The hash is taken before the address is cleared: services that saw only the email match on it.
        var emailSha256 = ErasedEmail.Hash(person.Email);
        person.Erase(now);
        if (member.ReleaseDelegate(person.Id, caller.Subject, now) is { } change)
        {
            db.DelegateChanges.Add(change);
        }

        outbox.Publish(new PersonErased(Guid.NewGuid(), now, person.Id, person.CouncilCode, emailSha256), person.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return person;
    }
}
