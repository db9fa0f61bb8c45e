namespace Upstream.Network.Domain;

/// <summary>
/// The audit of a council's residential delegates: who changed them, when, and from which people to which. The
/// programme pays for delegates' places, so staff must be able to see every change.
/// </summary>
public sealed class DelegateChange
{
    private DelegateChange()
    {
    }

    public Guid Id { get; private set; }

    public Guid MemberId { get; private set; }

    public string CouncilCode { get; private set; } = "";

    /// <summary>The caller's subject (an opaque id), or "network" when the service itself made the change.</summary>
    public string ChangedBy { get; private set; } = "";

    public DateTimeOffset ChangedAt { get; private set; }

    public List<Guid> Before { get; private set; } = [];

    public List<Guid> After { get; private set; } = [];

    public DelegateCause Cause { get; private set; }

    internal static DelegateChange Record(Member member, IEnumerable<Guid> before, IEnumerable<Guid> after, string changedBy, DelegateCause cause, DateTimeOffset now) =>
        new()
        {
            Id = Guid.NewGuid(),
            MemberId = member.Id,
            CouncilCode = member.CouncilCode,
            ChangedBy = changedBy,
            ChangedAt = now,
            Before = [.. before],
            After = [.. after],
            Cause = cause,
        };
}

public enum DelegateCause
{
    /// <summary>The council's first two contacts, when it joined or rejoined.</summary>
    Joined,

    /// <summary>Named by the council or staff.</summary>
    Named,

    /// <summary>The delegate's personal data was erased.</summary>
    Erasure,
}
