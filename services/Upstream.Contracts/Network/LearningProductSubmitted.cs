namespace Upstream.Contracts.Network;

/// <summary>A workgroup submitted (a version of) the shareable learning product it committed to.</summary>
/// <param name="Link">Where it can be read, if it is online.</param>
/// <param name="DocumentName">The attached document's file name, if one was attached (its content lives elsewhere).</param>
public sealed record LearningProductSubmitted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid WorkgroupId,
    Guid SubmissionId,
    string Theme,
    string Title,
    string Summary,
    string? Link,
    string? DocumentName,
    IReadOnlyList<string> ContributingCouncilCodes) : IIntegrationEvent;
