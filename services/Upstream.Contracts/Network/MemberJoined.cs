namespace Upstream.Contracts.Network;

/// <summary>
/// A selected council became a member of the network (or rejoined it: same <paramref name="MemberId"/>, <paramref name="Rejoined"/>
/// true). Carries the council, where it is and its people, so Events and Grants can invite and admit it without calling back.
/// </summary>
/// <param name="CouncilCode">The registry code (mySociety local-authority-code), the key every service shares.</param>
/// <param name="AreaCharacters">urban, rural and/or coastal, from the application.</param>
/// <param name="People">Personal data: never log or trace it.</param>
public sealed record MemberJoined(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid MemberId,
    string CouncilCode,
    string CouncilName,
    string Region,
    string CouncilType,
    string GssCode,
    IReadOnlyList<string> AreaCharacters,
    string InitiativeTitle,
    IReadOnlyList<MemberPerson> People,
    bool Rejoined) : IIntegrationEvent;

/// <summary>One of a member council's people, as the network knows them. Personal data: never log or trace it.</summary>
/// <param name="ResidentialDelegate">One of the council's two named residential delegates.</param>
public sealed record MemberPerson(Guid PersonId, string Name, string Role, string Email, bool ResidentialDelegate);
