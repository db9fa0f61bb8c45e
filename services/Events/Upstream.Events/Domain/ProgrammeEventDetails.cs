using Upstream.Domain.Refusals;
using Upstream.Domain.Time;

namespace Upstream.Events.Domain;

/// <summary>What staff say about an event when scheduling it; times already read from London wall time as instants.</summary>
/// <param name="PerCouncilLimit">0 for the kind's default: two for a residential (two people per council), one otherwise.</param>
public sealed record ProgrammeEventDetails(
    ProgrammeEventKind Kind,
    string Title,
    string Description,
    string Venue,
    string Address,
    string OnlineLink,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset RegistrationClosesAt,
    int Capacity,
    int PerCouncilLimit,
    IReadOnlyList<EventSession> Sessions)
{
    public const int ResidentialPerCouncil = 2;

    public int EffectivePerCouncilLimit => PerCouncilLimit != 0 ? PerCouncilLimit : Kind == ProgrammeEventKind.Residential ? ResidentialPerCouncil : 1;

    /// <summary>Every problem at once, field names as the proto's.</summary>
    public Violations Validate(DateTimeOffset now)
    {
        var v = new Violations();
        v.Require(!string.IsNullOrWhiteSpace(Title), "title", "Give the event a title.");
        v.Require(EndsAt > StartsAt, "ends_at", "An event ends after it starts.");
        v.Require(StartsAt > now, "starts_at", "An event is scheduled in the future.");
        v.Require(RegistrationClosesAt <= StartsAt && RegistrationClosesAt > now, "registration_closes_at", "Registration closes in the future, no later than the event starts.");
        v.Require(Capacity > 0, "capacity", "An event has room for at least one person.");
        v.Require(EffectivePerCouncilLimit > 0, "per_council_limit", "A council may register at least one person.");
        switch (Kind)
        {
            case ProgrammeEventKind.Residential:
                v.Require(!string.IsNullOrWhiteSpace(Venue), "venue", "A residential has a venue.");
                v.Require(!string.IsNullOrWhiteSpace(Address), "address", "A residential has the venue's address.");
                var first = DateOnly.FromDateTime(ProgrammeTime.ToLondon(StartsAt));
                var last = DateOnly.FromDateTime(ProgrammeTime.ToLondon(EndsAt));
                v.Require(last == first.AddDays(1), "ends_at", "A residential runs over two consecutive London days.");
                v.Require(EffectivePerCouncilLimit <= ResidentialPerCouncil, "per_council_limit", "A residential takes at most two people per council.");
                break;
            case ProgrammeEventKind.Roundtable:
                v.Require(Uri.TryCreate(OnlineLink, UriKind.Absolute, out var link) && link.Scheme == Uri.UriSchemeHttps, "online_link", "A roundtable has an https link to join online.");
                break;
        }

        for (var i = 0; i < Sessions.Count; i++)
        {
            var session = Sessions[i];
            v.Require(!string.IsNullOrWhiteSpace(session.Title), $"sessions[{i}].title", "Give the session a title.");
            v.Require(session.EndsAt > session.StartsAt, $"sessions[{i}].ends_at", "A session ends after it starts.");
            v.Require(session.StartsAt >= StartsAt && session.EndsAt <= EndsAt, $"sessions[{i}].starts_at", "A session falls within the event.");
        }

        return v;
    }
}
