using Grpc.Core;
using Upstream.Applications.V1;
using Upstream.Contracts.Applications;
using Upstream.Integration.Tests.Applications;
using Upstream.Network.Hosting;
using Upstream.Network.V1;
using Upstream.ServiceDefaults.Identity;
using Upstream.Testing.Applications;
using Upstream.Domain.Time;

namespace Upstream.Integration.Tests.Network.Members;

/// <summary>
/// Puts member councils into a Network service the way production does: an ApplicationSelected on the real broker
/// (published here as Applications' relay would, or by confirming a real cohort in Applications).
/// </summary>
internal static class MemberSeeding
{
    public static readonly DateTimeOffset Now = ProgrammeTime.ToInstant(new DateTime(2030, 9, 1, 9, 0, 0));

    /// <summary>The Network service, ready: its queues are bound once /health answers, so nothing published is lost.</summary>
    public static async Task<ServiceHost> StartNetworkAsync(InfrastructureFixture infrastructure, string? broker = null, TestClock? clock = null)
    {
        var network = await ServiceHost.StartAsync(infrastructure.Shared, "network", NetworkApp.Build, Now, broker, clock);
        await Eventually.ReturnsAsync(async () => (await network.Http.GetAsync("/health")).IsSuccessStatusCode, ready => ready, "the network to be ready");
        return network;
    }

    public static Metadata Staff(this ServiceHost host) => host.As("staff-1", Roles.Staff);

    public static Metadata MemberOf(this ServiceHost host, string council) => host.As("member-" + council, Roles.Member, council);

    /// <summary>
    /// Everyone who is not staff and not a member of <paramref name="council"/> (a member of <paramref name="otherCouncil"/>,
    /// a partner, an applicant of the council, nobody signed in), with the status each must get.
    /// </summary>
    public static (Metadata? Who, StatusCode Expected)[] Outsiders(this ServiceHost host, string council, string otherCouncil) =>
    [
        (host.MemberOf(otherCouncil), StatusCode.PermissionDenied),
        (host.As("partner-1", Roles.Partner), StatusCode.PermissionDenied),
        (host.As("applicant-" + council, Roles.Applicant, council), StatusCode.PermissionDenied),
        (null, StatusCode.Unauthenticated),
    ];

    /// <summary>A selection as Applications publishes it, with two contacts unless others are given.</summary>
    public static ApplicationSelected Selection(
        string code, string name = "A Council", string region = "London", string[]? characters = null, string stage = "early",
        string serviceArea = "Children's services", string title = "Early help", CouncilContact[]? contacts = null) =>
        new(
            Guid.NewGuid(), Now, Guid.NewGuid(), Guid.NewGuid(), code, name, region, characters ?? ["urban"],
            new SelectedInitiative(title, "Summary", "Problem", serviceArea, stage),
            contacts ?? [new CouncilContact("Alex " + code, "Lead", $"alex@{code.ToLowerInvariant()}.gov.uk"), new CouncilContact("Sam " + code, "Deputy", $"sam@{code.ToLowerInvariant()}.gov.uk")],
            [],
            "Chosen on score");

    /// <summary>Publishes the selection and waits until the council is a current member from that application.</summary>
    public static async Task<Upstream.Network.V1.Member> SelectAsync(this ServiceHost network, ApplicationSelected selected)
    {
        await network.PublishAsync(selected);
        var members = network.Client<MemberService.MemberServiceClient>();
        return (await Eventually.ReturnsAsync(
            async () => (await members.ListMembersAsync(new ListMembersRequest(), network.Staff())).Members.FirstOrDefault(m => m.CouncilCode == selected.CouncilCode.ToUpperInvariant() && m.Current),
            m => m is not null,
            $"{selected.CouncilCode} to become a member"))!;
    }

    /// <summary>
    /// A real cohort in Applications: one reviewed, shortlisted application per council (score each), then staff propose
    /// and confirm the top <paramref name="cohortSize"/>. Returns each council's application id.
    /// </summary>
    public static async Task<Dictionary<string, string>> ConfirmCohortAsync(ApplicationsHost service, int cohortSize, params (string Council, int Score)[] councils)
    {
        var staff = service.As("staff-1", Roles.Staff);
        var opens = ApplicationsApiTests.Opens;
        service.Clock.Now = opens.AddDays(-10);
        var call = await service.Calls.DraftCallAsync(new DraftCallRequest { Details = SampleRequests.Call("Upstream Collaborative 2030", cohortSize) }, staff);
        await service.Calls.PublishCallAsync(new PublishCallRequest { CallId = call.Id }, staff);
        service.Clock.Now = opens.AddDays(1);
        var ids = new Dictionary<string, string>();
        foreach (var (council, score) in councils)
        {
            ids[council] = (await service.ShortlistedAsync(call.Id, council, score, staff)).Id;
        }

        service.Clock.Now = ProgrammeTime.ToInstant(new DateTime(2030, 7, 16, 9, 0, 0));
        var proposal = await service.Cohorts.ProposeCohortAsync(new ProposeCohortRequest { CallId = call.Id }, staff);
        await service.Cohorts.ConfirmCohortAsync(new ConfirmCohortRequest { CallId = call.Id, ProposalId = proposal.Id }, staff);
        return ids;
    }
}
