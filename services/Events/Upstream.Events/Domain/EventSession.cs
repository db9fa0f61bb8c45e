namespace Upstream.Events.Domain;

/// <summary>A session within an event: a room at the venue or an online link, between two instants.</summary>
public sealed record EventSession(string Title, string Location, DateTimeOffset StartsAt, DateTimeOffset EndsAt);
