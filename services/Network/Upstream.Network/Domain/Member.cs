namespace Upstream.Network.Domain;

/// <summary>
/// A council in the network, created when its application is selected. Membership can end and begin again:
/// a council selected again later rejoins this same record.
/// </summary>
public sealed class Member
{
    private Member()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The registry code (mySociety local-authority-code): unique, the key every service shares.</summary>
    public string CouncilCode { get; private set; } = "";

    public string CouncilName { get; private set; } = "";

    public string Region { get; private set; } = "";

    /// <summary>The registry's type name (London borough, unitary authority, ...).</summary>
    public string CouncilType { get; private set; } = "";

    public string GssCode { get; private set; } = "";

    /// <summary>urban, rural and/or coastal, from the application.</summary>
    public List<string> AreaCharacters { get; private set; } = [];

    public MemberInitiative Initiative { get; private set; } = new("", "", "", "", "");

    /// <summary>The application whose selection made (or last re-made) it a member.</summary>
    public Guid ApplicationId { get; private set; }

    public DateTimeOffset JoinedAt { get; private set; }

    public DateTimeOffset? LeftAt { get; private set; }

    public string? LeftReason { get; private set; }

    public bool IsCurrent => LeftAt is null;

    public static Member Join(
        string councilCode, string councilName, string region, string councilType, string gssCode,
        IEnumerable<string> areaCharacters, MemberInitiative initiative, Guid applicationId, DateTimeOffset now) =>
        new()
        {
            Id = Guid.NewGuid(),
            CouncilCode = councilCode,
            CouncilName = councilName,
            Region = region,
            CouncilType = councilType,
            GssCode = gssCode,
            AreaCharacters = [.. areaCharacters],
            Initiative = initiative,
            ApplicationId = applicationId,
            JoinedAt = now,
        };
}

/// <param name="Stage">idea, early or active.</param>
public sealed record MemberInitiative(string Title, string Summary, string UpstreamProblem, string ServiceArea, string Stage);
