namespace Upstream.Events.Domain;

/// <summary>A member council invited to an event: when the event is scheduled, or when the council joins later.</summary>
public sealed class Invitation
{
    private Invitation()
    {
    }

    public Guid ProgrammeEventId { get; private set; }

    public string CouncilCode { get; private set; } = "";

    public DateTimeOffset InvitedAt { get; private set; }

    public static Invitation To(Guid programmeEventId, string councilCode, DateTimeOffset at) =>
        new() { ProgrammeEventId = programmeEventId, CouncilCode = councilCode, InvitedAt = at };
}
