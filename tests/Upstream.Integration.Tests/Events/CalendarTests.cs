using System.Net.Http.Headers;
using Upstream.Events.V1;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Integration.Tests.Events;

/// <summary>
/// The iCalendar feeds, fetched over REST as a calendar app would and read by an independent parser (Python's
/// icalendar, Debian's python3-icalendar): London times, the sessions, and a cancellation that updates the entry.
/// </summary>
public sealed class CalendarTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task An_events_calendar_and_a_persons_feed_parse_with_London_times_and_show_a_cancellation()
    {
        await using var events = await EventsHost.StartAsync(infrastructure.Shared);
        var birmingham = await events.JoinAsync("BIR");
        var residential = await events.ScheduleAsync(EventsHost.Residential());
        await events.RegisterAsync(residential, "BIR", birmingham[0]);

        var file = await CalendarReader.ReadAsync(events, $"/v1/events/{residential.ProgrammeEventId}/calendar", events.Host.Token("member-1-BIR", Roles.Member, "BIR"));

        Assert.Equal("2.0", file.GetProperty("version").GetString());
        Assert.Contains("Europe/London", file.GetProperty("timezones").EnumerateArray().Select(z => z.GetString()));
        var entries = file.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["Spring residential", "Spring residential: Welcome"], entries.Select(e => e.GetProperty("summary").GetString()));
        var main = entries[0];
        Assert.Equal(($"{residential.ProgrammeEventId}@upstream", "Europe/London"), (main.GetProperty("uid").GetString(), main.GetProperty("start_tzid").GetString()));

        // 10:00 in London in May is 09:00 UTC (British Summer Time).
        Assert.Equal(("2026-05-12T10:00:00+01:00", "2026-05-13T16:00:00+01:00"), (main.GetProperty("start").GetString(), main.GetProperty("end").GetString()));
        Assert.Equal("The Studio, 7 Cannon Street, Birmingham B2 5EP", main.GetProperty("location").GetString());
        Assert.Equal(("CONFIRMED", 0), (main.GetProperty("status").GetString(), main.GetProperty("sequence").GetInt32()));

        await events.Events.CancelProgrammeEventAsync(new CancelProgrammeEventRequest { ProgrammeEventId = residential.ProgrammeEventId, Reason = "Venue flooded" }, events.Staff);
        var feed = await CalendarReader.ReadAsync(events, $"/v1/event-calendars/{birmingham[0]}", events.Host.Token("member-1-BIR", Roles.Member, "BIR"));

        var cancelled = feed.GetProperty("events").EnumerateArray().First();
        Assert.Equal(($"{residential.ProgrammeEventId}@upstream", "CANCELLED", 1), (cancelled.GetProperty("uid").GetString(), cancelled.GetProperty("status").GetString(), cancelled.GetProperty("sequence").GetInt32()));

        // Another council's member cannot read the person's feed.
        using var other = new HttpRequestMessage(HttpMethod.Get, $"/v1/event-calendars/{birmingham[0]}");
        other.Headers.Authorization = new AuthenticationHeaderValue("Bearer", events.Host.Token("member-1-MAN", Roles.Member, "MAN"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await events.Host.Http.SendAsync(other)).StatusCode);
    }
}
