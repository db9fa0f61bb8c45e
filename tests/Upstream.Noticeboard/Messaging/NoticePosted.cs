using Upstream.Contracts;

namespace Upstream.Noticeboard.Messaging;

/// <summary>The sample service's own event (test-only, so not in the shared contracts).</summary>
public sealed record NoticePosted(Guid EventId, DateTimeOffset OccurredAt, Guid NoticeId, string Slug) : IIntegrationEvent;
