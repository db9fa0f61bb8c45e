using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using StandardWebhooks;
using Upstream.Applications.V1;
using Upstream.Demo;
using Upstream.Events.V1;
using Upstream.Grants.V1;
using Upstream.Insights.V1;
using Upstream.Testing.Grants;
using Upstream.Testing.Insights;
using Upstream.Network.V1;

namespace Upstream.EndToEnd.Tests;

/// <summary>
/// ProgrammeJourneyTests: the whole programme, driven by the same journey `run.sh --demo` runs, through the gateway with
/// each role's token; then what each hand-over left for the next person to notice, and what each role may not do.
/// A step of the one app host's walk, after the cohort and grant steps and before the dashboard step that opens its traces.
/// </summary>
public sealed partial class AppHostTests
{
    [Fact, Step(5)]
    public async Task The_programme_journey_runs_from_call_to_published_insight_and_each_role_sees_only_what_it_may()
    {
        using var channel = GrpcChannel.ForAddress(host.App.GetEndpoint("gateway", "grpc"));
        await using var receiver = await WebhookReceiver.StartAsync();
        var callers = new JourneyCallers(await host.IssuerAsync());
        var journey = new ProgrammeJourney(channel, callers, new JourneyProgress(output.WriteLine), new JourneyOptions(WebhookReceiver: new Uri(receiver.Url)));

        // The programme at a glance counts the whole programme, the earlier steps' grant too: the journey adds to it.
        var insights = new ProgrammeService.ProgrammeServiceClient(channel);
        var before = await insights.GetProgrammeAtAGlanceAsync(new GetProgrammeAtAGlanceRequest(), callers.Staff);

        var result = await journey.RunAsync(CancellationToken.None) ?? throw new InvalidOperationException("The journey found its call already there.");
        host.PublicationTrace = result.PublicationTrace;
        host.FindingTrace = result.FindingTrace;

        // Applications: screening, three reviewers, and a cohort of twenty meeting the call's quotas.
        var applications = new ApplicationService.ApplicationServiceClient(channel);
        var call = await new CallService.CallServiceClient(channel).GetCallAsync(new GetCallRequest { CallId = result.CallId });
        Assert.Equal((60, CallState.Decided), (result.ApplicationIds.Count, call.State));
        var ineligible = await applications.GetApplicationAsync(new GetApplicationRequest { ApplicationId = result.ApplicationIds[result.Ineligible[0]] }, callers.Staff);
        Assert.Equal(ApplicationState.Ineligible, ineligible.State);
        Assert.Contains("No budget assigned to the initiative.", ineligible.IneligibilityReasons);
        // Read as one of the three (reviews are blind until the reader has reviewed).
        var reviews = await new ReviewService.ReviewServiceClient(channel).ListReviewsAsync(new ListReviewsRequest { ApplicationId = result.ApplicationIds[result.Cohort[0]] }, callers.Reviewer(1));
        Assert.Equal(["demo-reviewer-1", "demo-reviewer-2", "demo-reviewer-3"], reviews.Reviews.Select(r => r.Reviewer).Order());
        var selected = (await applications.ListApplicationsAsync(new ListApplicationsRequest { CallId = result.CallId, States = { ApplicationState.Selected } }, callers.Staff)).Applications;
        Assert.Equal(result.Cohort, selected.Select(a => a.LeadCouncilCode).Order(StringComparer.Ordinal));
        Assert.Equal(20, selected.Count);
        foreach (var quota in call.Quotas.Regions)
        {
            Assert.InRange(selected.Count(a => a.Region == quota.Region), quota.Minimum, quota.Maximum);
        }

        foreach (var quota in call.Quotas.Characters)
        {
            Assert.True(selected.Count(a => a.Initiative.AreaCharacters.Contains(quota.Character)) >= quota.Minimum, $"At least {quota.Minimum} {quota.Character}");
        }

        // Network made them members with two delegates each; Events invited every one of them to the residential.
        var members = (await new MemberService.MemberServiceClient(channel).ListMembersAsync(new ListMembersRequest(), callers.Staff)).Members.ToDictionary(m => m.CouncilCode);
        Assert.All(result.Cohort, code => Assert.Equal((code, 2), (code, members[code].DelegatePersonIds.Count)));
        var programmeEvents = new ProgrammeEventService.ProgrammeEventServiceClient(channel);
        var invited = (await programmeEvents.ListEventInvitationsAsync(new ListEventInvitationsRequest { ProgrammeEventId = result.ResidentialId }, callers.Staff)).Invitations.Select(i => i.CouncilCode).ToHashSet();
        Assert.Superset(result.Cohort.ToHashSet(), invited);

        // Registered, attended, claimed and paid.
        var residential = await programmeEvents.GetProgrammeEventAsync(new GetProgrammeEventRequest { ProgrammeEventId = result.ResidentialId }, callers.Staff);
        Assert.Equal(24, residential.ConfirmedCount);
        var registrations = (await new EventRegistrationService.EventRegistrationServiceClient(channel).ListEventRegistrationsAsync(new ListEventRegistrationsRequest { ProgrammeEventId = result.ResidentialId }, callers.Staff)).Registrations;
        Assert.Equal(23, registrations.Count(r => r.DaysAttended.Count > 0));
        Assert.Equal(23 + 6 + 6, result.Attendances);
        var claims = new ExpenseClaimService.ExpenseClaimServiceClient(channel);
        var totals = await claims.GetExpenseClaimTotalsAsync(new GetExpenseClaimTotalsRequest { ProgrammeEventId = result.ResidentialId }, callers.Staff);
        Assert.Equal((5, 5 * (8_640L + 1_850)), (result.PaidClaimIds.Count, totals.PaidPence));

        // Grants: three awards within the fund, half of each paid, one report accepted.
        var fund = await new FundService.FundServiceClient(channel).GetFundAsync(new GetFundRequest { FundId = result.FundId }, callers.Staff);
        Assert.Equal((4_750_000L, 2_375_000L, 5_250_000L), (fund.CommittedPence, fund.PaidPence, fund.RemainingPence));
        var reported = await new GrantService.GrantServiceClient(channel).GetGrantAsync(new GetGrantRequest { GrantId = result.ReportedGrantId }, callers.Staff);
        Assert.Equal(ReportState.Accepted, reported.Reports[0].State);

        // Insights heard the findings, the awards, the payments and the attendance over the broker.
        var glance = await EventuallyAsync(
            () => insights.GetProgrammeAtAGlanceAsync(new GetProgrammeAtAGlanceRequest(), callers.Staff).ResponseAsync,
            g => g.GrantsAwarded - before.GrantsAwarded == 3 && g.PaidPence - before.PaidPence == 2_375_000 && g.ReportsIn - before.ReportsIn == 1 && g.Attendances - before.Attendances == result.Attendances);
        Assert.Equal(
            (3, 4_750_000L, 2_375_000L, 1, result.Attendances, 20),
            (glance.GrantsAwarded - before.GrantsAwarded, glance.AwardedPence - before.AwardedPence, glance.PaidPence - before.PaidPence, glance.ReportsIn - before.ReportsIn, glance.Attendances - before.Attendances, glance.Members - before.Members));
        var patterns = await EventuallyAsync(
            () => new InsightPatternService.InsightPatternServiceClient(channel).GetInsightPatternsAsync(new GetInsightPatternsRequest(), callers.Staff).ResponseAsync,
            p => p.ByTheme.Sum(t => t.Drivers + t.Barriers + t.Enablers) == result.Findings);
        Assert.Equal(12, patterns.ByTheme.Sum(t => t.Drivers + t.Barriers + t.Enablers));

        // The partner's receiver got each finding and each publication it asked for, signed so an independent Standard
        // Webhooks verifier accepts it.
        var deliveries = await EventuallyAsync(() => Task.FromResult(receiver.Received.ToList()), r => r.Count == result.Findings + 2);
        Assert.Equal(result.Findings + 2, deliveries.Count);
        var told = new List<(string Type, string Id)>();
        foreach (var (headers, body) in deliveries)
        {
            new StandardWebhook(result.WebhookSecret!).Verify(body, headers);
            using var payload = JsonDocument.Parse(body);
            var type = payload.RootElement.GetProperty("type").GetString()!;
            told.Add((type, payload.RootElement.GetProperty("data").GetProperty(type == "insight.published" ? "publication_id" : "finding_id").GetString()!));
        }

        Assert.Equal(result.PublishedIds.Order(), told.Where(t => t.Type == "insight.published").Select(t => t.Id).Order());
        Assert.Equal(result.Findings, told.Where(t => t.Type == "finding.recorded").Select(t => t.Id).Distinct().Count());

        // The feeds through the gateway show the published pieces and not the draft; the fund's open data is valid 360Giving.
        using var http = host.App.CreateHttpClient("gateway", "http");
        var publications = new PublicationService.PublicationServiceClient(channel);
        var draft = await publications.GetPublicationAsync(new GetPublicationRequest { PublicationId = result.DraftId }, callers.Staff);
        foreach (var feed in new[] { "/feeds/insights.atom", "/feeds/insights.json" })
        {
            var text = await http.GetStringAsync(new Uri(feed, UriKind.Relative));
            Assert.Contains("What stops councils working upstream", text, StringComparison.Ordinal);
            Assert.Contains("Testing prevention: the first grants", text, StringComparison.Ordinal);
            Assert.DoesNotContain(draft.Details.Title, text, StringComparison.Ordinal);
        }

        using var openData = new HttpRequestMessage(HttpMethod.Get, $"/v1/funds/{result.FundId}/360giving");
        openData.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await host.TokenAsync("e2e-partner", "partner"));
        using var openDataResponse = await http.SendAsync(openData);
        Assert.Equal(HttpStatusCode.OK, openDataResponse.StatusCode);
        var json = await openDataResponse.Content.ReadAsStringAsync();
        var validation = OpenDataSchema.Evaluate(json);
        Assert.True(validation.IsValid, OpenDataSchema.Describe(validation));
        Assert.Equal(3, JsonDocument.Parse(json).RootElement.GetProperty("grants").GetArrayLength());

        // What each role may not do: an applicant reading another council's application, a member approving a claim,
        // a partner reading a draft.
        var otherCouncils = await Assert.ThrowsAsync<RpcException>(() => applications.GetApplicationAsync(new GetApplicationRequest { ApplicationId = result.ApplicationIds[result.Cohort[1]] }, callers.Applicant(result.Cohort[0])).ResponseAsync);
        Assert.Contains(otherCouncils.StatusCode, new[] { StatusCode.PermissionDenied, StatusCode.NotFound });
        var memberApproving = await Assert.ThrowsAsync<RpcException>(() => claims.ApproveExpenseClaimAsync(new ApproveExpenseClaimRequest { ClaimId = result.PaidClaimIds[0] }, callers.Member(result.Cohort[0])).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, memberApproving.StatusCode);
        var partnerReadingDraft = await Assert.ThrowsAsync<RpcException>(() => publications.GetPublicationAsync(new GetPublicationRequest { PublicationId = result.DraftId }, callers.Partner).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, partnerReadingDraft.StatusCode);

        // Run again, the journey finds its call and adds nothing.
        Assert.Null(await journey.RunAsync(CancellationToken.None));
        Assert.Equal(result.ApplicationIds.Count, (await applications.ListApplicationsAsync(new ListApplicationsRequest { CallId = result.CallId }, callers.Staff)).Applications.Count);
    }
}
