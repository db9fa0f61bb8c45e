namespace Upstream.Contracts.Network;

/// <summary>A workgroup (mini-collaborative) formed around a theme, led by one member council.</summary>
/// <param name="LearningProduct">What the group committed to share.</param>
/// <param name="LearningProductDueOn">By when (a Europe/London date); added later, so absent from older messages.</param>
public sealed record WorkgroupFormed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid WorkgroupId,
    string Name,
    string Theme,
    string LeadCouncilCode,
    string LearningProduct,
    DateOnly? LearningProductDueOn = null) : IIntegrationEvent;
