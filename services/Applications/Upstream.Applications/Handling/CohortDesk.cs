using Microsoft.EntityFrameworkCore;
using Npgsql;
using Upstream.Applications.Data;
using Upstream.Applications.Domain;
using Upstream.Applications.Selection;
using Upstream.Contracts.Applications;
using Upstream.Messaging.Outbox;
using Upstream.ServiceDefaults.Identity;
using Upstream.Domain.Refusals;
using Upstream.Domain.Time;

namespace Upstream.Applications.Handling;

/// <summary>
/// Staff choose the cohort once the call has closed: propose (the exact selection over the applications in the
/// running, with their pins and exclusions), re-run as often as they like, then confirm the latest proposal,
/// which selects the chosen applications, declines the rest with the reason each was not chosen, and decides the call.
/// </summary>
public sealed class CohortDesk(ApplicationsDb db, TimeProvider clock, IEventOutbox outbox)
{
    private const string NotReviewed = "Not reviewed yet: no counting review.";

    public async Task<CohortProposal> ProposeAsync(Caller caller, Guid callId, IReadOnlyCollection<Guid> pins, IReadOnlyCollection<Guid> exclusions, CancellationToken cancellationToken)
    {
        caller.RequireStaff("propose cohorts");
        var call = await ClosedCallAsync(callId, cancellationToken);
        var (_, candidates) = await RunningAsync(call, cancellationToken);
        var selection = CohortSelector.Select(new CohortRequest(call.TargetCohortSize, call.Quotas, candidates, pins, exclusions));
        var proposal = CohortProposal.Record(call.Id, selection, pins, exclusions, caller.Subject, clock.GetUtcNow());
        db.CohortProposals.Add(proposal);
        await db.SaveChangesAsync(cancellationToken);
        return proposal;
    }

    /// <summary>A proposal of the call by id, or its latest when no id is given.</summary>
    public async Task<CohortProposal> GetAsync(Caller caller, Guid callId, Guid? proposalId, CancellationToken cancellationToken)
    {
        caller.RequireStaff("see cohort proposals");
        var proposals = db.CohortProposals.Where(p => p.CallId == callId);
        var proposal = proposalId is { } id
            ? await proposals.FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            : await proposals.OrderByDescending(p => p.ProposedAt).ThenByDescending(p => p.Id).FirstOrDefaultAsync(cancellationToken);
        return proposal ?? throw new NotFoundException(proposalId is null ? $"No cohort has been proposed for call {callId}." : $"No cohort proposal {proposalId} for call {callId}.");
    }

    /// <summary>
    /// Confirms the latest proposal, provided nothing it was based on has changed since. Returns the decision; the
    /// messages telling each council are raised at the marked place, inside the same unit of work.
    /// </summary>
    public async Task<CohortDecision> ConfirmAsync(Caller caller, Guid callId, Guid proposalId, CancellationToken cancellationToken)
    {
        caller.RequireStaff("confirm cohorts");
        var call = await ClosedCallAsync(callId, cancellationToken);
        var proposal = await GetAsync(caller, callId, proposalId, cancellationToken);
        var latest = await GetAsync(caller, callId, null, cancellationToken);
        if (latest.Id != proposal.Id)
        {
            throw new DomainRuleException("cohort.superseded", $"A later proposal ({latest.Id}) replaced this one; confirm that one or propose again.");
        }

        var (running, candidates) = await RunningAsync(call, cancellationToken);
        var proposed = proposal.Explanations.Select(e => (e.ApplicationId, e.ScoreMilli)).Order();
        if (!proposed.SequenceEqual(candidates.Select(c => (c.Id, c.ScoreMilli)).Order()))
        {
            throw new ConflictException("Applications or reviews have changed since this cohort was proposed; propose it again.");
        }

        var now = clock.GetUtcNow();
        proposal.Confirm(caller.Subject, now);
        call.MarkDecided(now);
        foreach (var application in running)
        {
            application.Decide(proposal.Chosen.Contains(application.Id), proposal.ExplanationFor(application.Id).Text, caller.Subject, now);
        }

        var decision = new CohortDecision(
            call,
            proposal,
            [.. proposal.Chosen.Select(id => running.Single(a => a.Id == id))],
            [.. running.Where(a => a.State == ApplicationState.Declined)]);

        // Each council hears the outcome through the outbox, committed with the decision itself: confirmed means told.
        foreach (var selected in decision.Selected)
        {
            outbox.Publish(Selected(selected, proposal.ExplanationFor(selected.Id).Text, now), selected.Id.ToString());
        }

        foreach (var declined in decision.Declined)
        {
            outbox.Publish(
                new ApplicationDeclined(Guid.NewGuid(), now, declined.Id, call.Id, declined.LeadCouncilCode, declined.LeadCouncilName, declined.Region, proposal.ExplanationFor(declined.Id).Text),
                declined.Id.ToString());
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("The call or its applications were changed meanwhile (perhaps the cohort was confirmed by someone else); reload and try again.");
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException("The cohort for this call has already been confirmed.");
        }

        return decision;
    }

    /// <summary>Everything the network needs to welcome the council, so it never has to call back.</summary>
    private static ApplicationSelected Selected(Application application, string reason, DateTimeOffset now)
    {
        var initiative = application.Initiative;
        return new ApplicationSelected(
            Guid.NewGuid(),
            now,
            application.Id,
            application.CallId,
            application.LeadCouncilCode,
            application.LeadCouncilName,
            application.Region,
            [.. new[] { AreaCharacter.Urban, AreaCharacter.Rural, AreaCharacter.Coastal }.Where(c => initiative.Characters.HasFlag(c)).Select(c => c.ToString().ToLowerInvariant())],
            new SelectedInitiative(initiative.Title, initiative.Summary, initiative.UpstreamProblem, initiative.ServiceArea, initiative.Stage.ToString().ToLowerInvariant()),
            [.. application.Contacts.Select(c => new CouncilContact(c.Name, c.Role, c.Email))],
            [.. application.Partners],
            reason);
    }

    private async Task<Call> ClosedCallAsync(Guid callId, CancellationToken cancellationToken)
    {
        var call = await db.Calls.FirstOrDefaultAsync(c => c.Id == callId, cancellationToken) ?? throw new NotFoundException($"No call {callId}.");
        return call.StateAt(clock.GetUtcNow()) switch
        {
            CallState.Closed => call,
            CallState.Decided => throw new DomainRuleException("cohort.confirmed", $"The cohort for this call was confirmed at {ProgrammeTime.Describe(call.DecidedAt!.Value)}."),
            _ => throw new DomainRuleException("call.state", $"A cohort can be chosen only after the call closes ({ProgrammeTime.Describe(call.ClosesAt)})."),
        };
    }

    /// <summary>The applications still in the running, and each as a candidate with its standing (none: it cannot be chosen).</summary>
    private async Task<(List<Application> Running, List<Candidate> Candidates)> RunningAsync(Call call, CancellationToken cancellationToken)
    {
        var running = await db.Applications
            .Where(a => a.CallId == call.Id && (a.State == ApplicationState.Eligible || a.State == ApplicationState.UnderReview || a.State == ApplicationState.Shortlisted))
            .ToListAsync(cancellationToken);
        var standings = await new ReviewDesk(db, clock).StandingsAsync(call.Id, cancellationToken);
        var candidates = running.Select(a => standings.GetValueOrDefault(a.Id) is { Reviews: > 0 } standing
            ? new Candidate(a.Id, a.LeadCouncilName, a.LeadCouncilCode, a.Region, a.Initiative.Characters, standing.MeanMilli, a.SubmittedAt ?? a.CreatedAt)
            : new Candidate(a.Id, a.LeadCouncilName, a.LeadCouncilCode, a.Region, a.Initiative.Characters, 0, a.SubmittedAt ?? a.CreatedAt, NotReviewed)).ToList();
        return (running, candidates);
    }
}

/// <summary>A confirmed cohort: the decided call, the proposal it confirmed, and the applications selected and declined.</summary>
public sealed record CohortDecision(Call Call, CohortProposal Proposal, IReadOnlyList<Application> Selected, IReadOnlyList<Application> Declined);
