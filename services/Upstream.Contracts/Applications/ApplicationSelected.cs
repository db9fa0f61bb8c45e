namespace Upstream.Contracts.Applications;

/// <summary>
/// A council was selected for the cohort. Carries everything the network needs to welcome it as a member
/// (the council, where it is, its initiative and its two contacts) so the network never calls back.
/// </summary>
public sealed record ApplicationSelected(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ApplicationId,
    Guid CallId,
    string CouncilCode,
    string CouncilName,
    string Region,
    IReadOnlyList<string> AreaCharacters,
    SelectedInitiative Initiative,
    IReadOnlyList<CouncilContact> Contacts,
    IReadOnlyList<string> Partners,
    string Reason) : IIntegrationEvent;

/// <param name="Stage">idea, early or active.</param>
/// <param name="ServiceArea">The council service it sits in (children's services, housing, ...).</param>
public sealed record SelectedInitiative(string Title, string Summary, string UpstreamProblem, string ServiceArea, string Stage);

/// <summary>A person the network will invite to residentials and roundtables. Personal data: never log or trace it.</summary>
public sealed record CouncilContact(string Name, string Role, string Email);
