namespace Upstream.Insights.Domain;

/// <summary>
/// A member council as MemberJoined described it: where it is and its area's character, so evidence that names only a
/// council (grant reports, attendance) is keyed to a region too. Its people are not kept: Insights never needs them.
/// </summary>
public sealed class MemberCouncil
{
    private MemberCouncil()
    {
    }

    public string CouncilCode { get; private set; } = "";

    public string CouncilName { get; private set; } = "";

    public string Region { get; private set; } = "";

    public IReadOnlyList<string> AreaCharacters { get; private set; } = [];

    public DateTimeOffset JoinedAt { get; private set; }

    public static MemberCouncil Joined(string councilCode, string councilName, string region, IReadOnlyList<string> areaCharacters, DateTimeOffset at) =>
        new() { CouncilCode = councilCode, CouncilName = councilName, Region = region, AreaCharacters = areaCharacters, JoinedAt = at };

    /// <summary>Events can arrive out of order: an older one never overrides a newer.</summary>
    public void Rejoined(string councilName, string region, IReadOnlyList<string> areaCharacters, DateTimeOffset at)
    {
        if (at >= JoinedAt)
        {
            (CouncilName, Region, AreaCharacters, JoinedAt) = (councilName, region, areaCharacters, at);
        }
    }
}
