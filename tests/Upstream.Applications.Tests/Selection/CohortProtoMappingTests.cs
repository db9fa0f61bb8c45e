using Upstream.Applications.Grpc;
using Upstream.Applications.Selection;
using Upstream.Domain.Refusals;

namespace Upstream.Applications.Tests.Selection;

public sealed class CohortProtoMappingTests
{
    [Fact]
    public void Every_malformed_id_in_a_proposal_request_is_reported_with_its_field_path()
    {
        var request = new V1.ProposeCohortRequest { CallId = "call", PinnedApplicationIds = { Guid.NewGuid().ToString(), "x" }, ExcludedApplicationIds = { "" } };

        var error = Assert.Throws<InvalidInputException>(() => request.FromProto());

        Assert.Equal(["call_id", "pinned_application_ids[1]", "excluded_application_ids[0]"], error.Violations.Select(v => v.Field));
    }

    [Fact]
    public void An_empty_proposal_id_asks_for_the_latest_proposal()
    {
        var callId = Guid.NewGuid();

        Assert.Equal((callId, (Guid?)null), new V1.GetCohortProposalRequest { CallId = callId.ToString() }.FromProto());
        Assert.Equal("proposal_id", Assert.Throws<InvalidInputException>(() => new V1.ConfirmCohortRequest { CallId = callId.ToString() }.FromProto()).Violations.Single().Field);
    }

    [Fact]
    public void A_proposal_goes_on_the_wire_with_its_cohort_explanations_and_unmet_quotas()
    {
        var chosen = Guid.NewGuid();
        var left = Guid.NewGuid();
        var selection = new CohortSelection(
            [chosen],
            42_000,
            [],
            [new Explanation(chosen, true, CohortReason.ChosenForQuota, "Chosen although…", 2, 15_000), new Explanation(left, false, CohortReason.RegionFull, "London already has…", 1, 27_000)]);
        var proposal = CohortProposal.Record(Guid.NewGuid(), selection, [chosen], [], "staff-1", Fixtures.Closes);

        var proto = proposal.ToProto();

        Assert.Equal([chosen.ToString()], proto.ChosenApplicationIds);
        Assert.Equal([chosen.ToString()], proto.PinnedApplicationIds);
        Assert.Equal(42_000, proto.TotalScoreMilli);
        Assert.Equal(
            [(V1.CohortReason.ChosenForQuota, true, 2, 15_000L), (V1.CohortReason.RegionFull, false, 1, 27_000L)],
            proto.Explanations.Select(e => (e.Reason, e.Chosen, e.Rank, e.ScoreMilli)));
        Assert.Null(proto.ConfirmedAt);
    }

    [Fact]
    public void Every_reason_has_its_own_wire_value()
    {
        var values = Enum.GetValues<CohortReason>().Select(ProtoMapping.ToProto).ToList();

        Assert.DoesNotContain(V1.CohortReason.Unspecified, values);
        Assert.Equal(values.Count, values.Distinct().Count());
    }
}
