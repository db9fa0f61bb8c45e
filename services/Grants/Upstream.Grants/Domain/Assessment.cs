using Upstream.Domain.Refusals;

namespace Upstream.Grants.Domain;

/// <summary>
/// One assessor's part in one request. Assessors are staff users assigned by staff, with the council they work for
/// when they work for one: an assessor from a council of the request (lead or partner) is excluded the moment they
/// are assigned, and any assessor can declare another conflict. An excluded assessment never counts.
/// </summary>
public sealed class Assessment
{
    private Assessment()
    {
    }

    public Guid Id { get; private set; }

    public Guid RequestId { get; private set; }

    /// <summary>The staff user's subject.</summary>
    public string Assessor { get; private set; } = "";

    public string? AssessorCouncilCode { get; private set; }

    public Dictionary<string, int> Scores { get; private set; } = [];

    public string? Comment { get; private set; }

    public string? ConflictOfInterest { get; private set; }

    public DateTimeOffset AssignedAt { get; private set; }

    public DateTimeOffset? ScoredAt { get; private set; }

    public bool Excluded => ConflictOfInterest is not null;

    /// <summary>What staff with a conflict of interest on a request are told when they try to decide it (award or decline).</summary>
    public static PermissionDeniedException ConflictedDecider() =>
        new("You have a conflict of interest with this request, so you cannot decide it.");

    public static Assessment Assign(GrantRequest request, string assessor, string? assessorCouncilCode, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(assessor))
        {
            throw new InvalidInputException([new FieldViolation("assessor", "Say who assesses the request.")]);
        }

        request.BeginAssessment();
        var council = string.IsNullOrWhiteSpace(assessorCouncilCode) ? null : assessorCouncilCode.Trim().ToUpperInvariant();
        var conflicted = council is not null && request.Councils.Contains(council, StringComparer.OrdinalIgnoreCase);
        return new Assessment
        {
            Id = Guid.CreateVersion7(now),
            RequestId = request.Id,
            Assessor = assessor.Trim(),
            AssessorCouncilCode = council,
            ConflictOfInterest = conflicted ? $"Works for {council}, a council of this request." : null,
            AssignedAt = now,
        };
    }

    public void Score(GrantRequest request, IReadOnlyList<string> criteria, IReadOnlyDictionary<string, int> scores, string comment, DateTimeOffset now)
    {
        if (Excluded)
        {
            throw new DomainRuleException("assessment.conflict_of_interest", $"You are excluded from assessing this request: {ConflictOfInterest}");
        }

        if (request.State != GrantRequestState.UnderAssessment)
        {
            throw new DomainRuleException("grant_request.state", "Only a request under assessment can be scored.");
        }

        var v = new Violations();
        foreach (var criterion in criteria)
        {
            v.Require(scores.ContainsKey(criterion), $"scores.{criterion}", $"Score '{criterion}'.");
        }

        foreach (var (key, score) in scores)
        {
            v.Require(criteria.Contains(key), $"scores.{key}", "The fund has no such criterion.");
            v.Require(score is >= 0 and <= Purposes.MaximumScore, $"scores.{key}", $"A score is from 0 to {Purposes.MaximumScore}.");
        }

        v.ThrowIfAny();
        Scores = new(scores);
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        ScoredAt = now;
    }

    public void DeclareConflict(string conflict)
    {
        if (string.IsNullOrWhiteSpace(conflict))
        {
            throw new InvalidInputException([new FieldViolation("conflict_of_interest", "Say what the conflict of interest is.")]);
        }

        // A declared conflict withdraws any scores already given: they must not count.
        ConflictOfInterest = conflict.Trim();
        Scores = [];
        ScoredAt = null;
    }
}
