namespace Upstream.Contracts.Network;

/// <summary>A workgroup (mini-collaborative) formed around a theme, led by one member council.</summary>
public sealed record WorkgroupFormed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid WorkgroupId,
    string Name,
    string Theme,
    string LeadCouncilCode,
    string LearningProduct) : IIntegrationEvent;
