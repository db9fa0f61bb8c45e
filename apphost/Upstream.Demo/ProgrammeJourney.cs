using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Upstream.Applications.V1;
using Upstream.Domain.Time;
using Upstream.Network.V1;

namespace Upstream.Demo;

/// <summary>
/// The programme from the call for ideas to published insight, driven through the gateway's gRPC endpoint with each
/// role's own token, exactly as their tools would: nothing is written to a database directly, and every hand-over
/// between services happens over the broker as it does in use. Run twice, it finds its call and adds nothing.
/// </summary>
/// <param name="gateway">A channel to the gateway's gRPC endpoint.</param>
/// <param name="progress">Where each stage is told (the demo prints it; the test logs it).</param>
public sealed partial class ProgrammeJourney(GrpcChannel gateway, JourneyCallers callers, IProgress<string> progress, JourneyOptions? options = null)
{
    /// <summary>How the demo's call is recognised on a second run.</summary>
    public const string CallTitle = "Upstream Collaborative: call for ideas";

    private readonly JourneyOptions _options = options ?? new JourneyOptions();

    /// <summary>Runs the journey; null when the demo's call is already there (nothing is added).</summary>
    public async Task<JourneyResult?> RunAsync(CancellationToken cancellationToken)
    {
        var existing = (await new CallService.CallServiceClient(gateway).ListCallsAsync(new ListCallsRequest(), cancellationToken: cancellationToken)).Calls
            .FirstOrDefault(c => c.Title == CallTitle);
        if (existing is not null)
        {
            progress.Report($"The demo programme is already there (call {existing.Id}, {existing.State}); nothing added.");
            return null;
        }

        var webhook = await SubscribePartnerAsync(cancellationToken);
        var selection = await SelectCohortAsync(cancellationToken);
        var network = await BuildNetworkAsync(selection.Cohort, cancellationToken);
        var events = await HoldEventsAsync(selection.Events, network, cancellationToken);
        var grants = await FundExperimentsAsync(selection.Cohort, cancellationToken);
        var insight = await PublishInsightAsync(cancellationToken);
        progress.Report("The demo programme is in place.");
        return new JourneyResult
        {
            CallId = selection.CallId,
            ApplicationIds = selection.ApplicationIds,
            Ineligible = selection.Ineligible,
            Cohort = selection.Cohort,
            CohortTrace = selection.Trace,
            ResidentialId = selection.Events.ResidentialId,
            RoundtableIds = selection.Events.RoundtableIds,
            Attendances = events.Attendances,
            PaidClaimIds = events.PaidClaimIds,
            WorkgroupIds = network.WorkgroupIds,
            Findings = network.Findings,
            FindingTrace = network.FindingTrace,
            FundId = grants.FundId,
            GrantIds = grants.GrantIds,
            ReportedGrantId = grants.ReportedGrantId,
            PublishedIds = insight.PublishedIds,
            DraftId = insight.DraftId,
            PublicationTrace = insight.Trace,
            WebhookSubscriptionId = webhook?.SubscriptionId,
            WebhookSecret = webhook?.Secret,
        };
    }

    /// <summary>Asks again until the answer is what is expected: the services hear each other over the broker, a moment later.</summary>
    private async Task<T> EventuallyAsync<T>(string what, Func<Task<T>> read, Func<T, bool> done, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + _options.HandOverTimeout;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {_options.HandOverTimeout.TotalSeconds:0} s for {what}.");
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    private static DateTime LondonNow => ProgrammeTime.ToLondon(DateTimeOffset.UtcNow);

    private static string Wall(DateTime london) => london.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static string Day(DateTime london) => london.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<IReadOnlySet<string>> CurrentMembersAsync(MemberService.MemberServiceClient members, Metadata staff, CancellationToken cancellationToken) =>
        (await members.ListMembersAsync(new ListMembersRequest(), staff, cancellationToken: cancellationToken)).Members.Select(m => m.CouncilCode).ToHashSet();
}

/// <param name="Applications">How many councils apply.</param>
/// <param name="CohortSize">How many are chosen.</param>
/// <param name="WebhookReceiver">A partner's receiver to subscribe before anything is published (staff allow its host first).</param>
public sealed record JourneyOptions(int Applications = 60, int CohortSize = 20, Uri? WebhookReceiver = null)
{
    /// <summary>How long a hand-over over the broker may take before the journey gives up.</summary>
    public TimeSpan HandOverTimeout { get; init; } = TimeSpan.FromSeconds(90);
}
