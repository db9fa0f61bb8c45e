using Microsoft.AspNetCore.Builder;
using Upstream.Grants.V1;

namespace Upstream.Gateway.Tests.Hosting;

/// <summary>
/// A stand-in for the Grants service, built as every service is, serving its contract so that its REST routes reach
/// the gateway's merged OpenAPI document; every method answers UNIMPLEMENTED (the gateway's own rules are what these
/// tests look at).
/// </summary>
public static class GrantsBackend
{
    public static Task<ServiceHost> StartAsync() => StandInService.StartAsync(app =>
    {
        app.MapGrpcService<Funds>();
        app.MapGrpcService<GrantRequests>();
        app.MapGrpcService<Assessments>();
        app.MapGrpcService<Grants>();
    });

    private sealed class Funds : FundService.FundServiceBase;

    private sealed class GrantRequests : GrantRequestService.GrantRequestServiceBase;

    private sealed class Assessments : AssessmentService.AssessmentServiceBase;

    private sealed class Grants : GrantService.GrantServiceBase;
}
