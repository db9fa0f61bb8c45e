using Grpc.Core;
using Upstream.Insights.Domain;
using Upstream.Insights.Handling;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Insights.Grpc;

/// <summary>InsightPatternService: the patterns and the New Operating Models view.</summary>
public sealed class PatternsApi(PatternDesk desk) : V1.InsightPatternService.InsightPatternServiceBase
{
    public override async Task<V1.InsightPatterns> GetInsightPatterns(V1.GetInsightPatternsRequest request, ServerCallContext context)
    {
        var filter = new PatternFilter(request.Theme.Trim(), request.Region.Trim(), request.AreaCharacter.Trim(), request.Phase.Trim());
        return (await desk.PatternsAsync(context.Caller(), filter, context.CancellationToken)).ToProto();
    }
}
