using Google.Api;
using Google.Protobuf;
using Grpc.Core;
using Upstream.Events.Calendars;
using Upstream.Events.Domain;
using Upstream.Events.Handling;
using Upstream.ServiceDefaults.Grpc;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Events.Grpc;

/// <summary>ProgrammeEventService: scheduling, cancelling, closing and reading events; invitations.</summary>
public sealed class ProgrammeEventsApi(ProgrammeEventDesk desk, CalendarDesk calendars, TimeProvider clock) : V1.ProgrammeEventService.ProgrammeEventServiceBase
{
    public override async Task<V1.ProgrammeEvent> ScheduleProgrammeEvent(V1.ScheduleProgrammeEventRequest request, ServerCallContext context)
    {
        var details = request.Details.FromProto(clock.GetUtcNow());
        return (await desk.ScheduleAsync(context.Caller(), details, context.CancellationToken)).ToProto(showLink: true);
    }

    public override async Task<V1.ProgrammeEvent> ReviseProgrammeEvent(V1.ReviseProgrammeEventRequest request, ServerCallContext context)
    {
        var id = WireInput.Id(request.ProgrammeEventId, "programme_event_id");
        var details = request.Details.FromProto(clock.GetUtcNow());
        return (await desk.ReviseAsync(context.Caller(), id, details, context.CancellationToken)).ToProto(showLink: true);
    }

    public override async Task<V1.ProgrammeEvent> CancelProgrammeEvent(V1.CancelProgrammeEventRequest request, ServerCallContext context)
    {
        var id = WireInput.Id(request.ProgrammeEventId, "programme_event_id");
        return (await desk.CancelAsync(context.Caller(), id, request.Reason, context.CancellationToken)).ToProto(showLink: true);
    }

    public override async Task<V1.ProgrammeEvent> CloseProgrammeEvent(V1.CloseProgrammeEventRequest request, ServerCallContext context)
    {
        var id = WireInput.Id(request.ProgrammeEventId, "programme_event_id");
        return (await desk.CloseAsync(context.Caller(), id, context.CancellationToken)).ToProto(showLink: true);
    }

    public override async Task<V1.ProgrammeEvent> GetProgrammeEvent(V1.GetProgrammeEventRequest request, ServerCallContext context)
    {
        var id = WireInput.Id(request.ProgrammeEventId, "programme_event_id");
        var caller = context.Caller();
        var programmeEvent = await desk.GetAsync(caller, id, context.CancellationToken);
        return await ShownAsync(caller, programmeEvent, context.CancellationToken);
    }

    public override async Task<V1.ListProgrammeEventsResponse> ListProgrammeEvents(V1.ListProgrammeEventsRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var response = new V1.ListProgrammeEventsResponse();
        foreach (var programmeEvent in await desk.ListAsync(caller, context.CancellationToken))
        {
            response.ProgrammeEvents.Add(await ShownAsync(caller, programmeEvent, context.CancellationToken));
        }

        return response;
    }

    public override async Task<HttpBody> GetProgrammeEventCalendar(V1.GetProgrammeEventCalendarRequest request, ServerCallContext context)
    {
        var id = WireInput.Id(request.ProgrammeEventId, "programme_event_id");
        return Calendar(await calendars.EventAsync(context.Caller(), id, context.CancellationToken));
    }

    public override async Task<HttpBody> GetPersonEventCalendar(V1.GetPersonEventCalendarRequest request, ServerCallContext context)
    {
        var id = WireInput.Id(request.PersonId, "person_id");
        return Calendar(await calendars.PersonAsync(context.Caller(), id, context.CancellationToken));
    }

    public override async Task<V1.ListEventInvitationsResponse> ListEventInvitations(V1.ListEventInvitationsRequest request, ServerCallContext context)
    {
        Guid? id = request.ProgrammeEventId.Length == 0 ? null : WireInput.Id(request.ProgrammeEventId, "programme_event_id");
        var response = new V1.ListEventInvitationsResponse();
        response.Invitations.AddRange((await desk.InvitationsAsync(context.Caller(), id, context.CancellationToken)).Select(i => i.ToProto()));
        return response;
    }

    private static HttpBody Calendar(string text) => new() { ContentType = CalendarFeed.ContentType, Data = ByteString.CopyFromUtf8(text) };

    /// <summary>The online link only for staff and the councils with a confirmed place; partners see the public listing.</summary>
    private async Task<V1.ProgrammeEvent> ShownAsync(Caller caller, ProgrammeEvent programmeEvent, CancellationToken cancellationToken)
    {
        var places = await desk.PlacesAsync(programmeEvent.Id, cancellationToken);
        return programmeEvent.ToProto(places.ShowLinkTo(caller), places.Confirmed, places.Waitlisted);
    }
}
