using System.Text.Json;
using Upstream.Events.V1;
using Upstream.Network.V1;
using Upstream.Testing.Events;
using Upstream.Testing.Network;

namespace Upstream.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class NetworkAndEventsTests(CliSystem system)
{
    [Fact]
    public async Task Staff_list_and_show_members_and_add_a_finding_to_a_visit()
    {
        var network = system.Network;
        await NetworkMembers.JoinAsync(network, "BRI", "Bristol City Council", "South West", "urban", "coastal");
        var staff = network.As("staff-1", "staff");
        var visit = new VisitRecordRequest { CouncilCode = "BRI", VisitedOn = "2030-11-04", Notes = "Met the early help team." };
        visit.Visitors.Add("Asha Patel");
        var recorded = await network.Client<VisitService.VisitServiceClient>().RecordVisitAsync(visit, staff);

        var listed = await Cli.RunAsync(network, "members", "list", "--output", "json");
        var shown = await Cli.RunAsync(network, "members", "show", "BRI");
        var unknown = await Cli.RunAsync(network, "members", "show", "ZZZ");
        var added = await Cli.RunAsync(network, "findings", "add", "--visit", recorded.Id, "--kind", "barrier", "--theme", "Data sharing",
            "--dimension", "infrastructure-and-capabilities", "--text", "Teams cannot see each other's case data.");
        var groups = await Cli.RunAsync(network, "workgroups", "list", "--output", "json");

        Assert.Contains(JsonDocument.Parse(listed.Out).RootElement.EnumerateArray(), m => m.GetProperty("councilCode").GetString() == "BRI");
        Assert.Contains("Bristol City Council", shown.Out, StringComparison.Ordinal);
        Assert.Contains("urban, coastal", shown.Out, StringComparison.Ordinal);
        Assert.Equal(3, unknown.ExitCode);
        Assert.True(added.ExitCode == 0, added.Error);
        var findings = await network.Client<FindingService.FindingServiceClient>().ListFindingsAsync(new FindingListRequest { CouncilCode = "BRI" }, staff);
        var finding = Assert.Single(findings.Findings);
        Assert.Equal((FindingKind.Barrier, FindingDimension.InfrastructureAndCapabilities, "Teams cannot see each other's case data."), (finding.Kind, finding.Dimension, finding.Text));
        Assert.Equal(0, groups.ExitCode);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(groups.Out).RootElement.ValueKind);
    }

    [Fact]
    public async Task Staff_see_events_who_registered_and_pending_claims()
    {
        var events = system.Events;
        var people = await events.JoinAsync("BIR");
        var residential = await events.ScheduleAsync(EventsHost.Residential());
        await events.RegisterAsync(residential, "BIR", people[0]);

        var listed = await Cli.RunAsync(events.Host, "events", "list");
        var attendance = await Cli.RunAsync(events.Host, "events", "attendance", residential.ProgrammeEventId, "--output", "json");
        var pending = await Cli.RunAsync(events.Host, "claims", "pending", "--output", "json");
        var approve = await Cli.RunAsync(events.Host, "claims", "approve", Guid.NewGuid().ToString());

        Assert.Contains("Spring residential", listed.Out, StringComparison.Ordinal);
        var registration = Assert.Single(JsonDocument.Parse(attendance.Out).RootElement.EnumerateArray());
        Assert.Equal(("BIR", people[0].ToString()), (registration.GetProperty("councilCode").GetString(), registration.GetProperty("personId").GetString()));
        Assert.Equal((0, "[]"), (pending.ExitCode, pending.Out.Trim()));
        Assert.Equal(3, approve.ExitCode);
    }

    [Fact]
    public async Task Staff_approve_a_pending_claim_and_pay_it_once()
    {
        var events = system.Events;
        var member = events.Member("MAN");
        try
        {
            // Manchester's delegate attended the first day; the residential is over and closed.
            var (residential, attended, _) = await events.AttendedResidentialAsync("MAN");
            var claim = await events.Claims.DraftExpenseClaimAsync(ExpenseClaims.Draft(residential, attended, ExpenseClaims.Accommodation(11_500)), member);
            await events.Claims.SubmitExpenseClaimAsync(new SubmitExpenseClaimRequest { ClaimId = claim.ClaimId }, member);

            var pending = await Cli.RunAsync(events.Host, "claims", "pending", "--event", residential.ProgrammeEventId, "--output", "json");
            var approved = await Cli.RunAsync(events.Host, "claims", "approve", claim.ClaimId);
            var paid = await Cli.RunAsync(events.Host, "claims", "pay", claim.ClaimId, "--reference", "BACS-7001", "--output", "json");
            var twice = await Cli.RunAsync(events.Host, "claims", "pay", claim.ClaimId, "--reference", "BACS-7002");
            var after = await Cli.RunAsync(events.Host, "claims", "pending", "--event", residential.ProgrammeEventId, "--output", "json");

            var listed = Assert.Single(JsonDocument.Parse(pending.Out).RootElement.EnumerateArray());
            Assert.Equal((claim.ClaimId, "MAN"), (listed.GetProperty("claimId").GetString(), listed.GetProperty("councilCode").GetString()));
            Assert.Equal((0, $"Claim {claim.ClaimId}: approved, £115.00."), (approved.ExitCode, approved.Out.Trim()));
            Assert.Equal((0, "BACS-7001"), (paid.ExitCode, JsonDocument.Parse(paid.Out).RootElement.GetProperty("paymentReference").GetString()));
            Assert.Equal(2, twice.ExitCode);
            Assert.NotEmpty(twice.Error.Trim());
            Assert.Equal((0, "[]"), (after.ExitCode, after.Out.Trim()));
            var stored = await events.Claims.GetExpenseClaimAsync(new GetExpenseClaimRequest { ClaimId = claim.ClaimId }, events.Staff);
            Assert.Equal((ExpenseClaimState.Paid, "BACS-7001"), (stored.State, stored.PaymentReference));
        }
        finally
        {
            events.Clock.Now = EventsHost.Now;
        }
    }
}
