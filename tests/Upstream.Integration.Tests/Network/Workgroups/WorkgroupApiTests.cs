using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Upstream.Contracts.Network;
using Upstream.Network.Data;
using Upstream.Network.V1;
using Upstream.Protos.Errors;
using Upstream.ServiceDefaults.Data;

namespace Upstream.Integration.Tests.Network.Workgroups;

/// <summary>Workgroups as members and staff reach them: the real service on a real port, its own migrated database and broker.</summary>
public sealed class WorkgroupApiTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task The_network_model_agrees_with_its_migrations()
    {
        await using var stage = await WorkgroupStage.StartAsync(infrastructure);
        await using var scope = stage.Host.Services.CreateAsyncScope();

        Assert.Empty(await SchemaAgreement.FindDifferencesAsync(scope.ServiceProvider.GetRequiredService<NetworkDb>()));
    }

    [Fact]
    public async Task A_member_forms_a_workgroup_its_council_leads_and_the_network_hears_of_it()
    {
        await using var stage = await WorkgroupStage.StartAsync(infrastructure);
        await using var tap = await EventTap.StartAsync<WorkgroupFormed>(stage.Host.Broker);

        var formed = await stage.FormAsync();

        Assert.Equal(("Early help together", "BRI", "2031-03-31"), (formed.Name, formed.LeadCouncilCode, formed.LearningProduct.DueOn));
        var lead = Assert.Single(formed.Participants);
        Assert.Equal(("BRI", "Bristol City Council", true), (lead.CouncilCode, lead.CouncilName, lead.Lead));
        var published = Assert.Single(await tap.WaitForAsync<WorkgroupFormed>(1));
        Assert.Equal(
            (Guid.Parse(formed.Id), "Prevention", "BRI", "A commissioning toolkit for early help", (DateOnly?)new DateOnly(2031, 3, 31)),
            (published.WorkgroupId, published.Theme, published.LeadCouncilCode, published.LearningProduct, published.LearningProductDueOn));
    }

    [Fact]
    public async Task Only_staff_or_a_councils_own_member_form_a_workgroup_it_leads()
    {
        await using var stage = await WorkgroupStage.StartAsync(infrastructure);

        var staffFormed = await stage.Workgroups.FormWorkgroupAsync(WorkgroupStage.Form(lead: "ADU"), stage.Staff);
        Assert.Equal("ADU", staffFormed.LeadCouncilCode);

        await Refusal.Of(StatusCode.PermissionDenied, stage.Workgroups.FormWorkgroupAsync(WorkgroupStage.Form(lead: "ADU"), stage.Bristol));
        await Refusal.Of(StatusCode.PermissionDenied, stage.Workgroups.FormWorkgroupAsync(WorkgroupStage.Form(), stage.Partner));
        await Refusal.Of(StatusCode.PermissionDenied, stage.Workgroups.FormWorkgroupAsync(WorkgroupStage.Form(lead: "YOR"), stage.Applicant));
        await Refusal.Of(StatusCode.Unauthenticated, stage.Workgroups.FormWorkgroupAsync(WorkgroupStage.Form()));
        Assert.Single((await stage.Workgroups.ListWorkgroupsAsync(new WorkgroupListRequest(), stage.Staff)).Workgroups);
    }

    [Fact]
    public async Task Bad_input_to_forming_names_the_fields_at_fault()
    {
        await using var stage = await WorkgroupStage.StartAsync(infrastructure);

        var unknown = await Refusal.Of(StatusCode.InvalidArgument, stage.Workgroups.FormWorkgroupAsync(WorkgroupStage.Form(lead: "NOPE"), stage.Staff));
        Assert.Equal("lead_council_code", Assert.Single(unknown.GetFieldViolations()).Field);

        var request = WorkgroupStage.Form();
        request.Name = "";
        request.LearningProduct.DueOn = "2030-09-30";
        var blank = await Refusal.Of(StatusCode.InvalidArgument, stage.Workgroups.FormWorkgroupAsync(request, stage.Bristol));
        Assert.Equal(["name", "learning_product.due_on"], blank.GetFieldViolations().Select(v => v.Field));

        request.LearningProduct.DueOn = "31/03/2031";
        var badDate = await Refusal.Of(StatusCode.InvalidArgument, stage.Workgroups.FormWorkgroupAsync(request, stage.Bristol));
        Assert.Equal("learning_product.due_on", Assert.Single(badDate.GetFieldViolations()).Field);

        var former = await Refusal.Of(StatusCode.FailedPrecondition, stage.Workgroups.FormWorkgroupAsync(WorkgroupStage.Form(lead: "DOR"), stage.Staff));
        Assert.Equal("Dorset Council is no longer a member of the network.", former.Status.Detail);
    }

    [Fact]
    public async Task Members_join_for_their_own_council_once_and_staff_for_any_current_member()
    {
        await using var stage = await WorkgroupStage.StartAsync(infrastructure);
        var workgroup = await stage.FormAsync();
        var id = workgroup.Id;

        var joined = await stage.Workgroups.JoinWorkgroupAsync(new WorkgroupJoinRequest { WorkgroupId = id, CouncilCode = "adu" }, stage.Adur);
        Assert.Equal(["BRI", "ADU"], joined.Participants.Select(p => p.CouncilCode));

        await Refusal.Of(StatusCode.PermissionDenied, stage.Workgroups.JoinWorkgroupAsync(new WorkgroupJoinRequest { WorkgroupId = id, CouncilCode = "CON" }, stage.Adur));
        await Refusal.Of(StatusCode.PermissionDenied, stage.Workgroups.JoinWorkgroupAsync(new WorkgroupJoinRequest { WorkgroupId = id, CouncilCode = "CON" }, stage.Partner));
        await Refusal.Of(StatusCode.Unauthenticated, stage.Workgroups.JoinWorkgroupAsync(new WorkgroupJoinRequest { WorkgroupId = id, CouncilCode = "CON" }));

        var twice = await Refusal.Of(StatusCode.InvalidArgument, stage.Workgroups.JoinWorkgroupAsync(new WorkgroupJoinRequest { WorkgroupId = id, CouncilCode = "ADU" }, stage.Adur));
        Assert.Equal(("council_code", "Adur District Council already takes part in this workgroup."), (Assert.Single(twice.GetFieldViolations()).Field, Assert.Single(twice.GetFieldViolations()).Description));

        var unknown = await Refusal.Of(StatusCode.InvalidArgument, stage.Workgroups.JoinWorkgroupAsync(new WorkgroupJoinRequest { WorkgroupId = id, CouncilCode = "ZZZ" }, stage.Staff));
        Assert.Equal("council_code", Assert.Single(unknown.GetFieldViolations()).Field);
        await Refusal.Of(StatusCode.FailedPrecondition, stage.Workgroups.JoinWorkgroupAsync(new WorkgroupJoinRequest { WorkgroupId = id, CouncilCode = "DOR" }, stage.Staff));
        await Refusal.Of(StatusCode.NotFound, stage.Workgroups.JoinWorkgroupAsync(new WorkgroupJoinRequest { WorkgroupId = Guid.NewGuid().ToString(), CouncilCode = "CON" }, stage.Staff));
        var badId = await Refusal.Of(StatusCode.InvalidArgument, stage.Workgroups.JoinWorkgroupAsync(new WorkgroupJoinRequest { WorkgroupId = "nope", CouncilCode = "CON" }, stage.Staff));
        Assert.Equal("workgroup_id", Assert.Single(badId.GetFieldViolations()).Field);

        var byStaff = await stage.Workgroups.JoinWorkgroupAsync(new WorkgroupJoinRequest { WorkgroupId = id, CouncilCode = "CON" }, stage.Staff);
        Assert.Equal(["BRI", "ADU", "CON"], byStaff.Participants.Select(p => p.CouncilCode));
    }

    [Fact]
    public async Task The_lead_hands_over_before_it_can_leave_and_members_leave_only_for_themselves()
    {
        await using var stage = await WorkgroupStage.StartAsync(infrastructure);
        var id = (await stage.FormAsync()).Id;
        await stage.Workgroups.JoinWorkgroupAsync(new WorkgroupJoinRequest { WorkgroupId = id, CouncilCode = "ADU" }, stage.Adur);
        await stage.Workgroups.JoinWorkgroupAsync(new WorkgroupJoinRequest { WorkgroupId = id, CouncilCode = "CON" }, stage.Cornwall);

        var leadLeaving = await Refusal.Of(StatusCode.FailedPrecondition, stage.Workgroups.LeaveWorkgroupAsync(new WorkgroupLeaveRequest { WorkgroupId = id, CouncilCode = "BRI" }, stage.Bristol));
        Assert.Equal("Bristol City Council leads this workgroup: hand the lead to another participant before leaving.", leadLeaving.Status.Detail);
        await Refusal.Of(StatusCode.PermissionDenied, stage.Workgroups.LeaveWorkgroupAsync(new WorkgroupLeaveRequest { WorkgroupId = id, CouncilCode = "CON" }, stage.Adur));
        await Refusal.Of(StatusCode.PermissionDenied, stage.Workgroups.HandOverWorkgroupLeadAsync(new WorkgroupLeadHandOverRequest { WorkgroupId = id, CouncilCode = "ADU" }, stage.Adur));
        var notParticipant = await Refusal.Of(StatusCode.InvalidArgument, stage.Workgroups.HandOverWorkgroupLeadAsync(new WorkgroupLeadHandOverRequest { WorkgroupId = id, CouncilCode = "DOR" }, stage.Bristol));
        Assert.Equal("council_code", Assert.Single(notParticipant.GetFieldViolations()).Field);

        var handedOver = await stage.Workgroups.HandOverWorkgroupLeadAsync(new WorkgroupLeadHandOverRequest { WorkgroupId = id, CouncilCode = "ADU" }, stage.Bristol);
        Assert.Equal("ADU", handedOver.LeadCouncilCode);
        var left = await stage.Workgroups.LeaveWorkgroupAsync(new WorkgroupLeaveRequest { WorkgroupId = id, CouncilCode = "BRI" }, stage.Bristol);
        Assert.Equal(["ADU", "CON"], left.Participants.Select(p => p.CouncilCode));

        // Staff manage anyone's membership and the lead.
        await stage.Workgroups.HandOverWorkgroupLeadAsync(new WorkgroupLeadHandOverRequest { WorkgroupId = id, CouncilCode = "CON" }, stage.Staff);
        var afterStaff = await stage.Workgroups.LeaveWorkgroupAsync(new WorkgroupLeaveRequest { WorkgroupId = id, CouncilCode = "ADU" }, stage.Staff);
        Assert.Equal(("CON", "CON"), (afterStaff.LeadCouncilCode, Assert.Single(afterStaff.Participants).CouncilCode));

        // Leaving does not forbid coming back.
        var back = await stage.Workgroups.JoinWorkgroupAsync(new WorkgroupJoinRequest { WorkgroupId = id, CouncilCode = "BRI" }, stage.Bristol);
        Assert.Equal(["CON", "BRI"], back.Participants.Select(p => p.CouncilCode));
    }

    [Fact]
    public async Task Members_and_staff_read_workgroups_filtered_by_theme_or_council_and_partners_read_nothing()
    {
        await using var stage = await WorkgroupStage.StartAsync(infrastructure);
        var prevention = await stage.FormAsync("Prevention");
        stage.Host.Clock.Now = WorkgroupStage.Now.AddHours(1);
        var housing = await stage.Workgroups.FormWorkgroupAsync(WorkgroupStage.Form("Housing", lead: "ADU"), stage.Adur);

        Assert.Equal([prevention.Id, housing.Id], (await stage.Workgroups.ListWorkgroupsAsync(new WorkgroupListRequest(), stage.Cornwall)).Workgroups.Select(w => w.Id));
        Assert.Equal([housing.Id], (await stage.Workgroups.ListWorkgroupsAsync(new WorkgroupListRequest { Theme = "housing" }, stage.Staff)).Workgroups.Select(w => w.Id));
        Assert.Equal([prevention.Id], (await stage.Workgroups.ListWorkgroupsAsync(new WorkgroupListRequest { CouncilCode = "BRI" }, stage.Bristol)).Workgroups.Select(w => w.Id));
        Assert.Equal(housing, await stage.Workgroups.GetWorkgroupAsync(new WorkgroupGetRequest { WorkgroupId = housing.Id }, stage.Bristol));

        await Refusal.Of(StatusCode.PermissionDenied, stage.Workgroups.ListWorkgroupsAsync(new WorkgroupListRequest(), stage.Partner));
        await Refusal.Of(StatusCode.PermissionDenied, stage.Workgroups.GetWorkgroupAsync(new WorkgroupGetRequest { WorkgroupId = housing.Id }, stage.Applicant));
        await Refusal.Of(StatusCode.Unauthenticated, stage.Workgroups.GetWorkgroupAsync(new WorkgroupGetRequest { WorkgroupId = housing.Id }));
        await Refusal.Of(StatusCode.NotFound, stage.Workgroups.GetWorkgroupAsync(new WorkgroupGetRequest { WorkgroupId = Guid.NewGuid().ToString() }, stage.Staff));
    }

    [Fact]
    public async Task A_hand_over_and_a_departure_at_once_never_leave_the_lead_outside_the_workgroup()
    {
        await using var stage = await WorkgroupStage.StartAsync(infrastructure);
        var outcomes = new List<StatusCode>();
        for (var round = 0; round < 5; round++)
        {
            var id = (await stage.FormAsync()).Id;
            await stage.Workgroups.JoinWorkgroupAsync(new WorkgroupJoinRequest { WorkgroupId = id, CouncilCode = "ADU" }, stage.Adur);

            outcomes.AddRange(await Task.WhenAll(
                StatusOf(stage.Workgroups.HandOverWorkgroupLeadAsync(new WorkgroupLeadHandOverRequest { WorkgroupId = id, CouncilCode = "ADU" }, stage.Bristol)),
                StatusOf(stage.Workgroups.LeaveWorkgroupAsync(new WorkgroupLeaveRequest { WorkgroupId = id, CouncilCode = "ADU" }, stage.Adur))));

            // Whichever came first, the other was refused (the lead may not leave; only a participant may lead; or the row changed meanwhile).
            var workgroup = await stage.Workgroups.GetWorkgroupAsync(new WorkgroupGetRequest { WorkgroupId = id }, stage.Staff);
            Assert.Contains(workgroup.LeadCouncilCode, workgroup.Participants.Select(p => p.CouncilCode));
        }

        Assert.Equal(5, outcomes.Count(s => s == StatusCode.OK));
        Assert.All(outcomes.Where(s => s != StatusCode.OK), s => Assert.Contains(s, new[] { StatusCode.FailedPrecondition, StatusCode.InvalidArgument, StatusCode.Aborted }));
    }

    [Fact]
    public async Task One_council_joining_many_times_at_once_takes_part_once()
    {
        await using var stage = await WorkgroupStage.StartAsync(infrastructure);
        var id = (await stage.FormAsync()).Id;

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            try
            {
                await stage.Workgroups.JoinWorkgroupAsync(new WorkgroupJoinRequest { WorkgroupId = id, CouncilCode = "ADU" }, stage.Adur);
                return StatusCode.OK;
            }
            catch (RpcException e)
            {
                return e.StatusCode;
            }
        }));

        // The losers either saw the winner's row (a field error) or lost at the unique index (told it exists).
        Assert.Single(attempts, s => s == StatusCode.OK);
        Assert.All(attempts.Where(s => s != StatusCode.OK), s => Assert.Contains(s, new[] { StatusCode.InvalidArgument, StatusCode.AlreadyExists }));
        Assert.Equal(1, await stage.Host.CountAsync("SELECT count(*) FROM workgroup_participants p JOIN members m ON m.id = p.member_id WHERE m.council_code = 'ADU'"));
    }

    private static async Task<StatusCode> StatusOf<T>(AsyncUnaryCall<T> call)
    {
        try
        {
            await call.ResponseAsync;
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }
}
