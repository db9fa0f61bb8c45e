using System.Text;
using Google.Api;
using Google.Protobuf;
using Grpc.Core;
using Upstream.Insights.Handling;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Insights.Grpc;

/// <summary>ProgrammeService: the programme at a glance and the members' map.</summary>
public sealed class ProgrammeApi(GlanceDesk desk) : V1.ProgrammeService.ProgrammeServiceBase
{
    public override async Task<V1.ProgrammeAtAGlance> GetProgrammeAtAGlance(V1.GetProgrammeAtAGlanceRequest request, ServerCallContext context) =>
        (await desk.GlanceAsync(context.Caller(), context.CancellationToken)).ToProto();

    public override async Task<HttpBody> GetProgrammeMap(V1.GetProgrammeMapRequest request, ServerCallContext context) =>
        new() { ContentType = "image/svg+xml", Data = ByteString.CopyFrom(await desk.MapAsync(context.Caller(), context.CancellationToken), Encoding.UTF8) };
}
