using Grpc.Core;
using Upstream.Applications.Hosting;
using Upstream.Applications.V1;
using Upstream.ServiceDefaults.Identity;
using Upstream.Testing.Applications;

namespace Upstream.Integration.Tests.Applications;

/// <summary>The Applications service on a <see cref="ServiceHost"/>, with its typed clients by name.</summary>
public sealed class ApplicationsHost : IAsyncDisposable
{
    private ApplicationsHost(ServiceHost host) => Host = host;

    public ServiceHost Host { get; }

    public TestClock Clock => Host.Clock;

    /// <summary>The http endpoint: REST (JSON transcoding), /health and /alive.</summary>
    public HttpClient Http => Host.Http;

    public Uri GrpcAddress => Host.GrpcAddress;

    /// <summary>The connection string of the service's own database.</summary>
    public string Database => Host.Database;

    public IServiceProvider Services => Host.Services;

    public CallService.CallServiceClient Calls => Host.Client<CallService.CallServiceClient>();

    public ApplicationService.ApplicationServiceClient Applications => Host.Client<ApplicationService.ApplicationServiceClient>();

    public TransferService.TransferServiceClient Transfer => Host.Client<TransferService.TransferServiceClient>();

    public ReviewService.ReviewServiceClient Reviews => Host.Client<ReviewService.ReviewServiceClient>();

    public CohortService.CohortServiceClient Cohorts => Host.Client<CohortService.CohortServiceClient>();

    public static async Task<ApplicationsHost> StartAsync(InfrastructureFixture infrastructure, DateTimeOffset now, string? broker = null, TestClock? clock = null) =>
        new(await ServiceHost.StartAsync(infrastructure.Shared, "applications", ApplicationsApp.Build, now, broker, clock));

    public Metadata As(string subject, string role, string? council = null) => Host.As(subject, role, council);

    public string Token(string subject, string role, string? council = null) => Host.Token(subject, role, council);

    /// <summary>A published call, opened for applications at the sample opening time.</summary>
    public async Task<Call> OpenCallAsync(Metadata staff)
    {
        var now = Clock.Now;
        Clock.Now = ApplicationsApiTests.Opens.AddDays(-10);
        var call = await Calls.DraftCallAsync(new DraftCallRequest { Details = SampleRequests.Call("Upstream Collaborative 2030") }, staff);
        await Calls.PublishCallAsync(new PublishCallRequest { CallId = call.Id }, staff);
        Clock.Now = now;
        return call;
    }

    /// <summary>The council's application to the call, submitted by its applicant, scored by staff and shortlisted.</summary>
    public async Task<Application> ShortlistedAsync(string callId, string council, int score, Metadata staff)
    {
        var applicant = As("applicant-" + council, Roles.Applicant, council);
        var started = await Applications.StartApplicationAsync(new StartApplicationRequest { CallId = callId, LeadCouncilCode = council, Draft = SampleRequests.Draft() }, applicant);
        await Applications.SubmitApplicationAsync(new SubmitApplicationRequest { ApplicationId = started.Id }, applicant);
        var review = new ScoreApplicationRequest { ApplicationId = started.Id };
        review.Scores.Add("upstream", score);
        await Reviews.ScoreApplicationAsync(review, staff);
        return await Applications.ShortlistApplicationAsync(new ShortlistApplicationRequest { ApplicationId = started.Id }, staff);
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
