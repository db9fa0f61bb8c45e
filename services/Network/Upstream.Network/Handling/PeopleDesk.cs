using Microsoft.EntityFrameworkCore;
using Npgsql;
using Upstream.Domain.Refusals;
using Upstream.Network.Data;
using Upstream.Network.Domain;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Network.Handling;

/// <summary>
/// A council's people and its two residential delegates: a member manages its own council's, staff everyone's.
/// Every change of delegates is recorded (who, when, from whom to whom) and staff can read the record.
/// </summary>
public sealed class PeopleDesk(NetworkDb db, TimeProvider clock)
{
    public async Task<Person> AddAsync(Caller caller, string councilCode, PersonDetails details, CancellationToken cancellationToken)
    {
        caller.RequireCouncil(councilCode, "add people to a council");
        var member = await db.CouncilForChangeAsync(councilCode, "council_code", cancellationToken);
        var person = Person.Add(member, details, await db.People.CountAsync(p => p.MemberId == member.Id, cancellationToken), clock.GetUtcNow());
        db.People.Add(person);
        await SaveAsync(cancellationToken);
        return person;
    }

    public async Task<Person> ReviseAsync(Caller caller, Guid personId, PersonDetails details, CancellationToken cancellationToken)
    {
        var person = await PersonAsync(caller, personId, "change a council's people", cancellationToken);
        person.Revise(details);
        await SaveAsync(cancellationToken);
        return person;
    }

    /// <summary>The council and its people (erased ones as placeholders), for the council itself and staff.</summary>
    public async Task<(Member Member, List<Person> People)> ListAsync(Caller caller, string councilCode, CancellationToken cancellationToken)
    {
        caller.RequireCouncil(councilCode, "see a council's people");
        var member = await db.MemberAsync(councilCode, cancellationToken);
        return (member, await db.People.Where(p => p.MemberId == member.Id).OrderBy(p => p.Position).ThenBy(p => p.AddedAt).ToListAsync(cancellationToken));
    }

    public async Task<Member> SetDelegatesAsync(Caller caller, string councilCode, IReadOnlyList<Guid> personIds, CancellationToken cancellationToken)
    {
        caller.RequireCouncil(councilCode, "name a council's residential delegates");
        var member = await db.CouncilForChangeAsync(councilCode, "council_code", cancellationToken);
        var change = member.NameDelegates(personIds, await db.CurrentPeopleAsync(member.Id, cancellationToken), caller.Subject, DelegateCause.Named, clock.GetUtcNow());
        if (change is not null)
        {
            db.DelegateChanges.Add(change);
        }

        await SaveAsync(cancellationToken);
        return member;
    }

    public async Task<List<DelegateChange>> DelegateChangesAsync(Caller caller, string councilCode, CancellationToken cancellationToken)
    {
        caller.RequireStaff("see the record of delegate changes");
        var member = await db.MemberAsync(councilCode, cancellationToken);
        return await db.DelegateChanges.Where(c => c.MemberId == member.Id).OrderBy(c => c.ChangedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The person, once the caller may act for their council. Unknown ids are NOT_FOUND; the check comes after the
    /// load because the council is the person's own.
    /// </summary>
    internal async Task<Person> PersonAsync(Caller caller, Guid personId, string action, CancellationToken cancellationToken)
    {
        Access.RequireNetwork(caller, action);
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId, cancellationToken) ?? throw new NotFoundException($"No person {personId}.");
        caller.RequireCouncil(person.CouncilCode, action);
        return person;
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("The council's delegates were changed by someone else meanwhile; reload and try again.");
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException("Someone with that work email is already one of the council's people.", alreadyExists: true);
        }
    }
}
