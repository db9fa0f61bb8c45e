using Google.Protobuf.WellKnownTypes;
using Upstream.Insights.Domain;

namespace Upstream.Insights.Grpc;

/// <summary>Domain to wire, in one place.</summary>
internal static partial class ProtoMapping
{
    public static V1.Publication ToProto(this Publication publication) => new()
    {
        PublicationId = publication.Id.ToString(),
        Details = new V1.PublicationDetails { Title = publication.Title, Summary = publication.Summary, Theme = publication.Theme, Markdown = publication.Markdown },
        State = PublicationStates.WireName(publication.State),
        Html = publication.Html,
        UpdatedAt = Timestamp.FromDateTimeOffset(publication.UpdatedAt),
        PublishedAt = publication.PublishedAt is { } published ? Timestamp.FromDateTimeOffset(published) : null,
        RetractedAt = publication.RetractedAt is { } retracted ? Timestamp.FromDateTimeOffset(retracted) : null,
        RetractionReason = publication.RetractionReason ?? "",
        Author = publication.Author,
    };

    public static PublicationDraft ToDraft(this V1.PublicationDetails? details) =>
        new(details?.Title ?? "", details?.Summary ?? "", details?.Theme ?? "", details?.Markdown ?? "");

    public static V1.InsightPatterns ToProto(this Patterns patterns)
    {
        var wire = new V1.InsightPatterns();
        wire.ByTheme.AddRange(patterns.ByTheme.Select(ToProto));
        wire.ByRegion.AddRange(patterns.ByRegion.Select(ToProto));
        wire.ByAreaCharacter.AddRange(patterns.ByAreaCharacter.Select(ToProto));
        wire.ByPhase.AddRange(patterns.ByPhase.Select(ToProto));
        wire.ByMonth.AddRange(patterns.ByMonth.Select(ToProto));
        wire.FrequentBarriers.AddRange(patterns.FrequentBarriers.Select(b => new V1.FrequentBarrier { Theme = b.Theme, Text = b.Text, Councils = b.Councils }));
        wire.OperatingModel.AddRange(patterns.OperatingModel.Select(ToProto));
        return wire;
    }

    private static V1.PatternCount ToProto(PatternCount count) =>
        new() { Key = count.Key, Drivers = count.Drivers, Barriers = count.Barriers, Enablers = count.Enablers };

    private static V1.OperatingModelDimension ToProto(DimensionView view)
    {
        var wire = new V1.OperatingModelDimension { Dimension = view.Dimension, Drivers = view.Counts.Drivers, Barriers = view.Counts.Barriers, Enablers = view.Counts.Enablers };
        wire.Findings.AddRange(view.Findings.Select(f => new V1.DimensionFinding
        {
            Kind = f.Kind, Theme = f.Theme, Text = f.Text, Quote = f.Quote ?? "", CouncilCode = f.CouncilCodes.FirstOrDefault() ?? "",
        }));
        return wire;
    }
}
