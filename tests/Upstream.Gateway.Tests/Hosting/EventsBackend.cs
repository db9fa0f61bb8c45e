using Microsoft.AspNetCore.Builder;
using Upstream.Events.V1;

namespace Upstream.Gateway.Tests.Hosting;

/// <summary>
/// A stand-in for the Events service, built as every service is, serving its contract so that its REST routes reach
/// the gateway's merged OpenAPI document; every method answers UNIMPLEMENTED (the gateway's own rules are what these
/// tests look at).
/// </summary>
public static class EventsBackend
{
    public static Task<ServiceHost> StartAsync() => StandInService.StartAsync(app =>
    {
        app.MapGrpcService<ProgrammeEvents>();
        app.MapGrpcService<Registrations>();
        app.MapGrpcService<ExpenseClaims>();
    });

    private sealed class ProgrammeEvents : ProgrammeEventService.ProgrammeEventServiceBase;

    private sealed class Registrations : EventRegistrationService.EventRegistrationServiceBase;

    private sealed class ExpenseClaims : ExpenseClaimService.ExpenseClaimServiceBase;
}
