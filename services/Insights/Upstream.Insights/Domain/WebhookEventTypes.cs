namespace Upstream.Insights.Domain;

/// <summary>
/// What a partner's webhook can be told of: a piece published, or a discovery finding as soon as Insights holds it
/// (partners watching the evidence come in need not wait for a piece that draws on it).
/// </summary>
public static class WebhookEventTypes
{
    public const string InsightPublished = "insight.published";
    public const string FindingRecorded = "finding.recorded";

    public static readonly IReadOnlyList<string> All = [InsightPublished, FindingRecorded];

    /// <summary>A subscription that names none hears of publications, as every subscription did before there was a choice.</summary>
    public static readonly IReadOnlyList<string> Default = [InsightPublished];
}
