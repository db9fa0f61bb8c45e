namespace Upstream.Network.Domain.Workgroups;

/// <summary>One stretch of a member council's taking part in a workgroup; leaving ends it, rejoining starts another.</summary>
public sealed class WorkgroupParticipant
{
    private WorkgroupParticipant()
    {
    }

    public Guid Id { get; private set; }

    public Guid WorkgroupId { get; private set; }

    public Guid MemberId { get; private set; }

    public DateTimeOffset JoinedAt { get; private set; }

    public DateTimeOffset? LeftAt { get; private set; }

    public bool IsCurrent => LeftAt is null;

    internal static WorkgroupParticipant Start(Guid workgroupId, Guid memberId, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), WorkgroupId = workgroupId, MemberId = memberId, JoinedAt = now };

    internal void End(DateTimeOffset now) => LeftAt = now;
}
