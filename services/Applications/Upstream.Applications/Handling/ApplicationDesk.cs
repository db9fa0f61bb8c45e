using Microsoft.EntityFrameworkCore;
using Npgsql;
using Upstream.Applications.Data;
using Upstream.Applications.Domain;
using Upstream.Applications.Registry;
using Upstream.Contracts.Applications;
using Upstream.Messaging.Outbox;
using Upstream.ServiceDefaults.Identity;
using Upstream.Domain.Refusals;
using Upstream.Domain.Registry;
using Upstream.Domain.Time;

namespace Upstream.Applications.Handling;

/// <summary>
/// The use cases applicants and staff drive: each checks who is asking, loads what it needs, applies one domain
/// change at the clock's current time, and saves. The database settles races (one application per council per
/// call; optimistic concurrency on every row), and losers get a conflict that says what happened.
/// </summary>
public sealed class ApplicationDesk(ApplicationsDb db, LocalAuthorityRegistry registry, TimeProvider clock, IEventOutbox outbox)
{
    private const string ChangedMeanwhile = "The application was changed by someone else meanwhile; reload it and try again.";

    public async Task<Application> StartAsync(Caller caller, Guid callId, string leadCouncilCode, ApplicationDraft draft, CancellationToken cancellationToken)
    {
        Access.RequireCouncil(caller, leadCouncilCode.Trim());
        var call = await CallAsync(callId, cancellationToken);
        var lead = LeadEligibility.Check(registry, leadCouncilCode, DateOnly.FromDateTime(ProgrammeTime.ToLondon(call.ClosesAt)));
        var application = Application.Start(call, lead, draft, caller.Subject, clock.GetUtcNow());
        db.Applications.Add(application);
        await SaveAsync($"{lead.Authority!.OfficialName} already has an application to this call.", cancellationToken, alreadyExists: true);
        return application;
    }

    public async Task<Application> SaveDraftAsync(Caller caller, Guid applicationId, ApplicationDraft draft, CancellationToken cancellationToken)
    {
        var (application, call) = await OwnApplicationAsync(caller, applicationId, cancellationToken);
        application.SaveDraft(call, draft, caller.Subject, clock.GetUtcNow());
        await SaveAsync(ChangedMeanwhile, cancellationToken);
        return application;
    }

    /// <summary>Submits and screens in one step: an applicant sees at once whether the application is eligible.</summary>
    public async Task<Application> SubmitAsync(Caller caller, Guid applicationId, CancellationToken cancellationToken)
    {
        var (application, call) = await OwnApplicationAsync(caller, applicationId, cancellationToken);
        var now = clock.GetUtcNow();
        application.Submit(call, caller.Subject, now);
        application.Screen(call, registry, now);
        outbox.Publish(
            new ApplicationSubmitted(Guid.NewGuid(), now, application.Id, call.Id, application.LeadCouncilCode, application.LeadCouncilName, application.Region, application.Initiative.Title),
            application.Id.ToString());
        await SaveAsync(ChangedMeanwhile, cancellationToken);
        return application;
    }

    public async Task<Application> WithdrawAsync(Caller caller, Guid applicationId, CancellationToken cancellationToken)
    {
        var (application, _) = await OwnApplicationAsync(caller, applicationId, cancellationToken);
        application.Withdraw(caller.Subject, clock.GetUtcNow());
        await SaveAsync(ChangedMeanwhile, cancellationToken);
        return application;
    }

    public async Task<Application> GrantExtensionAsync(Caller caller, Guid applicationId, DateTimeOffset until, string reason, CancellationToken cancellationToken)
    {
        caller.RequireStaff("grant extensions");
        var (application, call) = await ApplicationAsync(applicationId, cancellationToken);
        application.GrantExtension(call, until, reason, caller.Subject, clock.GetUtcNow());
        await SaveAsync(ChangedMeanwhile, cancellationToken);
        return application;
    }

    public async Task<Application> ShortlistAsync(Caller caller, Guid applicationId, CancellationToken cancellationToken)
    {
        caller.RequireStaff("shortlist applications");
        var (application, _) = await ApplicationAsync(applicationId, cancellationToken);
        application.Shortlist(caller.Subject, clock.GetUtcNow());
        await SaveAsync(ChangedMeanwhile, cancellationToken);
        return application;
    }

    public async Task<Application> OverrideScreeningAsync(Caller caller, Guid applicationId, bool eligible, string reason, CancellationToken cancellationToken)
    {
        caller.RequireStaff("override screening");
        var (application, _) = await ApplicationAsync(applicationId, cancellationToken);
        application.OverrideScreening(eligible, reason, caller.Subject, clock.GetUtcNow());
        await SaveAsync(ChangedMeanwhile, cancellationToken);
        return application;
    }

    public async Task<(Application Application, Call Call)> GetAsync(Caller caller, Guid applicationId, CancellationToken cancellationToken) =>
        await OwnApplicationAsync(caller, applicationId, cancellationToken);

    /// <summary>Staff see every application of a call; an applicant only their council's.</summary>
    public async Task<IReadOnlyList<Application>> ListAsync(Caller caller, Guid callId, IReadOnlyCollection<ApplicationState> states, CancellationToken cancellationToken)
    {
        var query = db.Applications.Where(a => a.CallId == callId);
        if (!caller.IsStaff)
        {
            Access.RequireCouncil(caller, caller.CouncilCode ?? "");
            query = query.Where(a => a.LeadCouncilCode == caller.CouncilCode);
        }

        if (states.Count > 0)
        {
            query = query.Where(a => states.Contains(a.State));
        }

        return await query.OrderBy(a => a.LeadCouncilName).ToListAsync(cancellationToken);
    }

    /// <summary>A call by id; usually already tracked by this unit of work, so no second query.</summary>
    public async Task<Call> FindCallAsync(Guid callId, CancellationToken cancellationToken) =>
        await db.Calls.FindAsync([callId], cancellationToken) ?? throw new NotFoundException($"No call {callId}.");

    private async Task<Call> CallAsync(Guid callId, CancellationToken cancellationToken) =>
        await db.Calls.FirstOrDefaultAsync(c => c.Id == callId, cancellationToken)
            ?? throw new NotFoundException($"No call {callId}.");

    private async Task<(Application, Call)> OwnApplicationAsync(Caller caller, Guid applicationId, CancellationToken cancellationToken)
    {
        var found = await ApplicationAsync(applicationId, cancellationToken);
        Access.RequireCouncil(caller, found.Item1.LeadCouncilCode);
        return found;
    }

    private async Task<(Application, Call)> ApplicationAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == applicationId, cancellationToken)
            ?? throw new NotFoundException($"No application {applicationId}.");
        return (application, await CallAsync(application.CallId, cancellationToken));
    }

    private async Task SaveAsync(string conflict, CancellationToken cancellationToken, bool alreadyExists = false)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(conflict);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException(conflict, alreadyExists);
        }
    }
}
