using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Upstream.Domain.Time;
using Upstream.Events.Domain;

namespace Upstream.Events.Calendars;

/// <summary>
/// Events as iCalendar (RFC 5545), written by Ical.Net: times in Europe/London (with its VTIMEZONE), one VEVENT per
/// event and per session, each with a stable UID so a calendar that imported it updates rather than duplicates.
/// Each change raises the SEQUENCE, which is how a calendar learns of it; a cancelled event stays in the feed as
/// STATUS:CANCELLED.
/// </summary>
public static class CalendarFeed
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <param name="showLink">Whether the reader may see a roundtable's online link.</param>
    public static string Write(IEnumerable<ProgrammeEvent> events, Func<ProgrammeEvent, bool> showLink, string name)
    {
        var calendar = new Calendar { ProductId = "-//Upstream Collaborative//Events//EN", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddTimeZone(new VTimeZone(ProgrammeTime.London.Id));
        foreach (var programmeEvent in events)
        {
            var location = Location(programmeEvent, showLink(programmeEvent));
            calendar.Events.Add(Entry($"{programmeEvent.Id}@upstream", programmeEvent, programmeEvent.Title, programmeEvent.Description, location, programmeEvent.StartsAt, programmeEvent.EndsAt));
            for (var i = 0; i < programmeEvent.Sessions.Count; i++)
            {
                var session = programmeEvent.Sessions[i];
                var where = session.Location.StartsWith("http", StringComparison.OrdinalIgnoreCase) && !showLink(programmeEvent) ? location : session.Location;
                calendar.Events.Add(Entry($"{programmeEvent.Id}-session-{i + 1}@upstream", programmeEvent, $"{programmeEvent.Title}: {session.Title}", "", where, session.StartsAt, session.EndsAt));
            }
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalendarEvent Entry(string uid, ProgrammeEvent programmeEvent, string summary, string description, string location, DateTimeOffset starts, DateTimeOffset ends)
    {
        var cancelled = programmeEvent.State == ProgrammeEventState.Cancelled;
        return new CalendarEvent
        {
            Uid = uid,
            Summary = summary,
            Description = cancelled ? $"Cancelled: {programmeEvent.CancellationReason}" : description,
            Location = location,
            DtStart = London(starts),
            DtEnd = London(ends),
            DtStamp = new CalDateTime((programmeEvent.CancelledAt ?? programmeEvent.RevisedAt ?? programmeEvent.ScheduledAt).UtcDateTime, "UTC"),
            Sequence = programmeEvent.Sequence,
            Status = cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
        };
    }

    private static CalDateTime London(DateTimeOffset instant) => new(ProgrammeTime.ToLondon(instant), ProgrammeTime.London.Id);

    private static string Location(ProgrammeEvent programmeEvent, bool showLink) => programmeEvent.Kind switch
    {
        ProgrammeEventKind.Residential => $"{programmeEvent.Venue}, {programmeEvent.Address}",
        ProgrammeEventKind.Roundtable => showLink ? programmeEvent.OnlineLink : "Online (the link is shown to registered councils)",
        _ => string.Join(", ", new[] { programmeEvent.Venue, programmeEvent.Address }.Where(s => s.Length > 0)),
    };
}
