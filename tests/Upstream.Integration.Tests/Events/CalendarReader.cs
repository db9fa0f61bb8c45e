using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Upstream.Integration.Tests.Events;

/// <summary>
/// Fetches a calendar over REST as a calendar app would, and reads it with an independent parser (Python's
/// icalendar, Debian's python3-icalendar, which apphost/prerequisites.sh test installs).
/// </summary>
internal static class CalendarReader
{
    // Prints each VEVENT as JSON: what a calendar would show of it.
    private const string Parser = """
        import icalendar, json, sys
        calendar = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
        print(json.dumps({
            "version": str(calendar["VERSION"]),
            "timezones": [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")],
            "events": [{
                "uid": str(e["UID"]),
                "summary": str(e["SUMMARY"]),
                "location": str(e.get("LOCATION", "")),
                "start": e.decoded("DTSTART").isoformat(),
                "start_tzid": e["DTSTART"].params.get("TZID", ""),
                "end": e.decoded("DTEND").isoformat(),
                "status": str(e.get("STATUS", "")),
                "sequence": int(e.get("SEQUENCE", 0)),
            } for e in calendar.walk("VEVENT")],
        }))
        """;

    public static async Task<JsonElement> ReadAsync(EventsHost events, string path, string token) => await ParseAsync(await GetAsync(events, path, token));

    private static async Task<string> GetAsync(EventsHost events, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await events.Host.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<JsonElement> ParseAsync(string ics)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Parser);
        using var python = Process.Start(start)!;
        await python.StandardInput.WriteAsync(ics);
        python.StandardInput.Close();
        var output = await python.StandardOutput.ReadToEndAsync();
        var errors = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.True(python.ExitCode == 0, $"python3-icalendar could not read the calendar (apphost/prerequisites.sh test installs it): {errors}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
