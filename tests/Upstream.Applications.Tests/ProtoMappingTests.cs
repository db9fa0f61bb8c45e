using Upstream.Applications.Domain;
using Upstream.Applications.Grpc;
using Upstream.Applications.Registry;
using static Upstream.Applications.Tests.Fixtures;
using Upstream.Domain.Refusals;
using Upstream.Domain.Registry;

namespace Upstream.Applications.Tests;

public sealed class ProtoMappingTests
{
    [Fact]
    public void Call_details_in_London_wall_time_become_instants_and_read_back_in_London()
    {
        var details = new V1.CallDetails
        {
            Title = "Upstream 2024",
            OpensLondon = "2024-07-01T09:00",
            ClosesLondon = "2024-07-15T12:00",
            DecisionsBy = "2024-09-01",
            Criteria = { new V1.ScoringCriterion { Key = "upstream", Title = "Upstream", Weight = 3 } },
        }.FromProto();

        Assert.Equal(Closes, details.ClosesAt);
        Assert.Equal(CallDetails.DefaultCohortSize, details.TargetCohortSize);
        var call = Call.Draft(details, Opens.AddDays(-3));
        Assert.Equal("12:00 on Monday 15 July 2024", call.ToProto(Opens.AddDays(-3)).Closes.London);
        Assert.Equal(V1.CallState.Draft, call.ToProto(Opens.AddDays(-3)).State);
    }

    [Fact]
    public void Every_malformed_field_of_a_call_is_named_by_its_wire_path()
    {
        var error = Assert.Throws<InvalidInputException>(() => new V1.CallDetails
        {
            OpensLondon = "1 July",
            ClosesLondon = "2024-03-31T01:30",
            DecisionsBy = "soon",
            Quotas = new V1.SelectionQuotas { Characters = { new V1.CharacterQuota { Minimum = 1 } } },
        }.FromProto());

        Assert.Equal(["details.opens_london", "details.closes_london", "details.decisions_by", "details.quotas.characters[0].character"], error.Violations.Select(v => v.Field));
        Assert.StartsWith("01:30 on Sunday 31 March 2024 does not exist in London", error.Violations[1].Description);
    }

    [Fact]
    public void An_application_draft_survives_the_trip_to_the_wire_and_back()
    {
        var call = PublishedCall();
        var application = Application.Start(call, LeadEligibility.Check(LocalAuthorityRegistry.Shipped, "ADU", new DateOnly(2024, 7, 15)), CompleteDraft(), "a", Opens.AddDays(1));

        var wire = application.ToProto(call);
        var back = new V1.ApplicationDraft { Initiative = wire.Initiative, Contacts = { wire.Contacts }, Partners = { wire.Partners } }.FromProto();

        Assert.Equal(CompleteDraft().Initiative, back.Initiative);
        Assert.Equal(CompleteDraft().Contacts, back.Contacts);
        Assert.Equal("12:00 on Monday 15 July 2024", wire.Deadline.London);
        Assert.Equal(V1.ApplicationState.Draft, wire.State);
    }

    [Fact]
    public void A_malformed_id_is_a_field_problem()
    {
        Assert.Equal("application_id", Assert.Throws<InvalidInputException>(() => ProtoMapping.Id("nope", "application_id")).Violations.Single().Field);
    }
}
