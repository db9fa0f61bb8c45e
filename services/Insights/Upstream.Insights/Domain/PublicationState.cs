namespace Upstream.Insights.Domain;

public enum PublicationState
{
    Draft,
    InReview,
    Published,
    Retracted,
}

/// <summary>The states' wire names (proto strings and database column).</summary>
public static class PublicationStates
{
    public static string WireName(PublicationState state) => state switch
    {
        PublicationState.InReview => "in-review",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static PublicationState Parse(string wire) => Enum.GetValues<PublicationState>().Single(s => WireName(s) == wire);
}
