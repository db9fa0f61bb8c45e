using Google.Protobuf.WellKnownTypes;
using Upstream.Network.Domain.Visits;
using Upstream.Network.Handling;

namespace Upstream.Network.Grpc;

/// <summary>Between the visit and finding messages and the domain. An unspecified kind or dimension reads as "not given" (null).</summary>
public static partial class ProtoMapping
{
    public static VisitRecord FromProto(this V1.VisitRecordRequest request) => new(
        request.CouncilCode,
        Date(request.VisitedOn, "visited_on"),
        [.. request.Visitors],
        request.Notes,
        [.. request.Findings.Select(FromProto)]);

    public static FindingDraft FromProto(this V1.FindingDraft? draft) => draft is null
        ? new FindingDraft(null, "", null, "", null, false)
        : new FindingDraft(Kind(draft.Kind), draft.Theme, Dimension(draft.Dimension), draft.Text, Optional(draft.Quote), draft.QuoteConsent);

    public static FindingFilter FromProto(this V1.FindingListRequest request) => new(
        Kind(request.Kind), Optional(request.Theme), Dimension(request.Dimension), Optional(request.CouncilCode));

    public static V1.Visit ToProto(this VisitView view)
    {
        var visit = view.Visit;
        var proto = new V1.Visit
        {
            Id = visit.Id.ToString(),
            CouncilCode = view.Member.CouncilCode,
            CouncilName = view.Member.CouncilName,
            VisitedOn = Text(visit.VisitedOn),
            Notes = visit.Notes,
            RecordedAt = Timestamp.FromDateTimeOffset(visit.RecordedAt),
        };
        proto.Visitors.AddRange(visit.Visitors);
        proto.Findings.AddRange(visit.Findings.OrderBy(f => f.RecordedAt).ThenBy(f => f.Id).Select(f => new FindingView(f, view.Member.CouncilCode, visit.VisitedOn).ToProto()));
        return proto;
    }

    public static V1.Finding ToProto(this FindingView view)
    {
        var finding = view.Finding;
        return new V1.Finding
        {
            Id = finding.Id.ToString(),
            VisitId = finding.VisitId.ToString(),
            CouncilCode = view.CouncilCode,
            VisitedOn = Text(view.VisitedOn),
            Kind = finding.Kind switch { FindingKind.Driver => V1.FindingKind.Driver, FindingKind.Barrier => V1.FindingKind.Barrier, _ => V1.FindingKind.Enabler },
            Theme = finding.Theme,
            Dimension = finding.Dimension switch
            {
                FindingDimension.Purpose => V1.FindingDimension.Purpose,
                FindingDimension.Mindset => V1.FindingDimension.Mindset,
                FindingDimension.ValuesAndPrinciples => V1.FindingDimension.ValuesAndPrinciples,
                FindingDimension.InfrastructureAndCapabilities => V1.FindingDimension.InfrastructureAndCapabilities,
                _ => V1.FindingDimension.Outcomes,
            },
            Text = finding.Text,
            Quote = finding.Quote ?? "",
            QuoteConsent = finding.QuoteConsent,
            RecordedAt = Timestamp.FromDateTimeOffset(finding.RecordedAt),
        };
    }

    private static FindingKind? Kind(V1.FindingKind kind) => kind switch
    {
        V1.FindingKind.Driver => FindingKind.Driver,
        V1.FindingKind.Barrier => FindingKind.Barrier,
        V1.FindingKind.Enabler => FindingKind.Enabler,
        _ => null,
    };

    private static FindingDimension? Dimension(V1.FindingDimension dimension) => dimension switch
    {
        V1.FindingDimension.Purpose => FindingDimension.Purpose,
        V1.FindingDimension.Mindset => FindingDimension.Mindset,
        V1.FindingDimension.ValuesAndPrinciples => FindingDimension.ValuesAndPrinciples,
        V1.FindingDimension.InfrastructureAndCapabilities => FindingDimension.InfrastructureAndCapabilities,
        V1.FindingDimension.Outcomes => FindingDimension.Outcomes,
        _ => null,
    };
}
