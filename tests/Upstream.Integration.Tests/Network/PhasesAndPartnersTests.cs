using Grpc.Core;
using Upstream.Contracts.Network;
using Upstream.Integration.Tests.Network.Members;
using Upstream.Network.V1;
using Upstream.Protos.Errors;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Integration.Tests.Network;

/// <summary>The programme's phases (read by anyone signed in, started by staff) and its partners (staff only).</summary>
public sealed class PhasesAndPartnersTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task Staff_start_a_phase_every_service_hears_of_it_and_anyone_signed_in_reads_the_schedule()
    {
        var broker = await infrastructure.Shared.CreateVirtualHostAsync("phases");
        await using var started = await EventTap.StartAsync<PhaseStarted>(broker);
        await using var network = await MemberSeeding.StartNetworkAsync(infrastructure, broker);
        var phases = network.Client<PhaseService.PhaseServiceClient>();
        Assert.Equal("", (await phases.GetPhasesAsync(new GetPhasesRequest(), network.Staff())).CurrentPhase);

        await phases.StartPhaseAsync(new StartPhaseRequest { Phase = "discovery", StartsOn = "2030-09-01", EndsOn = "2030-12-19" }, network.Staff());
        network.Clock.Now = MemberSeeding.Now.AddDays(120);
        var schedule = await phases.StartPhaseAsync(new StartPhaseRequest { Phase = "action-learning", StartsOn = "2031-01-06" }, network.Staff());

        Assert.Equal("action-learning", schedule.CurrentPhase);
        Assert.Equal([("discovery", "2030-09-01", "2030-12-19"), ("action-learning", "2031-01-06", "")], schedule.Phases.Select(p => (p.Phase, p.StartsOn, p.EndsOn)));
        foreach (var who in new[] { network.MemberOf("ADU"), network.As("partner-1", Roles.Partner), network.As("applicant-ADU", Roles.Applicant, "ADU") })
        {
            Assert.Equal("action-learning", (await phases.GetPhasesAsync(new GetPhasesRequest(), who)).CurrentPhase);
        }

        var events = await started.WaitForAsync<PhaseStarted>(2);
        Assert.Equal([("discovery", new DateOnly(2030, 9, 1), (DateOnly?)new DateOnly(2030, 12, 19)), ("action-learning", new DateOnly(2031, 1, 6), null)], events.Select(e => (e.Phase, e.StartsOn, e.EndsOn)));
    }

    [Fact]
    public async Task Only_staff_start_phases_and_bad_phases_and_dates_are_refused_by_field()
    {
        await using var network = await MemberSeeding.StartNetworkAsync(infrastructure);
        var phases = network.Client<PhaseService.PhaseServiceClient>();

        var anonymous = await Assert.ThrowsAsync<RpcException>(() => phases.GetPhasesAsync(new GetPhasesRequest()).ResponseAsync);
        var member = await Assert.ThrowsAsync<RpcException>(() => phases.StartPhaseAsync(new StartPhaseRequest { Phase = "discovery", StartsOn = "2030-09-01" }, network.MemberOf("ADU")).ResponseAsync);
        var bad = await Assert.ThrowsAsync<RpcException>(() => phases.StartPhaseAsync(new StartPhaseRequest { Phase = "party", StartsOn = "1 Sept" }, network.Staff()).ResponseAsync);
        var backwards = await Assert.ThrowsAsync<RpcException>(() => phases.StartPhaseAsync(new StartPhaseRequest { Phase = "sharing", StartsOn = "2031-06-01", EndsOn = "2031-05-01" }, network.Staff()).ResponseAsync);
        await phases.StartPhaseAsync(new StartPhaseRequest { Phase = "discovery", StartsOn = "2030-09-01" }, network.Staff());
        var twice = await Assert.ThrowsAsync<RpcException>(() => phases.StartPhaseAsync(new StartPhaseRequest { Phase = "discovery", StartsOn = "2030-09-02" }, network.Staff()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, member.StatusCode);
        Assert.Equal(["starts_on"], bad.GetFieldViolations().Select(v => v.Field));
        Assert.Equal(["ends_on"], backwards.GetFieldViolations().Select(v => v.Field));
        Assert.Equal(StatusCode.FailedPrecondition, twice.StatusCode);
        var unknownPhase = await Assert.ThrowsAsync<RpcException>(() => phases.StartPhaseAsync(new StartPhaseRequest { Phase = "party", StartsOn = "2030-09-01" }, network.Staff()).ResponseAsync);
        Assert.Equal(["phase"], unknownPhase.GetFieldViolations().Select(v => v.Field));
        Assert.Equal("2030-09-01", (await phases.GetPhasesAsync(new GetPhasesRequest(), network.Staff())).Phases.Single().StartsOn);
    }

    [Fact]
    public async Task Staff_add_and_list_partners_and_insights_hears_of_each_and_nobody_else_sees_them()
    {
        var broker = await infrastructure.Shared.CreateVirtualHostAsync("partners");
        await using var added = await EventTap.StartAsync<PartnerAdded>(broker);
        await using var network = await MemberSeeding.StartNetworkAsync(infrastructure, broker);
        var partners = network.Client<PartnerService.PartnerServiceClient>();

        await partners.AddPartnerAsync(new AddPartnerRequest { Name = "Nesta", Kind = "delivery-partner" }, network.Staff());
        await partners.AddPartnerAsync(new AddPartnerRequest { Name = "A Foundation", Kind = "funder" }, network.Staff());
        var duplicate = await Assert.ThrowsAsync<RpcException>(() => partners.AddPartnerAsync(new AddPartnerRequest { Name = "Nesta", Kind = "funder" }, network.Staff()).ResponseAsync);
        var badKind = await Assert.ThrowsAsync<RpcException>(() => partners.AddPartnerAsync(new AddPartnerRequest { Name = "X", Kind = "friend" }, network.Staff()).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, duplicate.StatusCode);
        Assert.Equal("kind", Assert.Single(badKind.GetFieldViolations()).Field);
        Assert.Equal([("A Foundation", "funder"), ("Nesta", "delivery-partner")], (await partners.ListPartnersAsync(new ListPartnersRequest(), network.Staff())).Partners.Select(p => (p.Name, p.Kind)));
        // Each once; the outbox relay does not promise their order.
        Assert.Equal(["A Foundation", "Nesta"], (await added.WaitForAsync<PartnerAdded>(2)).Select(e => e.Name).Order());
        foreach (var (who, expected) in network.Outsiders("ADU", "ADU"))
        {
            Assert.Equal(expected, (await Assert.ThrowsAsync<RpcException>(() => partners.ListPartnersAsync(new ListPartnersRequest(), who).ResponseAsync)).StatusCode);
            Assert.Equal(expected, (await Assert.ThrowsAsync<RpcException>(() => partners.AddPartnerAsync(new AddPartnerRequest { Name = "Y", Kind = "funder" }, who).ResponseAsync)).StatusCode);
        }
    }
}
