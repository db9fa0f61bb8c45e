using Google.Protobuf.WellKnownTypes;
using Upstream.Applications.Handling;
using Upstream.Applications.Selection;
using Upstream.Domain.Refusals;

namespace Upstream.Applications.Grpc;

/// <summary>The cohort's part of the wire mapping: proposals, explanations, unmet quotas and the confirmed decision.</summary>
public static partial class ProtoMapping
{
    /// <summary>The call and the pins and exclusions asked for; every malformed id is reported at once.</summary>
    public static (Guid CallId, IReadOnlyList<Guid> Pins, IReadOnlyList<Guid> Exclusions) FromProto(this V1.ProposeCohortRequest request)
    {
        var v = new Violations();
        var callId = ParseId(request.CallId, "call_id", v);
        var pins = request.PinnedApplicationIds.Select((id, i) => ParseId(id, $"pinned_application_ids[{i}]", v)).ToList();
        var exclusions = request.ExcludedApplicationIds.Select((id, i) => ParseId(id, $"excluded_application_ids[{i}]", v)).ToList();
        v.ThrowIfAny();
        return (callId, pins, exclusions);
    }

    /// <summary>The call and, when given, the proposal; an empty proposal id means the latest.</summary>
    public static (Guid CallId, Guid? ProposalId) FromProto(this V1.GetCohortProposalRequest request)
    {
        var v = new Violations();
        var callId = ParseId(request.CallId, "call_id", v);
        Guid? proposalId = request.ProposalId.Length == 0 ? null : ParseId(request.ProposalId, "proposal_id", v);
        v.ThrowIfAny();
        return (callId, proposalId);
    }

    public static (Guid CallId, Guid ProposalId) FromProto(this V1.ConfirmCohortRequest request)
    {
        var v = new Violations();
        var ids = (ParseId(request.CallId, "call_id", v), ParseId(request.ProposalId, "proposal_id", v));
        v.ThrowIfAny();
        return ids;
    }

    public static V1.CohortProposal ToProto(this CohortProposal proposal)
    {
        var proto = new V1.CohortProposal
        {
            Id = proposal.Id.ToString(),
            CallId = proposal.CallId.ToString(),
            ProposedBy = proposal.ProposedBy,
            ProposedAt = Timestamp.FromDateTimeOffset(proposal.ProposedAt),
            TotalScoreMilli = proposal.TotalScoreMilli,
            ConfirmedBy = proposal.ConfirmedBy ?? "",
            ConfirmedAt = proposal.ConfirmedAt is { } confirmed ? Timestamp.FromDateTimeOffset(confirmed) : null,
            NotificationRecordedAt = proposal.NotificationRecordedAt is { } notified ? Timestamp.FromDateTimeOffset(notified) : null,
        };
        proto.PinnedApplicationIds.AddRange(proposal.Pins.Select(id => id.ToString()));
        proto.ExcludedApplicationIds.AddRange(proposal.Exclusions.Select(id => id.ToString()));
        proto.ChosenApplicationIds.AddRange(proposal.Chosen.Select(id => id.ToString()));
        proto.UnmetQuotas.AddRange(proposal.UnmetQuotas.Select(q => new V1.UnmetQuota { Quota = q.Quota, Description = q.Description }));
        proto.Explanations.AddRange(proposal.Explanations.Select(e => new V1.CohortExplanation
        {
            ApplicationId = e.ApplicationId.ToString(),
            Chosen = e.Chosen,
            Reason = ToProto(e.Reason),
            Text = e.Text,
            Rank = e.Rank,
            ScoreMilli = e.ScoreMilli,
        }));
        return proto;
    }

    public static V1.CohortDecision ToProto(this CohortDecision decision, DateTimeOffset now)
    {
        var proto = new V1.CohortDecision { Call = decision.Call.ToProto(now), Proposal = decision.Proposal.ToProto() };
        proto.Selected.AddRange(decision.Selected.Select(a => a.ToProto(decision.Call)));
        proto.Declined.AddRange(decision.Declined.Select(a => a.ToProto(decision.Call)));
        return proto;
    }

    public static V1.CohortReason ToProto(CohortReason reason) => reason switch
    {
        CohortReason.ChosenOnScore => V1.CohortReason.ChosenOnScore,
        CohortReason.ChosenForQuota => V1.CohortReason.ChosenForQuota,
        CohortReason.Pinned => V1.CohortReason.Pinned,
        CohortReason.Outscored => V1.CohortReason.Outscored,
        CohortReason.RegionFull => V1.CohortReason.RegionFull,
        CohortReason.QuotaConflict => V1.CohortReason.QuotaConflict,
        CohortReason.CouncilAlreadyChosen => V1.CohortReason.CouncilAlreadyChosen,
        CohortReason.ExcludedByStaff => V1.CohortReason.ExcludedByStaff,
        CohortReason.NotEligible => V1.CohortReason.NotEligible,
        CohortReason.NoCohort => V1.CohortReason.NoCohort,
        _ => V1.CohortReason.Unspecified,
    };

    private static Guid ParseId(string value, string field, Violations v)
    {
        var ok = Guid.TryParse(value, out var id);
        v.Require(ok, field, "Not a valid id.");
        return id;
    }
}
