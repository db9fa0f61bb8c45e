using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Aspire.Hosting.Testing;
using Grpc.Net.Client;
using Upstream.Applications.V1;
using Upstream.Domain.Time;
using Upstream.Grants.V1;
using Upstream.Insights.V1;
using Upstream.Network.V1;
using Upstream.ServiceDefaults.Identity;
using Upstream.Testing.Applications;

namespace Upstream.EndToEnd.Tests;

/// <summary>The programme's hand-overs, as staff and councils make them through the gateway's gRPC endpoint.</summary>
public sealed partial class AppHostTests
{
    [Fact, Step(3)]
    public async Task A_cohort_confirmed_through_the_gateway_makes_its_councils_members_of_the_network()
    {
        using var channel = GrpcChannel.ForAddress(host.App.GetEndpoint("gateway", "grpc"));
        var staff = await CallerAsync("e2e-staff", Roles.Staff);
        var calls = new CallService.CallServiceClient(channel);
        var applications = new ApplicationService.ApplicationServiceClient(channel);

        // A call open now and closing within two minutes (London wall times are whole minutes): the real clock runs here.
        var now = ProgrammeTime.ToLondon(DateTimeOffset.UtcNow);
        var closes = now.AddSeconds(-now.Second).AddMinutes(2);
        var details = SampleRequests.Call("End-to-end call " + Guid.NewGuid().ToString("N")[..8], cohortSize: 2);
        details.OpensLondon = Wall(now.AddHours(-1));
        details.ClosesLondon = Wall(closes);
        details.DecisionsBy = closes.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var call = await calls.DraftCallAsync(new DraftCallRequest { Details = details }, staff);
        await calls.PublishCallAsync(new PublishCallRequest { CallId = call.Id }, staff);

        foreach (var (council, score) in new[] { ("ADU", 9), ("ABE", 4), ("BIR", 7) })
        {
            var applicant = await CallerAsync("e2e-applicant-" + council, Roles.Applicant, council);
            var started = await applications.StartApplicationAsync(new StartApplicationRequest { CallId = call.Id, LeadCouncilCode = council, Draft = SampleRequests.Draft() }, applicant);
            await applications.SubmitApplicationAsync(new SubmitApplicationRequest { ApplicationId = started.Id }, applicant);
            var review = new ScoreApplicationRequest { ApplicationId = started.Id };
            review.Scores.Add("upstream", score);
            await new ReviewService.ReviewServiceClient(channel).ScoreApplicationAsync(review, staff);
            await applications.ShortlistApplicationAsync(new ShortlistApplicationRequest { ApplicationId = started.Id }, staff);
        }

        var closesAt = ProgrammeTime.ToInstant(closes);
        await Task.Delay(closesAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1));

        // The confirmation in a trace of our own choosing, so the dashboard step can open exactly it.
        var cohorts = new CohortService.CohortServiceClient(channel);
        var proposal = await cohorts.ProposeCohortAsync(new ProposeCohortRequest { CallId = call.Id }, staff);
        var traceId = ActivityTraceId.CreateRandom();
        var traced = new Metadata { { "authorization", staff.GetValue("authorization")! }, { "traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01" } };
        var decision = await cohorts.ConfirmCohortAsync(new ConfirmCohortRequest { CallId = call.Id, ProposalId = proposal.Id }, traced);
        host.CohortTrace = traceId;
        Assert.Equal(["ADU", "BIR"], decision.Selected.Select(a => a.LeadCouncilCode).Order());

        // The Network service hears it over RabbitMQ: exactly the selected councils become members, with their contacts.
        var members = new MemberService.MemberServiceClient(channel);
        var joined = await EventuallyAsync(
            async () => (await members.ListMembersAsync(new ListMembersRequest(), staff)).Members,
            found => found.Count >= 2);
        Assert.Equal(["ADU", "BIR"], joined.Select(m => m.CouncilCode).Order());
        Assert.Equal("Adur District Council", joined.Single(m => m.CouncilCode == "ADU").CouncilName);
    }

    [Fact, Step(4)]
    public async Task A_new_member_bids_to_the_experimentation_fund_and_staff_award_it()
    {
        using var channel = GrpcChannel.ForAddress(host.App.GetEndpoint("gateway", "grpc"));
        var staff = await CallerAsync("e2e-staff", Roles.Staff);
        var adur = await CallerAsync("e2e-member-ADU", Roles.Member, "ADU");
        var now = ProgrammeTime.ToLondon(DateTimeOffset.UtcNow);
        var fund = await new FundService.FundServiceClient(channel).CreateFundAsync(
            new CreateFundRequest { Details = new FundDetails { Name = "Experimentation fund", TotalPence = 10_000_000, OpensAt = Wall(now.AddHours(-1)), ClosesAt = Wall(now.AddDays(30)) } },
            staff);

        // Grants learnt of Adur's membership from Network's MemberJoined; until it has, Adur is refused as a non-member.
        var requests = new GrantRequestService.GrantRequestServiceClient(channel);
        var draft = await EventuallyAsync(
            async () =>
            {
                try
                {
                    return await requests.DraftGrantRequestAsync(new DraftGrantRequestRequest { FundId = fund.FundId, Details = GrantDetails(now) }, adur);
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
                {
                    return null;
                }
            },
            drafted => drafted is not null);
        await requests.SubmitGrantRequestAsync(new SubmitGrantRequestRequest { RequestId = draft!.RequestId }, adur);
        var assessments = new AssessmentService.AssessmentServiceClient(channel);
        await assessments.AssignAssessorAsync(new AssignAssessorRequest { RequestId = draft.RequestId, Assessor = "e2e-staff" }, staff);

        var traceId = ActivityTraceId.CreateRandom();
        var traced = new Metadata { { "authorization", staff.GetValue("authorization")! }, { "traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01" } };
        var award = new AwardGrantRequest { RequestId = draft.RequestId, Reason = "Strong design; results others can reuse." };
        award.Conditions.Add("Share the templates under an open licence.");
        award.ReportDueDates.Add(DateOnly.FromDateTime(now).AddMonths(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var grant = await assessments.AwardGrantAsync(award, traced);
        host.GrantTrace = traceId;
        Assert.Equal("ADU", grant.LeadCouncilCode);

        // Insights hears of the award over the broker: the programme at a glance counts it (and the next step counts
        // from here).
        var insights = new ProgrammeService.ProgrammeServiceClient(channel);
        var glance = await EventuallyAsync(
            () => insights.GetProgrammeAtAGlanceAsync(new GetProgrammeAtAGlanceRequest(), staff).ResponseAsync,
            g => g.AwardedPence >= grant.AwardedPence);
        Assert.Equal((1, grant.AwardedPence), (glance.GrantsAwarded, glance.AwardedPence));
    }

    /// <summary>Asks again until the answer is what is expected (events take their time), or 60 s pass.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            value = await read();
        }

        return value;
    }

    private static GrantRequestDetails GrantDetails(DateTime londonNow)
    {
        var details = new GrantRequestDetails
        {
            Title = "Text nudges before council tax arrears",
            Tests = "Whether a friendly text a week before the due date reduces arrears among first-time payers.",
            Purpose = "evidence",
            WiderBenefit = "A randomised result and the message templates any council can reuse.",
            PlannedStart = DateOnly.FromDateTime(londonNow).AddMonths(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            PlannedEnd = DateOnly.FromDateTime(londonNow).AddMonths(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            AmountPence = 1_500_000,
            Contact = new RequestContact { Name = "Alex Example", Email = "alex@example.gov.uk" },
        };
        details.BudgetLines.Add(new BudgetLine { Description = "Evaluation partner", AmountPence = 1_300_000 });
        details.BudgetLines.Add(new BudgetLine { Description = "Text messages", AmountPence = 200_000 });
        return details;
    }

    private async Task<Metadata> CallerAsync(string subject, string role, string? council = null) =>
        new() { { "authorization", "Bearer " + await host.TokenAsync(subject, role, council) } };

    private static string Wall(DateTime london) => london.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
