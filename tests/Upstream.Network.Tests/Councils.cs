using Upstream.Network.Domain;

namespace Upstream.Network.Tests;

/// <summary>Member councils for domain tests, as ApplicationSelected would have made them.</summary>
internal static class Councils
{
    public static readonly DateTimeOffset Now = new(2030, 10, 1, 9, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly Today = new(2030, 10, 1);

    public static Member Bristol { get; } = Join("BRI", "Bristol City Council", "South West");

    public static Member Adur { get; } = Join("ADU", "Adur District Council", "South East");

    public static Member Cornwall { get; } = Join("CON", "Cornwall Council", "South West");

    private static Member Join(string code, string name, string region) =>
        Member.Join(code, name, region, "Unitary authority", "E06000000", ["urban"], new MemberInitiative("Early help", "Summary", "Problem", "Children's services", "early"), Guid.NewGuid(), Now.AddDays(-30));
}
