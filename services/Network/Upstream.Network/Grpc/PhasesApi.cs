using Grpc.Core;
using Upstream.Network.Handling;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Network.Grpc;

/// <summary>PhaseService: the programme's schedule and current phase; staff start a phase.</summary>
public sealed class PhasesApi(PhaseDesk desk) : V1.PhaseService.PhaseServiceBase
{
    public override async Task<V1.PhaseSchedule> GetPhases(V1.GetPhasesRequest request, ServerCallContext context) =>
        (await desk.ScheduleAsync(context.Caller(), context.CancellationToken)).ToProto();

    public override async Task<V1.PhaseSchedule> StartPhase(V1.StartPhaseRequest request, ServerCallContext context)
    {
        var (phase, startsOn, endsOn) = request.FromProto();
        return (await desk.StartAsync(context.Caller(), phase, startsOn, endsOn, context.CancellationToken)).ToProto();
    }
}
