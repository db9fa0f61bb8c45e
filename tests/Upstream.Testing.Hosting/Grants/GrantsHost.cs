using Grpc.Core;
using Upstream.Contracts;
using Upstream.Contracts.Grants;
using Upstream.Contracts.Network;
using Upstream.Domain.Time;
using Upstream.Grants.Hosting;
using Upstream.Grants.V1;
using Upstream.Testing.Hosting;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Testing.Grants;

/// <summary>
/// The Grants service on a <see cref="ServiceHost"/>, with its typed clients, callers by role, and the steps most
/// tests start from: councils joining the network (as Network would announce it, over the broker), an open fund,
/// a request under assessment.
/// </summary>
public sealed class GrantsHost : IAsyncDisposable
{
    /// <summary>A Monday in March 2026, 10:00 in London: inside <see cref="Opens"/>..<see cref="Closes"/>.</summary>
    public static readonly DateTimeOffset Now = ProgrammeTime.ToInstant(new DateTime(2026, 3, 2, 10, 0, 0));
    public static readonly DateTimeOffset Opens = ProgrammeTime.ToInstant(new DateTime(2026, 3, 1, 9, 0, 0));
    public static readonly DateTimeOffset Closes = ProgrammeTime.ToInstant(new DateTime(2026, 4, 1, 12, 0, 0));

    private GrantsHost(ServiceHost host) => Host = host;

    public ServiceHost Host { get; }

    /// <summary>The connection string the service uses.</summary>
    public string Database => Host.Database;

    public TestClock Clock => Host.Clock;

    public FundService.FundServiceClient Funds => Host.Client<FundService.FundServiceClient>();

    public GrantRequestService.GrantRequestServiceClient Requests => Host.Client<GrantRequestService.GrantRequestServiceClient>();

    public AssessmentService.AssessmentServiceClient Assessments => Host.Client<AssessmentService.AssessmentServiceClient>();

    public GrantService.GrantServiceClient Grants => Host.Client<GrantService.GrantServiceClient>();

    public Metadata Staff => Host.As("staff-1", Roles.Staff);

    public Metadata Partner => Host.As("partner-1", Roles.Partner);

    /// <param name="maximumPoolSize">The service's database connections: the machine is small and shared.</param>
    /// <param name="settings">Configuration over the test host's (a benchmark restores production timings).</param>
    public static async Task<GrantsHost> StartAsync(SharedInfrastructure infrastructure, string? broker = null, int maximumPoolSize = ServiceHost.DefaultPoolSize, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var host = await ServiceHost.StartAsync(infrastructure, "grants", GrantsApp.Build, Now, broker, settings: settings, maximumPoolSize: maximumPoolSize);

        return new GrantsHost(host);
    }

    /// <summary>Stands where Grants' consumers will (Insights, Network): a queue on the broker bound to every Grants event.</summary>
    public static Task<EventTap> TapAsync(string broker) => EventTap.StartAsync(
        broker,
        "grant-events",
        EventTap.Of<GrantRequested>(),
        EventTap.Of<GrantAwarded>(),
        EventTap.Of<GrantDeclined>(),
        EventTap.Of<GrantPaid>(),
        EventTap.Of<GrantReportSubmitted>());

    public Metadata Member(string council, string subject = "member-1") => Host.As($"{subject}-{council}", Roles.Member, council);

    /// <summary>Announces the councils as members the way Network does, and waits until Grants has heard.</summary>
    public async Task JoinAsync(params (string Code, string Name, string Gss)[] councils)
    {
        foreach (var (code, name, gss) in councils)
        {
            await PublishAsync(new MemberJoined(Guid.NewGuid(), Clock.Now, Guid.NewGuid(), code, name, "Region", "Metropolitan district", gss, ["urban"], "Initiative", [], false));
        }

        await Eventually.ReturnsAsync(
            () => CountAsync($"SELECT count(*) FROM member_councils WHERE current AND council_code IN ({string.Join(", ", councils.Select(c => $"'{c.Code}'"))})"),
            n => n == councils.Length,
            "Grants to hear the councils joined");
    }

    public Task PublishAsync<TEvent>(TEvent integrationEvent)
        where TEvent : class, IIntegrationEvent => Host.PublishAsync(integrationEvent);

    public Task<long> CountAsync(string sql) => Host.CountAsync(sql);

    public async Task<Fund> OpenFundAsync(long totalPence = 10_000_000, string name = "Experimentation fund")
    {
        var details = new FundDetails { Name = name, TotalPence = totalPence, OpensAt = "2026-03-01T09:00", ClosesAt = "2026-04-01T12:00" };
        return await Funds.CreateFundAsync(new CreateFundRequest { Details = details }, Staff);
    }

    public static GrantRequestDetails Details(long amountPence = 1_500_000, params string[] partners)
    {
        var details = new GrantRequestDetails
        {
            Title = "Text nudges before council tax arrears",
            Tests = "Whether a friendly text a week before the due date reduces arrears among first-time payers.",
            Purpose = "evidence",
            WiderBenefit = "A randomised result and the message templates any council can reuse.",
            PlannedStart = "2026-05-01",
            PlannedEnd = "2026-10-31",
            AmountPence = amountPence,
            Contact = new RequestContact { Name = "Ada Lovelace", Email = "ada@example.gov.uk" },
        };
        details.PartnerCouncilCodes.AddRange(partners);
        details.BudgetLines.Add(new BudgetLine { Description = "Evaluation partner", AmountPence = amountPence - 200_000 });
        details.BudgetLines.Add(new BudgetLine { Description = "Text messages", AmountPence = 200_000 });
        return details;
    }

    public async Task<GrantRequest> SubmittedAsync(Fund fund, string council, long amountPence = 1_500_000, params string[] partners)
    {
        var member = Member(council);
        var draft = await Requests.DraftGrantRequestAsync(new DraftGrantRequestRequest { FundId = fund.FundId, Details = Details(amountPence, partners) }, member);
        return await Requests.SubmitGrantRequestAsync(new SubmitGrantRequestRequest { RequestId = draft.RequestId }, member);
    }

    /// <summary>Submitted, with staff-1 assigned (no council), so it is under assessment and can be decided.</summary>
    public async Task<GrantRequest> UnderAssessmentAsync(Fund fund, string council, long amountPence = 1_500_000)
    {
        var request = await SubmittedAsync(fund, council, amountPence);
        await Assessments.AssignAssessorAsync(new AssignAssessorRequest { RequestId = request.RequestId, Assessor = "staff-1" }, Staff);
        return request;
    }

    public static AwardGrantRequest Award(string requestId, long amountPence = 0)
    {
        var award = new AwardGrantRequest { RequestId = requestId, AmountPence = amountPence, Reason = "Strong design; results others can reuse." };
        award.Conditions.Add("Share the templates under an open licence.");
        award.ReportDueDates.Add("2026-11-30");
        return award;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
