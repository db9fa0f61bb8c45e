using System.Diagnostics;
using Upstream.Network.V1;

namespace Upstream.Demo;

/// <summary>The network the cohort becomes: members with their delegates, partners, workgroups with learning products, discovery findings.</summary>
public sealed partial class ProgrammeJourney
{
    private static readonly (string Name, string Theme, string Product)[] Workgroups =
    [
        ("Data sharing for prevention", "data", "A data-sharing agreement template any council can adapt"),
        ("Working with the voluntary sector", "partnership", "A guide to commissioning upstream work with local charities"),
        ("Measuring what did not happen", "evaluation", "An evaluation toolkit for prevention programmes"),
    ];

    private static readonly (FindingKind Kind, string Theme, FindingDimension Dimension, string Text)[] FindingsSeen =
    [
        (FindingKind.Barrier, "budgets", FindingDimension.InfrastructureAndCapabilities, "Annual budgets leave no room for work that pays back in three years."),
        (FindingKind.Enabler, "leadership", FindingDimension.Mindset, "A chief executive who asks what was prevented, not only what was delivered."),
        (FindingKind.Driver, "demand", FindingDimension.Purpose, "Rising demand for crisis services pushed the council to look further upstream."),
        (FindingKind.Barrier, "data", FindingDimension.InfrastructureAndCapabilities, "Services cannot see each other's data about the same families."),
        (FindingKind.Enabler, "partnership", FindingDimension.ValuesAndPrinciples, "Trusted local charities reach people the council never sees."),
        (FindingKind.Driver, "outcomes", FindingDimension.Outcomes, "Councillors want evidence of lives changed, not services used."),
    ];

    private async Task<NetworkBuilt> BuildNetworkAsync(IReadOnlyList<string> cohort, CancellationToken cancellationToken)
    {
        // Network hears ApplicationSelected over the broker: the cohort's councils become members, their contacts its people.
        var members = new MemberService.MemberServiceClient(gateway);
        await EventuallyAsync("Network to make the cohort members", () => CurrentMembersAsync(members, callers.Staff, cancellationToken), m => cohort.All(m.Contains), cancellationToken);
        progress.Report($"Network: {cohort.Count} new members, each with the contacts of its application as its people.");

        var partners = new PartnerService.PartnerServiceClient(gateway);
        await partners.AddPartnerAsync(new AddPartnerRequest { Name = "Upstream Foundation", Kind = "funder" }, callers.Staff, cancellationToken: cancellationToken);
        await partners.AddPartnerAsync(new AddPartnerRequest { Name = "Centre for Prevention Research", Kind = "research-partner" }, callers.Staff, cancellationToken: cancellationToken);

        // Each council names its two residential delegates from its people.
        var people = new PersonService.PersonServiceClient(gateway);
        var delegates = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var council in cohort)
        {
            var member = callers.Member(council);
            var own = (await people.ListPeopleAsync(new ListPeopleRequest { CouncilCode = council }, member, cancellationToken: cancellationToken)).People;
            var named = new SetDelegatesRequest { CouncilCode = council };
            named.PersonIds.Add(own.Take(2).Select(p => p.Id));
            await people.SetDelegatesAsync(named, member, cancellationToken: cancellationToken);
            delegates[council] = [.. named.PersonIds];
        }

        progress.Report($"Delegates: {delegates.Values.Sum(d => d.Count)} named by {delegates.Count} councils.");

        var workgroups = new WorkgroupService.WorkgroupServiceClient(gateway);
        var workgroupIds = new List<string>();
        for (var i = 0; i < Workgroups.Length && i * 4 + 3 < cohort.Count; i++)
        {
            var (name, theme, product) = Workgroups[i];
            var lead = cohort[i * 4];
            var formed = await workgroups.FormWorkgroupAsync(
                new WorkgroupFormRequest { Name = name, Theme = theme, LeadCouncilCode = lead, LearningProduct = new LearningProductCommitment { Description = product, DueOn = Day(LondonNow.AddMonths(6)) } },
                callers.Member(lead),
                cancellationToken: cancellationToken);
            var joined = cohort.Skip(i * 4 + 1).Take(3).ToList();
            foreach (var council in joined)
            {
                await workgroups.JoinWorkgroupAsync(new WorkgroupJoinRequest { WorkgroupId = formed.Id, CouncilCode = council }, callers.Member(council), cancellationToken: cancellationToken);
            }

            var submission = new LearningProductSubmitRequest { WorkgroupId = formed.Id, Title = product, Summary = $"What the {name.ToLowerInvariant()} workgroup learnt, ready to reuse.", Link = $"https://example.org/upstream/{theme}" };
            submission.ContributingCouncilCodes.Add([lead, .. joined]);
            await workgroups.SubmitLearningProductAsync(submission, callers.Member(lead), cancellationToken: cancellationToken);
            workgroupIds.Add(formed.Id);
        }

        progress.Report($"Workgroups: {workgroupIds.Count} formed, each with a learning product submitted.");

        // Staff visit members in the discovery phase and record what they found; Insights hears each finding.
        var visits = new VisitService.VisitServiceClient(gateway);
        var findings = 0;
        var findingTrace = ActivityTraceId.CreateRandom();
        for (var i = 0; i < Math.Min(6, cohort.Count); i++)
        {
            var visit = new VisitRecordRequest { CouncilCode = cohort[i], VisitedOn = Day(LondonNow), Notes = "Discovery visit: the initiative's team and two service leads." };
            visit.Visitors.Add("Programme team");
            foreach (var (kind, theme, dimension, text) in new[] { FindingsSeen[i % FindingsSeen.Length], FindingsSeen[(i + 3) % FindingsSeen.Length] })
            {
                visit.Findings.Add(new FindingDraft { Kind = kind, Theme = theme, Dimension = dimension, Text = text });
            }

            // The first visit in a trace of our own choosing: the dashboard follows its findings to the partner's webhook.
            var staff = i == 0 ? JourneyCallers.Traced(callers.Staff, findingTrace) : callers.Staff;
            findings += (await visits.RecordVisitAsync(visit, staff, cancellationToken: cancellationToken)).Findings.Count;
        }

        progress.Report($"Discovery: {findings} findings from {Math.Min(6, cohort.Count)} visits.");
        return new NetworkBuilt(delegates, workgroupIds, findings, findingTrace);
    }

    private sealed record NetworkBuilt(IReadOnlyDictionary<string, IReadOnlyList<string>> Delegates, IReadOnlyList<string> WorkgroupIds, int Findings, ActivityTraceId FindingTrace);
}
