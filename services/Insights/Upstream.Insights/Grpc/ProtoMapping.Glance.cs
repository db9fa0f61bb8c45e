using Upstream.Insights.Domain;

namespace Upstream.Insights.Grpc;

internal static partial class ProtoMapping
{
    public static V1.ProgrammeAtAGlance ToProto(this ProgrammeGlance glance)
    {
        var wire = new V1.ProgrammeAtAGlance
        {
            Members = glance.Members,
            EventsHeld = glance.EventsHeld,
            Attendances = glance.Attendances,
            GrantsAwarded = glance.GrantsAwarded,
            AwardedPence = glance.AwardedPence,
            PaidPence = glance.PaidPence,
            ReportsIn = glance.ReportsIn,
        };
        wire.MembersByRegion.AddRange(glance.ByRegion.Select(t => new V1.ProgrammeTally { Key = t.Key, Count = t.Count }));
        wire.MembersByAreaCharacter.AddRange(glance.ByAreaCharacter.Select(t => new V1.ProgrammeTally { Key = t.Key, Count = t.Count }));
        return wire;
    }
}
