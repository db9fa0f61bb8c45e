using Upstream.Domain.Time;
using Upstream.Events.Domain;

namespace Upstream.Events.Tests;

internal static class Samples
{
    public static readonly DateTimeOffset Now = ProgrammeTime.ToInstant(new DateTime(2026, 3, 2, 10, 0, 0));

    public static DateTimeOffset London(int month, int day, int hour, int minute = 0) => ProgrammeTime.ToInstant(new DateTime(2026, month, day, hour, minute, 0));

    public static ProgrammeEventDetails Residential(int capacity = 40) => new(
        ProgrammeEventKind.Residential,
        "Spring residential",
        "Two days on evidence.",
        "The Studio",
        "7 Cannon Street, Birmingham",
        "",
        London(5, 12, 10),
        London(5, 13, 16),
        London(5, 1, 17),
        capacity,
        0,
        []);

    public static ProgrammeEvent Scheduled(int capacity = 40) => ProgrammeEvent.Schedule(Residential(capacity), "staff-1", Now);
}
