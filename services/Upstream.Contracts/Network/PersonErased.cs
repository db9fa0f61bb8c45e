namespace Upstream.Contracts.Network;

/// <summary>
/// A person asked to be forgotten. Every service that holds their personal data removes it (keeping the records it
/// was part of, anonymised). Carries no personal data itself: services that know the person by id match
/// <paramref name="PersonId"/>; those that only ever saw their email (Applications' contacts) match
/// <paramref name="EmailSha256"/>, see <see cref="ErasedEmail"/>.
/// </summary>
public sealed record PersonErased(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid PersonId,
    string CouncilCode,
    string EmailSha256) : IIntegrationEvent;
