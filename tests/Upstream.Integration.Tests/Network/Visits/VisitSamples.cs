using Upstream.Network.V1;

namespace Upstream.Integration.Tests.Network.Visits;

/// <summary>A discovery visit and its findings as staff record them; shared by the Network tests and Insights' (which watch them arrive).</summary>
internal static class VisitSamples
{
    public static VisitRecordRequest Visit(string council, params FindingDraft[] findings)
    {
        var request = new VisitRecordRequest { CouncilCode = council, VisitedOn = "2030-11-04", Notes = "Met the early help and data teams." };
        request.Visitors.AddRange(["Asha Patel", "Tom Reed"]);
        request.Findings.AddRange(findings);
        return request;
    }

    public static FindingDraft Barrier(bool consent) => new()
    {
        Kind = FindingKind.Barrier,
        Theme = "Data sharing",
        Dimension = FindingDimension.InfrastructureAndCapabilities,
        Text = "Teams cannot see each other's case data.",
        Quote = "We work blind.",
        QuoteConsent = consent,
    };

    public static FindingDraft Enabler() => new()
    {
        Kind = FindingKind.Enabler,
        Theme = "Leadership",
        Dimension = FindingDimension.ValuesAndPrinciples,
        Text = "The chief executive backs prevention publicly.",
    };
}
