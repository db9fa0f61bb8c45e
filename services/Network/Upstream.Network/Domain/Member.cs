using Upstream.Domain.Refusals;

namespace Upstream.Network.Domain;

/// <summary>
/// A council in the network, created when its application is selected. Membership can end and begin again:
/// a council selected again later rejoins this same record, and its earlier periods are kept.
/// </summary>
public sealed class Member
{
    /// <summary>The programme pays for two people per council to come to the residentials.</summary>
    public const int MaxDelegates = 2;

    private static readonly string[] Stages = ["idea", "early", "active"];

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

    /// <summary>Memberships that ended before the current one began (a council that left and was selected again).</summary>
    public List<MembershipPeriod> EarlierPeriods { get; private set; } = [];

    /// <summary>The council's named residential delegates: at most two of its own people.</summary>
    public List<Guid> DelegateIds { get; private set; } = [];

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

    /// <summary>Selected again after leaving: the same record, with what the new application says, and the last period kept.</summary>
    public void Rejoin(
        string councilName, string region, string councilType, string gssCode,
        IEnumerable<string> areaCharacters, MemberInitiative initiative, Guid applicationId, DateTimeOffset now)
    {
        if (LeftAt is not { } left)
        {
            throw new DomainRuleException("member.current", $"{CouncilName} is already a member of the network.");
        }

        EarlierPeriods.Add(new MembershipPeriod(JoinedAt, left, LeftReason ?? ""));
        (CouncilName, Region, CouncilType, GssCode) = (councilName, region, councilType, gssCode);
        AreaCharacters = [.. areaCharacters];
        Initiative = initiative;
        ApplicationId = applicationId;
        JoinedAt = now;
        LeftAt = null;
        LeftReason = null;
    }

    /// <summary>The membership ends, with the reason staff give; the record stays (a council can be selected again).</summary>
    public void Leave(string reason, DateTimeOffset now)
    {
        var v = new Violations();
        v.Require(!string.IsNullOrWhiteSpace(reason), "reason", "Say why the council's membership ends.");
        v.ThrowIfAny();
        if (!IsCurrent)
        {
            throw new DomainRuleException("member.left", $"{CouncilName}'s membership already ended.");
        }

        LeftAt = now;
        LeftReason = reason.Trim();
    }

    public void ReviseInitiative(MemberInitiative initiative)
    {
        var v = new Violations();
        v.Require(!string.IsNullOrWhiteSpace(initiative.Title), "initiative.title", "The initiative needs a title.");
        v.Require(Stages.Contains(initiative.Stage), "initiative.stage", "The stage is one of idea, early or active.");
        v.ThrowIfAny();
        RequireCurrent("revise its initiative");
        Initiative = initiative with { Title = initiative.Title.Trim() };
    }

    /// <summary>
    /// Names the residential delegates: at most two, each one of the council's own current people. Returns the audit
    /// record of the change, or null when the delegates are the same as before.
    /// </summary>
    /// <param name="ownPeople">The council's people who are not erased.</param>
    public DelegateChange? NameDelegates(IReadOnlyList<Guid> personIds, IReadOnlyCollection<Guid> ownPeople, string changedBy, DelegateCause cause, DateTimeOffset now)
    {
        var v = new Violations();
        v.Require(personIds.Count <= MaxDelegates, "person_ids", $"A council has at most {MaxDelegates} residential delegates; {personIds.Count} were named.");
        v.Require(personIds.Distinct().Count() == personIds.Count, "person_ids", "A person is named as a delegate only once.");
        for (var i = 0; i < personIds.Count; i++)
        {
            v.Require(ownPeople.Contains(personIds[i]), $"person_ids[{i}]", $"{personIds[i]} is not one of {CouncilName}'s people.");
        }

        v.ThrowIfAny();
        RequireCurrent("name residential delegates");
        if (DelegateIds.SequenceEqual(personIds))
        {
            return null;
        }

        var change = DelegateChange.Record(this, DelegateIds, personIds, changedBy, cause, now);
        DelegateIds = [.. personIds];
        return change;
    }

    /// <summary>An erased person stops being a delegate; no ownership checks: they were the council's.</summary>
    public DelegateChange? ReleaseDelegate(Guid personId, string changedBy, DateTimeOffset now)
    {
        if (!DelegateIds.Contains(personId))
        {
            return null;
        }

        var after = DelegateIds.Where(id => id != personId).ToList();
        var change = DelegateChange.Record(this, DelegateIds, after, changedBy, DelegateCause.Erasure, now);
        DelegateIds = after;
        return change;
    }

    private void RequireCurrent(string action)
    {
        if (!IsCurrent)
        {
            throw new DomainRuleException("member.left", $"{CouncilName} is no longer a member, so it cannot {action}.");
        }
    }
}

/// <param name="Stage">idea, early or active.</param>
public sealed record MemberInitiative(string Title, string Summary, string UpstreamProblem, string ServiceArea, string Stage);

/// <summary>A membership that ended.</summary>
public sealed record MembershipPeriod(DateTimeOffset JoinedAt, DateTimeOffset LeftAt, string Reason);
