using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Upstream.Events.Domain;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Events.Grpc;

/// <summary>Between the wire (proto messages) and the domain: the one place the two shapes meet.</summary>
public static partial class ProtoMapping
{
    public static ProgrammeEventDetails FromProto(this V1.ProgrammeEventDetails? details, DateTimeOffset now)
    {
        details ??= new V1.ProgrammeEventDetails();
        var input = new WireInput();
        var kind = details.Kind switch
        {
            V1.ProgrammeEventKind.Residential => ProgrammeEventKind.Residential,
            V1.ProgrammeEventKind.Roundtable => ProgrammeEventKind.Roundtable,
            V1.ProgrammeEventKind.Other => ProgrammeEventKind.Other,
            _ => (ProgrammeEventKind?)null,
        };
        var sessions = details.Sessions.Select((s, i) => new EventSession(
            s.Title.Trim(),
            s.Location.Trim(),
            input.LondonWallTime(s.StartsAt, $"sessions[{i}].starts_at"),
            input.LondonWallTime(s.EndsAt, $"sessions[{i}].ends_at"))).ToList();
        var domain = new ProgrammeEventDetails(
            kind ?? ProgrammeEventKind.Other,
            details.Title,
            details.Description,
            details.Venue,
            details.Address,
            details.OnlineLink,
            input.LondonWallTime(details.StartsAt, "starts_at"),
            input.LondonWallTime(details.EndsAt, "ends_at"),
            input.LondonWallTime(details.RegistrationClosesAt, "registration_closes_at"),
            details.Capacity,
            details.PerCouncilLimit,
            sessions);
        if (kind is null)
        {
            input.Refuse("kind", "Say whether it is a residential, a roundtable or another kind of event.");
        }

        input.ThrowIfAny(() => domain.Validate(now));
        return domain;
    }

    /// <param name="showLink">Staff, or a caller whose council holds a confirmed place.</param>
    public static V1.ProgrammeEvent ToProto(this ProgrammeEvent programmeEvent, bool showLink, int confirmed = 0, int waitlisted = 0)
    {
        var proto = new V1.ProgrammeEvent
        {
            ProgrammeEventId = programmeEvent.Id.ToString(),
            Kind = programmeEvent.Kind switch
            {
                ProgrammeEventKind.Residential => V1.ProgrammeEventKind.Residential,
                ProgrammeEventKind.Roundtable => V1.ProgrammeEventKind.Roundtable,
                _ => V1.ProgrammeEventKind.Other,
            },
            Title = programmeEvent.Title,
            Description = programmeEvent.Description,
            Venue = programmeEvent.Venue,
            Address = programmeEvent.Address,
            OnlineLink = showLink ? programmeEvent.OnlineLink : "",
            StartsAt = Timestamp.FromDateTimeOffset(programmeEvent.StartsAt),
            EndsAt = Timestamp.FromDateTimeOffset(programmeEvent.EndsAt),
            RegistrationClosesAt = Timestamp.FromDateTimeOffset(programmeEvent.RegistrationClosesAt),
            Capacity = programmeEvent.Capacity,
            PerCouncilLimit = programmeEvent.PerCouncilLimit,
            AccommodationProvided = programmeEvent.AccommodationProvided,
            ExpensesCovered = programmeEvent.ExpensesCovered,
            State = programmeEvent.State switch
            {
                ProgrammeEventState.Scheduled => V1.ProgrammeEventState.Scheduled,
                ProgrammeEventState.Cancelled => V1.ProgrammeEventState.Cancelled,
                _ => V1.ProgrammeEventState.Closed,
            },
            ConfirmedCount = confirmed,
            WaitlistedCount = waitlisted,
            Sequence = programmeEvent.Sequence,
        };
        proto.Sessions.AddRange(programmeEvent.Sessions.Select(s => new V1.EventSession
        {
            Title = s.Title,
            Location = s.Location,
            StartsAt = Timestamp.FromDateTimeOffset(s.StartsAt),
            EndsAt = Timestamp.FromDateTimeOffset(s.EndsAt),
        }));
        proto.Days.AddRange(programmeEvent.Days.Select(Date));
        return proto;
    }

    public static V1.EventInvitation ToProto(this Invitation invitation) => new()
    {
        ProgrammeEventId = invitation.ProgrammeEventId.ToString(),
        CouncilCode = invitation.CouncilCode,
        InvitedAt = Timestamp.FromDateTimeOffset(invitation.InvitedAt),
    };

    /// <param name="showNeeds">Dietary and access needs are restricted: staff only.</param>
    public static V1.EventRegistration ToProto(this Registration registration, bool showNeeds)
    {
        var proto = new V1.EventRegistration
        {
            RegistrationId = registration.Id.ToString(),
            ProgrammeEventId = registration.ProgrammeEventId.ToString(),
            PersonId = registration.PersonId.ToString(),
            CouncilCode = registration.CouncilCode,
            State = registration.State switch
            {
                RegistrationState.Confirmed => V1.EventRegistrationState.Confirmed,
                RegistrationState.Waitlisted => V1.EventRegistrationState.Waitlisted,
                _ => V1.EventRegistrationState.Cancelled,
            },
            DietaryNeeds = showNeeds ? registration.DietaryNeeds : "",
            AccessNeeds = showNeeds ? registration.AccessNeeds : "",
            RegisteredAt = Timestamp.FromDateTimeOffset(registration.RegisteredAt),
        };
        proto.DaysAttended.AddRange(registration.DaysAttended.Select(Date));
        proto.DaysMissed.AddRange(registration.DaysMissed.Select(Date));
        return proto;
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
