using Upstream.Domain.Refusals;
using Upstream.Network.Domain.Visits;

namespace Upstream.Network.Tests;

public sealed class VisitTests
{
    private static readonly FindingDraft Barrier = new(FindingKind.Barrier, "Data sharing", FindingDimension.InfrastructureAndCapabilities, "Teams cannot see each other's case data.", "We work blind.", QuoteConsent: true);

    [Fact]
    public void A_visit_is_recorded_with_its_findings()
    {
        var visit = DiscoveryVisit.Record(Councils.Bristol, Councils.Today, ["Asha Patel", " "], "Met the early help team.", [Barrier], Councils.Today, "staff-1", Councils.Now);

        Assert.Equal(["Asha Patel"], visit.Visitors);
        var finding = Assert.Single(visit.Findings);
        Assert.Equal((visit.Id, Councils.Bristol.Id, "We work blind."), (finding.VisitId, finding.MemberId, finding.PublishableQuote));
    }

    [Fact]
    public void A_quote_without_consent_is_kept_but_never_publishable()
    {
        var visit = DiscoveryVisit.Record(Councils.Bristol, Councils.Today, ["Asha Patel"], "", [Barrier with { QuoteConsent = false }], Councils.Today, "staff-1", Councils.Now);

        Assert.Equal("We work blind.", visit.Findings[0].Quote);
        Assert.Null(visit.Findings[0].PublishableQuote);
    }

    [Fact]
    public void A_finding_without_a_tag_or_dimension_is_a_field_error_naming_which_finding()
    {
        var refused = Assert.Throws<InvalidInputException>(() => DiscoveryVisit.Record(
            Councils.Bristol, Councils.Today, ["Asha Patel"], "", [Barrier, Barrier with { Kind = null, Dimension = null }], Councils.Today, "staff-1", Councils.Now));

        Assert.Equal(["findings[1].kind", "findings[1].dimension"], refused.Violations.Select(v => v.Field));
    }

    [Fact]
    public void A_visit_in_the_future_or_with_nobody_named_is_refused()
    {
        var refused = Assert.Throws<InvalidInputException>(() => DiscoveryVisit.Record(
            Councils.Bristol, Councils.Today.AddDays(1), [], "", [], Councils.Today, "staff-1", Councils.Now));

        Assert.Equal(["visited_on", "visitors"], refused.Violations.Select(v => v.Field));
    }

    [Fact]
    public void A_quote_is_at_most_280_characters_and_consent_needs_a_quote()
    {
        var visit = DiscoveryVisit.Record(Councils.Bristol, Councils.Today, ["Asha Patel"], "", [], Councils.Today, "staff-1", Councils.Now);

        var tooLong = Assert.Throws<InvalidInputException>(() => visit.AddFinding(Barrier with { Quote = new string('a', 281) }, "staff-1", Councils.Now));
        var noQuote = Assert.Throws<InvalidInputException>(() => visit.AddFinding(Barrier with { Quote = null }, "staff-1", Councils.Now));

        Assert.Equal("finding.quote", Assert.Single(tooLong.Violations).Field);
        Assert.Equal("finding.quote_consent", Assert.Single(noQuote.Violations).Field);
        Assert.Equal(280, visit.AddFinding(Barrier with { Quote = new string('a', 280) }, "staff-1", Councils.Now).Quote!.Length);
    }
}
