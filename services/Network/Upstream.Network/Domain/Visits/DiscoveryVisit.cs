using Upstream.Domain.Refusals;

namespace Upstream.Network.Domain.Visits;

/// <summary>
/// Staff's visit to a member council in the discovery phase: when (a London date), who went (staff names as they
/// wrote them), their notes, and the findings recorded on it, then or later.
/// </summary>
public sealed class DiscoveryVisit
{
    private readonly List<Finding> _findings = [];

    private DiscoveryVisit()
    {
    }

    public Guid Id { get; private set; }

    public Guid MemberId { get; private set; }

    public DateOnly VisitedOn { get; private set; }

    public List<string> Visitors { get; private set; } = [];

    public string Notes { get; private set; } = "";

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public IReadOnlyList<Finding> Findings => _findings;

    /// <param name="today">The London date now: a visit is recorded once it has happened.</param>
    public static DiscoveryVisit Record(
        Member member, DateOnly visitedOn, IReadOnlyList<string> visitors, string notes, IReadOnlyList<FindingDraft> findings,
        DateOnly today, string recordedBy, DateTimeOffset now)
    {
        var v = new Violations();
        v.Require(visitedOn <= today, "visited_on", "A visit is recorded once it has happened: this date is in the future.");
        v.Require(visitors.Any(n => !string.IsNullOrWhiteSpace(n)), "visitors", "Name who went.");
        for (var i = 0; i < findings.Count; i++)
        {
            findings[i].Check(v, $"findings[{i}].");
        }

        v.ThrowIfAny();
        if (!member.IsCurrent)
        {
            throw new DomainRuleException("member.current", $"{member.CouncilName} is no longer a member of the network.");
        }

        var visit = new DiscoveryVisit
        {
            Id = Guid.CreateVersion7(now),
            MemberId = member.Id,
            VisitedOn = visitedOn,
            Visitors = [.. visitors.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim())],
            Notes = notes.Trim(),
            RecordedBy = recordedBy,
            RecordedAt = now,
        };
        foreach (var draft in findings)
        {
            visit._findings.Add(Finding.From(visit, draft, recordedBy, now));
        }

        return visit;
    }

    /// <summary>A finding made sense of after the visit (field names as in the request's `finding`).</summary>
    public Finding AddFinding(FindingDraft draft, string recordedBy, DateTimeOffset now)
    {
        var v = new Violations();
        draft.Check(v, "finding.");
        v.ThrowIfAny();
        var finding = Finding.From(this, draft, recordedBy, now);
        _findings.Add(finding);
        return finding;
    }
}
