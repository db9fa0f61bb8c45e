using System.Diagnostics;
using Upstream.Applications.V1;
using Upstream.Domain.Time;
using Upstream.Network.V1;

namespace Upstream.Demo;

/// <summary>The call for ideas, the councils' applications, screening, three reviewers' scores and the balanced cohort.</summary>
public sealed partial class ProgrammeJourney
{
    private static readonly string[] Themes =
    [
        "Preventing homelessness", "Early help for families", "Healthy ageing at home", "Community wealth building",
        "Youth mental health", "Cost of living", "Climate resilience", "School readiness", "Safer streets",
    ];

    private async Task<Selection> SelectCohortAsync(CancellationToken cancellationToken)
    {
        var calls = new CallService.CallServiceClient(gateway);
        var applications = new ApplicationService.ApplicationServiceClient(gateway);
        var already = await CurrentMembersAsync(new MemberService.MemberServiceClient(gateway), callers.Staff, cancellationToken);
        var councils = DemoCouncils.Pick(_options.Applications, already, DateOnly.FromDateTime(LondonNow).AddDays(1));

        // The quickest honest close: the real clock runs, so the call closes at the first whole London minute at
        // least 90 s away; the applications are in well before, and the reviews and events are done while it runs out.
        var now = LondonNow;
        var closes = now.AddSeconds(-now.Second).AddMinutes(now.Second < 30 ? 2 : 3);
        var call = await calls.DraftCallAsync(new DraftCallRequest { Details = CallDetails(now, closes, councils) }, callers.Staff, cancellationToken: cancellationToken);
        await calls.PublishCallAsync(new PublishCallRequest { CallId = call.Id }, callers.Staff, cancellationToken: cancellationToken);
        progress.Report($"Call \"{CallTitle}\" published; it closes at {closes:HH:mm} London time.");

        // Two councils forget to say what budget they have assigned: screening on submission finds them ineligible.
        var ineligible = councils.Where((_, i) => i % 29 == 28).Select(c => c.Code).ToHashSet();
        var ids = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        await Parallel.ForEachAsync(councils.Select((council, index) => (council, index)), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (entry, ct) =>
        {
            var (council, index) = entry;
            var applicant = callers.Applicant(council.Code);
            var started = await applications.StartApplicationAsync(
                new StartApplicationRequest { CallId = call.Id, LeadCouncilCode = council.Code, Draft = Draft(council, index, budgeted: !ineligible.Contains(council.Code)) },
                applicant,
                cancellationToken: ct);
            await applications.SubmitApplicationAsync(new SubmitApplicationRequest { ApplicationId = started.Id }, applicant, cancellationToken: ct);
            if (ids.TryAdd(council.Code, started.Id) && ids.Count % 10 == 0)
            {
                progress.Report($"{ids.Count} of {councils.Count} applications submitted.");
            }
        });

        // Screening ran on submission; staff review what passed, three reviewers each, and shortlist it.
        var eligible = (await applications.ListApplicationsAsync(new ListApplicationsRequest { CallId = call.Id, States = { ApplicationState.Eligible } }, callers.Staff, cancellationToken: cancellationToken)).Applications;
        progress.Report($"Screening: {eligible.Count} eligible, {councils.Count - eligible.Count} not (no budget assigned).");
        var reviews = new ReviewService.ReviewServiceClient(gateway);
        var reviewed = 0;
        await Parallel.ForEachAsync(eligible, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (application, ct) =>
        {
            for (var reviewer = 1; reviewer <= 3; reviewer++)
            {
                var review = new ScoreApplicationRequest { ApplicationId = application.Id };
                foreach (var key in Criteria)
                {
                    review.Scores.Add(key, Score(application.LeadCouncilCode, reviewer, key));
                }

                await reviews.ScoreApplicationAsync(review, callers.Reviewer(reviewer), cancellationToken: ct);
            }

            await applications.ShortlistApplicationAsync(new ShortlistApplicationRequest { ApplicationId = application.Id }, callers.Staff, cancellationToken: ct);
            if (Interlocked.Increment(ref reviewed) % 20 == 0)
            {
                progress.Report($"{reviewed} applications reviewed by three reviewers and shortlisted.");
            }
        });

        // The events to come are scheduled now, so each council is invited as it joins.
        var events = await ScheduleEventsAsync(cancellationToken);

        var closesAt = ProgrammeTime.ToInstant(closes);
        while (DateTimeOffset.UtcNow < closesAt)
        {
            var left = closesAt - DateTimeOffset.UtcNow;
            progress.Report($"Waiting for the call to close at {closes:HH:mm}: {left:m\\:ss} left.");
            await Task.Delay(left < TimeSpan.FromSeconds(15) ? left : TimeSpan.FromSeconds(15), cancellationToken);
        }

        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var cohorts = new CohortService.CohortServiceClient(gateway);
        var proposal = await cohorts.ProposeCohortAsync(new ProposeCohortRequest { CallId = call.Id }, callers.Staff, cancellationToken: cancellationToken);
        if (proposal.UnmetQuotas.Count > 0)
        {
            throw new InvalidOperationException("No cohort meets the call's quotas: " + string.Join(" ", proposal.UnmetQuotas.Select(q => q.Description)));
        }

        var trace = ActivityTraceId.CreateRandom();
        var decision = await cohorts.ConfirmCohortAsync(new ConfirmCohortRequest { CallId = call.Id, ProposalId = proposal.Id }, JourneyCallers.Traced(callers.Staff, trace), cancellationToken: cancellationToken);
        var cohort = decision.Selected.Select(a => a.LeadCouncilCode).Order(StringComparer.Ordinal).ToList();
        progress.Report($"Cohort of {cohort.Count} confirmed across {decision.Selected.Select(a => a.Region).Distinct().Count()} regions and nations (trace {trace}); {decision.Declined.Count} declined.");
        return new Selection(call.Id, ids, [.. ineligible.Order(StringComparer.Ordinal)], cohort, trace, events);
    }

    private static readonly string[] Criteria = ["upstream", "learning", "feasibility"];

    /// <summary>Every region and nation has one to three places; each kind of area at least four.</summary>
    private CallDetails CallDetails(DateTime now, DateTime closes, IReadOnlyList<DemoCouncil> councils)
    {
        var details = new CallDetails
        {
            Title = CallTitle,
            Description = "Councils working upstream of social problems: join a network of twenty to learn, test and share.",
            OpensLondon = Wall(now.AddHours(-1)),
            ClosesLondon = Wall(closes),
            DecisionsBy = Day(closes.AddDays(30)),
            TargetCohortSize = _options.CohortSize,
            Quotas = new SelectionQuotas(),
        };
        details.Criteria.Add(new ScoringCriterion { Key = "upstream", Title = "Works upstream of the problem", Weight = 3 });
        details.Criteria.Add(new ScoringCriterion { Key = "learning", Title = "Learning others can use", Weight = 2 });
        details.Criteria.Add(new ScoringCriterion { Key = "feasibility", Title = "Can be done with what is assigned", Weight = 1 });
        var regions = councils.Select(c => c.Authority.Region!).Distinct().Order(StringComparer.Ordinal).ToList();
        var perRegion = Math.Max(1, _options.CohortSize / regions.Count);
        details.Quotas.Regions.Add(regions.Select(r => new RegionQuota { Region = r, Minimum = regions.Count <= _options.CohortSize ? 1 : 0, Maximum = perRegion + 2 }));
        var perCharacter = _options.CohortSize / 5;
        details.Quotas.Characters.Add(new CharacterQuota { Character = AreaCharacter.Urban, Minimum = perCharacter });
        details.Quotas.Characters.Add(new CharacterQuota { Character = AreaCharacter.Rural, Minimum = perCharacter });
        details.Quotas.Characters.Add(new CharacterQuota { Character = AreaCharacter.Coastal, Minimum = perCharacter });
        return details;
    }

    private static ApplicationDraft Draft(DemoCouncil council, int index, bool budgeted)
    {
        var theme = Themes[StableHash(council.Code) % Themes.Length];
        var initiative = new Initiative
        {
            Title = $"{theme} in {council.Authority.NiceName}",
            Summary = $"{council.Authority.NiceName} tests what stops {theme.ToLowerInvariant()} becoming a crisis.",
            UpstreamProblem = theme,
            ServiceArea = theme,
            Stage = (InitiativeStage)(1 + index % 3),
            Approval = new InternalApproval { ApprovedBy = "Chief Executive", ApprovedOn = Day(LondonNow.AddDays(-14)) },
            ResourcesAssigned = "Two officers for a year",
        };
        if (budgeted)
        {
            initiative.BudgetPence = 1_000_000 + (index % 7 * 500_000);
        }

        initiative.AreaCharacters.Add(council.Characters);
        var draft = new ApplicationDraft { Initiative = initiative };
        var domain = council.Code.ToLowerInvariant() + ".example.gov.uk";
        draft.Contacts.Add(new Contact { Name = $"Lead officer, {council.Authority.NiceName}", Role = "Programme lead", Email = "lead@" + domain });
        draft.Contacts.Add(new Contact { Name = $"Deputy officer, {council.Authority.NiceName}", Role = "Deputy", Email = "deputy@" + domain });
        return draft;
    }

    /// <summary>Each reviewer's score, 3 to 10: the same for a council on every run, different between reviewers and criteria.</summary>
    private static int Score(string council, int reviewer, string criterion) => 3 + (StableHash($"{council}/{reviewer}/{criterion}") % 8);

    /// <summary>string.GetHashCode differs between processes; this does not.</summary>
    private static int StableHash(string text) => (int)(text.Aggregate(2166136261u, (hash, c) => unchecked((hash ^ c) * 16777619u)) & int.MaxValue);

    private sealed record Selection(string CallId, IReadOnlyDictionary<string, string> ApplicationIds, IReadOnlyList<string> Ineligible, IReadOnlyList<string> Cohort, ActivityTraceId Trace, ScheduledEvents Events);
}
