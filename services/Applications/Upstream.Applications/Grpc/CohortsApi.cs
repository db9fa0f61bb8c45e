using Upstream.Applications.Handling;
using Grpc.Core;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Applications.Grpc;

/// <summary>CohortService: staff propose the exact cohort (with pins and exclusions), look at it, and confirm it.</summary>
public sealed class CohortsApi(CohortDesk desk, TimeProvider clock) : V1.CohortService.CohortServiceBase
{
    public override async Task<V1.CohortProposal> ProposeCohort(V1.ProposeCohortRequest request, ServerCallContext context)
    {
        var (callId, pins, exclusions) = request.FromProto();
        return (await desk.ProposeAsync(context.Caller(), callId, pins, exclusions, context.CancellationToken)).ToProto();
    }

    public override async Task<V1.CohortProposal> GetCohortProposal(V1.GetCohortProposalRequest request, ServerCallContext context)
    {
        var (callId, proposalId) = request.FromProto();
        return (await desk.GetAsync(context.Caller(), callId, proposalId, context.CancellationToken)).ToProto();
    }

    public override async Task<V1.CohortDecision> ConfirmCohort(V1.ConfirmCohortRequest request, ServerCallContext context)
    {
        var (callId, proposalId) = request.FromProto();
        return (await desk.ConfirmAsync(context.Caller(), callId, proposalId, context.CancellationToken)).ToProto(clock.GetUtcNow());
    }
}
