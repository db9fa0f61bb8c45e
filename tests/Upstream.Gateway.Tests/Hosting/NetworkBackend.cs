using Microsoft.AspNetCore.Builder;
using Upstream.Network.V1;

namespace Upstream.Gateway.Tests.Hosting;

/// <summary>
/// A stand-in for the Network service, built as every service is, serving its contract so that its REST routes
/// reach the gateway's merged OpenAPI document; every method answers UNIMPLEMENTED (the gateway's own rules are
/// what these tests look at).
/// </summary>
public static class NetworkBackend
{
    public static Task<ServiceHost> StartAsync() => StandInService.StartAsync(app =>
    {
        // Members, people, the directory, phases and partners.
        app.MapGrpcService<Members>();
        app.MapGrpcService<People>();
        app.MapGrpcService<Directory>();
        app.MapGrpcService<Phases>();
        app.MapGrpcService<Partners>();

        // Workgroups, discovery visits and findings.
        app.MapGrpcService<Workgroups>();
        app.MapGrpcService<Visits>();
        app.MapGrpcService<Findings>();
    });

    private sealed class Members : MemberService.MemberServiceBase;

    private sealed class People : PersonService.PersonServiceBase;

    private sealed class Directory : DirectoryService.DirectoryServiceBase;

    private sealed class Phases : PhaseService.PhaseServiceBase;

    private sealed class Partners : PartnerService.PartnerServiceBase;

    private sealed class Workgroups : WorkgroupService.WorkgroupServiceBase;

    private sealed class Visits : VisitService.VisitServiceBase;

    private sealed class Findings : FindingService.FindingServiceBase;
}
