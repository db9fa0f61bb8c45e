namespace Upstream.Insights.Handling;

/// <summary>Where a piece is read: the public REST route the gateway serves without a token.</summary>
public static class PublicationLinks
{
    public static string Path(Guid publicationId) => $"/v1/publications/{publicationId}";
}
