using Grpc.Core;
using Upstream.Domain.Time;
using Upstream.Network.Hosting;
using Upstream.Network.V1;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Integration.Tests.Network.Workgroups;

/// <summary>
/// A hosted Network service with three current member councils (Bristol, Adur, Cornwall) and one that has left
/// (Dorset), and the callers the workgroup tests act as.
/// </summary>
internal sealed class WorkgroupStage : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = ProgrammeTime.ToInstant(new DateTime(2030, 10, 1, 10, 0, 0));

    private WorkgroupStage(ServiceHost host) => Host = host;

    public ServiceHost Host { get; }

    public WorkgroupService.WorkgroupServiceClient Workgroups => Host.Client<WorkgroupService.WorkgroupServiceClient>();

    public Metadata Staff => Host.As("staff-1", Roles.Staff);

    public Metadata Bristol => Host.As("member-bristol", Roles.Member, "BRI");

    public Metadata Adur => Host.As("member-adur", Roles.Member, "ADU");

    public Metadata Cornwall => Host.As("member-cornwall", Roles.Member, "CON");

    public Metadata Partner => Host.As("partner-1", Roles.Partner);

    public Metadata Applicant => Host.As("applicant-york", Roles.Applicant, "YOR");

    public static async Task<WorkgroupStage> StartAsync(InfrastructureFixture infrastructure)
    {
        var host = await ServiceHost.StartAsync(infrastructure.Shared, "network", NetworkApp.Build, Now);
        await NetworkMembers.JoinAsync(host, "BRI", "Bristol City Council");
        await NetworkMembers.JoinAsync(host, "ADU", "Adur District Council", "South East");
        await NetworkMembers.JoinAsync(host, "CON", "Cornwall Council");
        await NetworkMembers.JoinAsync(host, "DOR", "Dorset Council");
        await NetworkMembers.LeaveAsync(host, "DOR");
        return new WorkgroupStage(host);
    }

    /// <summary>Bristol's member forms "Early help together", which Bristol leads.</summary>
    public async Task<Workgroup> FormAsync(string theme = "Prevention", Metadata? by = null) =>
        await Workgroups.FormWorkgroupAsync(Form(theme), by ?? Bristol);

    public static WorkgroupFormRequest Form(string theme = "Prevention", string lead = "BRI") => new()
    {
        Name = "Early help together",
        Theme = theme,
        LeadCouncilCode = lead,
        LearningProduct = new LearningProductCommitment { Description = "A commissioning toolkit for early help", DueOn = "2031-03-31" },
    };

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
