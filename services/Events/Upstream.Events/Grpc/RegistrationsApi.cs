using Grpc.Core;
using Upstream.Events.Handling;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Events.Grpc;

/// <summary>EventRegistrationService: registering, cancelling, listing and checking in.</summary>
public sealed class RegistrationsApi(RegistrationDesk desk) : V1.EventRegistrationService.EventRegistrationServiceBase
{
    public override async Task<V1.EventRegistration> RegisterForEvent(V1.RegisterForEventRequest request, ServerCallContext context)
    {
        var input = new WireInput();
        var (eventId, personId) = (input.Guid(request.ProgrammeEventId, "programme_event_id"), input.Guid(request.PersonId, "person_id"));
        input.ThrowIfAny();
        var caller = context.Caller();
        var registration = await desk.RegisterAsync(caller, eventId, personId, request.CouncilCode, request.DietaryNeeds, request.AccessNeeds, context.CancellationToken);
        return registration.ToProto(caller.IsStaff);
    }

    public override async Task<V1.EventRegistration> CancelEventRegistration(V1.CancelEventRegistrationRequest request, ServerCallContext context)
    {
        var (eventId, registrationId) = WireInput.Ids(request.ProgrammeEventId, "programme_event_id", request.RegistrationId, "registration_id");
        var caller = context.Caller();
        return (await desk.CancelAsync(caller, eventId, registrationId, context.CancellationToken)).ToProto(caller.IsStaff);
    }

    public override async Task<V1.ListEventRegistrationsResponse> ListEventRegistrations(V1.ListEventRegistrationsRequest request, ServerCallContext context)
    {
        var eventId = WireInput.Id(request.ProgrammeEventId, "programme_event_id");
        var caller = context.Caller();
        var response = new V1.ListEventRegistrationsResponse();
        response.Registrations.AddRange((await desk.ListAsync(caller, eventId, context.CancellationToken)).Select(r => r.ToProto(caller.IsStaff)));
        return response;
    }

    public override async Task<V1.EventRegistration> CheckInToEvent(V1.CheckInToEventRequest request, ServerCallContext context)
    {
        var (eventId, registrationId) = WireInput.Ids(request.ProgrammeEventId, "programme_event_id", request.RegistrationId, "registration_id");
        var input = new WireInput();
        var day = input.Date(request.Day, "day");
        input.ThrowIfAny();
        var caller = context.Caller();
        return (await desk.CheckInAsync(caller, eventId, registrationId, day, context.CancellationToken)).ToProto(caller.IsStaff);
    }
}
