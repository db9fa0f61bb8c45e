using Microsoft.EntityFrameworkCore;
using Npgsql;
using Upstream.Applications.Data;
using Upstream.Applications.Domain;
using Upstream.Applications.Registry;
using Upstream.Applications.Time;

namespace Upstream.Applications.Handling;

/// <summary>
/// The use cases applicants and staff drive: each loads what it needs, applies one domain change at the
/// clock's current time, and saves. The database settles races (one application per council per call;
/// optimistic concurrency on every row), and losers get a conflict that says what happened.
/// </summary>
public sealed class ApplicationDesk(ApplicationsDb db, LocalAuthorityRegistry registry, TimeProvider clock)
{
    public async Task<Application> StartAsync(Guid callId, string leadCouncilCode, ApplicationDraft draft, string by, CancellationToken cancellationToken)
    {
        var call = await CallAsync(callId, cancellationToken);
        var lead = LeadEligibility.Check(registry, leadCouncilCode, DateOnly.FromDateTime(ProgrammeTime.ToLondon(call.ClosesAt)));
        var application = Application.Start(call, lead, draft, by, clock.GetUtcNow());
        db.Applications.Add(application);
        await SaveAsync($"{lead.Authority!.OfficialName} already has an application to this call.", cancellationToken);
        return application;
    }

    public async Task<Application> SaveDraftAsync(Guid applicationId, ApplicationDraft draft, string by, CancellationToken cancellationToken)
    {
        var (application, call) = await ApplicationAsync(applicationId, cancellationToken);
        application.SaveDraft(call, draft, by, clock.GetUtcNow());
        await SaveAsync("The application was changed by someone else meanwhile; reload it and try again.", cancellationToken);
        return application;
    }

    /// <summary>Submits and screens in one step: an applicant sees at once whether the application is eligible.</summary>
    public async Task<Application> SubmitAsync(Guid applicationId, string by, CancellationToken cancellationToken)
    {
        var (application, call) = await ApplicationAsync(applicationId, cancellationToken);
        var now = clock.GetUtcNow();
        application.Submit(call, by, now);
        application.Screen(call, registry, now);
        await SaveAsync("The application was changed by someone else meanwhile; reload it and try again.", cancellationToken);
        return application;
    }

    public async Task<Application> WithdrawAsync(Guid applicationId, string by, CancellationToken cancellationToken)
    {
        var (application, _) = await ApplicationAsync(applicationId, cancellationToken);
        application.Withdraw(by, clock.GetUtcNow());
        await SaveAsync("The application was changed by someone else meanwhile; reload it and try again.", cancellationToken);
        return application;
    }

    public async Task<Application> GrantExtensionAsync(Guid applicationId, DateTimeOffset until, string reason, string by, CancellationToken cancellationToken)
    {
        var (application, call) = await ApplicationAsync(applicationId, cancellationToken);
        application.GrantExtension(call, until, reason, by, clock.GetUtcNow());
        await SaveAsync("The application was changed by someone else meanwhile; reload it and try again.", cancellationToken);
        return application;
    }

    public async Task<Application> OverrideScreeningAsync(Guid applicationId, bool eligible, string reason, string by, CancellationToken cancellationToken)
    {
        var (application, _) = await ApplicationAsync(applicationId, cancellationToken);
        application.OverrideScreening(eligible, reason, by, clock.GetUtcNow());
        await SaveAsync("The application was changed by someone else meanwhile; reload it and try again.", cancellationToken);
        return application;
    }

    private async Task<Call> CallAsync(Guid callId, CancellationToken cancellationToken) =>
        await db.Calls.FirstOrDefaultAsync(c => c.Id == callId, cancellationToken)
            ?? throw new NotFoundException($"No call {callId}.");

    private async Task<(Application, Call)> ApplicationAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == applicationId, cancellationToken)
            ?? throw new NotFoundException($"No application {applicationId}.");
        return (application, await CallAsync(application.CallId, cancellationToken));
    }

    private async Task SaveAsync(string conflict, CancellationToken cancellationToken)
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
            throw new ConflictException(conflict);
        }
    }
}

/// <summary>The thing asked for does not exist (NOT_FOUND).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>Someone else got there first (ALREADY_EXISTS or ABORTED at the API).</summary>
public sealed class ConflictException(string message) : Exception(message);
