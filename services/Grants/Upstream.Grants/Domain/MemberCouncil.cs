namespace Upstream.Grants.Domain;

/// <summary>
/// A council as the network last told us (MemberJoined, MemberLeft), kept here so "only current members may apply" is
/// decided locally, without calling Network. Holds no personal data.
/// </summary>
public sealed class MemberCouncil
{
    private MemberCouncil()
    {
    }

    public string CouncilCode { get; private set; } = "";

    public string CouncilName { get; private set; } = "";

    /// <summary>The ONS GSS code: the beneficiary location in the 360Giving data.</summary>
    public string GssCode { get; private set; } = "";

    public bool Current { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    public static MemberCouncil Joined(string councilCode, string councilName, string gssCode, DateTimeOffset at) =>
        new() { CouncilCode = councilCode.Trim().ToUpperInvariant(), CouncilName = councilName, GssCode = gssCode, Current = true, ChangedAt = at };

    /// <summary>Events can arrive out of order: an older one never overrides a newer.</summary>
    public void Rejoined(string councilName, string gssCode, DateTimeOffset at)
    {
        if (at >= ChangedAt)
        {
            CouncilName = councilName;
            GssCode = gssCode;
            Current = true;
            ChangedAt = at;
        }
    }

    public void Left(DateTimeOffset at)
    {
        if (at >= ChangedAt)
        {
            Current = false;
            ChangedAt = at;
        }
    }
}
