using Microsoft.EntityFrameworkCore;
using Upstream.Contracts.Applications;
using Upstream.Contracts.Network;
using Upstream.Domain.Registry;
using Upstream.Messaging.Inbox;
using Upstream.Messaging.Outbox;
using Upstream.Network.Data;
using Upstream.Network.Domain;

namespace Upstream.Network.Consumers;

/// <summary>
/// A selected council becomes a member, once: the inbox drops a redelivered message, and a council that is already a
/// current member is left as it is (the same selection published again changes nothing). A council that left rejoins
/// its own record. Its contacts become its people and the first two its residential delegates.
/// <para>
/// A code the registry does not know (a registry update between the services) must not poison the queue: the
/// council joins with the name and region the event carries and an empty type and GSS code, and a warning names
/// the code (not personal data) so staff can correct the registry.
/// </para>
/// </summary>
public sealed partial class ApplicationSelectedConsumer(
    NetworkDb db, LocalAuthorityRegistry registry, IEventOutbox outbox, TimeProvider clock, ILogger<ApplicationSelectedConsumer> logger)
    : IEventConsumer<ApplicationSelected>
{
    /// <summary>Who the delegate record says named the first delegates: the service itself, from the application.</summary>
    public const string NamedByNetwork = "network";

    public async Task ConsumeAsync(ApplicationSelected selected, CancellationToken cancellationToken)
    {
        var authority = registry.Find(selected.CouncilCode);
        if (authority is null)
        {
            LogUnknownCouncil(selected.CouncilCode, selected.ApplicationId);
        }

        var code = authority?.Code ?? selected.CouncilCode.Trim().ToUpperInvariant();
        var (name, region) = (authority?.OfficialName ?? selected.CouncilName, authority?.Region ?? selected.Region);
        var (type, gss) = (authority?.TypeName ?? "", authority?.GssCode ?? "");
        var i = selected.Initiative;
        var initiative = new MemberInitiative(i.Title, i.Summary, i.UpstreamProblem, i.ServiceArea, i.Stage);
        var now = clock.GetUtcNow();

        var member = await db.Members.FirstOrDefaultAsync(m => m.CouncilCode == code, cancellationToken);
        if (member is { IsCurrent: true })
        {
            LogAlreadyMember(code, selected.ApplicationId);
            return;
        }

        var rejoined = member is not null;
        if (member is null)
        {
            member = Member.Join(code, name, region, type, gss, selected.AreaCharacters, initiative, selected.ApplicationId, now);
            db.Members.Add(member);
        }
        else
        {
            member.Rejoin(name, region, type, gss, selected.AreaCharacters, initiative, selected.ApplicationId, now);
        }

        var people = await PeopleFromContactsAsync(member, selected.Contacts, now, cancellationToken);
        var delegates = people.Take(Member.MaxDelegates).Select(p => p.Id).ToList();
        if (member.NameDelegates(delegates, delegates, NamedByNetwork, DelegateCause.Joined, now) is { } change)
        {
            db.DelegateChanges.Add(change);
        }

        outbox.Publish(
            new MemberJoined(
                Guid.NewGuid(), now, member.Id, member.CouncilCode, member.CouncilName, member.Region, member.CouncilType, member.GssCode,
                member.AreaCharacters, member.Initiative.Title,
                [.. people.Select(p => new MemberPerson(p.Id, p.Name, p.Role, p.Email, delegates.Contains(p.Id)))],
                rejoined),
            member.Id.ToString());
    }

    /// <summary>Each contact as one of the council's people: someone already on record (a rejoining council) by work email, otherwise new.</summary>
    private async Task<List<Person>> PeopleFromContactsAsync(Member member, IReadOnlyList<CouncilContact> contacts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var known = await db.People.Where(p => p.MemberId == member.Id).ToListAsync(cancellationToken);
        var people = new List<Person>();
        var next = known.Count;
        foreach (var contact in contacts.DistinctBy(c => c.Email.Trim().ToLowerInvariant()))
        {
            var person = known.FirstOrDefault(p => !p.IsErased && string.Equals(p.Email, contact.Email.Trim(), StringComparison.OrdinalIgnoreCase));
            if (person is null)
            {
                person = Person.FromContact(member, contact.Name, contact.Role, contact.Email, next++, now);
                db.People.Add(person);
            }

            people.Add(person);
        }

        return people;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Council code {CouncilCode} (application {ApplicationId}) is not in the registry: it joins with the event's name and region, without type or GSS code")]
    private partial void LogUnknownCouncil(string councilCode, Guid applicationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Council {CouncilCode} is already a current member; selection of application {ApplicationId} changes nothing")]
    private partial void LogAlreadyMember(string councilCode, Guid applicationId);
}
