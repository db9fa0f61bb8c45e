namespace Upstream.Events.Domain;

/// <summary>
/// A council as the network last told us (MemberJoined, MemberLeft), with the ids of its people, so "a member
/// registers only its own people" is decided here without calling Network. Names and emails are not kept: Events
/// needs only who is whose.
/// </summary>
public sealed class MemberCouncil
{
    private MemberCouncil()
    {
    }

    public string CouncilCode { get; private set; } = "";

    public string CouncilName { get; private set; } = "";

    public List<Guid> PersonIds { get; private set; } = [];

    public bool Current { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    public static MemberCouncil Joined(string councilCode, string councilName, IEnumerable<Guid> people, DateTimeOffset at) =>
        new() { CouncilCode = councilCode, CouncilName = councilName, PersonIds = [.. people], Current = true, ChangedAt = at };

    /// <summary>Events can arrive out of order: an older one never overrides a newer.</summary>
    public void Rejoined(string councilName, IEnumerable<Guid> people, DateTimeOffset at)
    {
        if (at >= ChangedAt)
        {
            CouncilName = councilName;
            PersonIds = [.. people];
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

    public void Forget(Guid personId) => PersonIds = [.. PersonIds.Where(p => p != personId)];
}
