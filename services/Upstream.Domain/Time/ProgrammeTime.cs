using System.Globalization;

namespace Upstream.Domain.Time;

/// <summary>
/// Programme deadlines are set and shown in Europe/London wall time ("12:00 on Monday 15 July 2024") and
/// stored as UTC instants. Wall times that do not exist (the spring-forward gap) are refused rather than
/// silently moved; wall times that occur twice (autumn) take the later instant, which never closes a call early.
/// </summary>
public static class ProgrammeTime
{
    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateTimeOffset ToInstant(DateTime londonWallTime)
    {
        var wall = DateTime.SpecifyKind(londonWallTime, DateTimeKind.Unspecified);
        if (London.IsInvalidTime(wall))
        {
            throw new ArgumentException($"{wall:HH:mm} on {wall:dddd d MMMM yyyy} does not exist in London (the clocks go forward).", nameof(londonWallTime));
        }

        var offset = London.IsAmbiguousTime(wall) ? London.GetAmbiguousTimeOffsets(wall).Min() : London.GetUtcOffset(wall);
        return new DateTimeOffset(wall, offset).ToUniversalTime();
    }

    public static DateTime ToLondon(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, London).DateTime;

    /// <summary>"12:00 on Monday 15 July 2024", in London time.</summary>
    public static string Describe(DateTimeOffset instant) =>
        ToLondon(instant).ToString("HH:mm 'on' dddd d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
}
