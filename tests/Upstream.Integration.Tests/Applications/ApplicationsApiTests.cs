using System.Text;
using Google.Protobuf;
using Upstream.Applications.V1;
using Grpc.Core;
using Upstream.Protos.Errors;
using Upstream.Testing.Applications;
using Upstream.ServiceDefaults.Identity;
using Upstream.Domain.Time;
using Upstream.Contracts.Applications;

namespace Upstream.Integration.Tests.Applications;

/// <summary>
/// The Applications service as staff tools and portals reach it: its real process set-up on a real port, called
/// through typed Grpc.Net.ClientFactory clients with bearer tokens, against its own migrated database.
/// </summary>
public sealed class ApplicationsApiTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    internal static readonly DateTimeOffset Opens = ProgrammeTime.ToInstant(new DateTime(2030, 7, 1, 9, 0, 0));

    [Fact]
    public async Task Staff_open_a_call_a_council_applies_and_submission_screens_it_eligible()
    {
        await using var service = await ApplicationsHost.StartAsync(infrastructure, Opens.AddDays(-10));
        var call = await service.Calls.DraftCallAsync(new DraftCallRequest { Details = SampleRequests.Call("Upstream Collaborative 2030") }, service.As("staff-1", Roles.Staff));
        await service.Calls.PublishCallAsync(new PublishCallRequest { CallId = call.Id }, service.As("staff-1", Roles.Staff));
        service.Clock.Now = Opens.AddDays(1);

        var adur = service.As("applicant-adur", Roles.Applicant, "ADU");
        var started = await service.Applications.StartApplicationAsync(new StartApplicationRequest { CallId = call.Id, LeadCouncilCode = "ADU", Draft = SampleRequests.Draft() }, adur);
        var submitted = await service.Applications.SubmitApplicationAsync(new SubmitApplicationRequest { ApplicationId = started.Id }, adur);

        Assert.Equal("Adur District Council", submitted.LeadCouncilName);
        Assert.Equal(ApplicationState.Eligible, submitted.State);
        Assert.Equal("12:00 on Monday 15 July 2030", submitted.Deadline.London);
        var published = await service.Calls.GetCallAsync(new GetCallRequest { CallId = call.Id }); // no token: published calls are public
        Assert.Equal(Upstream.Applications.V1.CallState.Open, published.State);
    }

    [Fact]
    public async Task Refusals_arrive_as_statuses_that_say_what_is_wrong()
    {
        await using var service = await ApplicationsHost.StartAsync(infrastructure, Opens.AddDays(1));
        var staff = service.As("staff-1", Roles.Staff);
        var call = await service.OpenCallAsync(staff);
        var adur = service.As("applicant-adur", Roles.Applicant, "ADU");
        var application = await service.Applications.StartApplicationAsync(new StartApplicationRequest { CallId = call.Id, LeadCouncilCode = "ADU", Draft = SampleRequests.Draft() }, adur);

        var anonymous = await Assert.ThrowsAsync<RpcException>(() => service.Applications.GetApplicationAsync(new GetApplicationRequest { ApplicationId = application.Id }).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);

        var aberdeen = service.As("applicant-aberdeen", Roles.Applicant, "ABE");
        var other = await Assert.ThrowsAsync<RpcException>(() => service.Applications.GetApplicationAsync(new GetApplicationRequest { ApplicationId = application.Id }, aberdeen).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);
        Assert.Equal("You can see and change only your own council's applications.", other.Status.Detail);

        var charity = await Assert.ThrowsAsync<RpcException>(() => service.Applications.StartApplicationAsync(
            new StartApplicationRequest { CallId = call.Id, LeadCouncilCode = "NOT-A-COUNCIL", Draft = SampleRequests.Draft() }, staff).ResponseAsync);
        Assert.Contains(charity.StatusCode, new[] { StatusCode.InvalidArgument, StatusCode.FailedPrecondition });

        var badId = await Assert.ThrowsAsync<RpcException>(() => service.Applications.SubmitApplicationAsync(new SubmitApplicationRequest { ApplicationId = "nope" }, adur).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, badId.StatusCode);
        Assert.Equal("application_id", Assert.Single(badId.GetFieldViolations()).Field);

        var badCall = await Assert.ThrowsAsync<RpcException>(() => service.Calls.DraftCallAsync(
            new DraftCallRequest { Details = new CallDetails { Title = "x", OpensLondon = "soon", ClosesLondon = "2030-07-15T12:00", DecisionsBy = "2030-09-01" } }, staff).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, badCall.StatusCode);
        Assert.Contains("details.opens_london", badCall.GetFieldViolations().Select(v => v.Field));

        service.Clock.Now = ProgrammeTime.ToInstant(new DateTime(2030, 7, 15, 12, 0, 0));
        var late = await Assert.ThrowsAsync<RpcException>(() => service.Applications.SubmitApplicationAsync(new SubmitApplicationRequest { ApplicationId = application.Id }, adur).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, late.StatusCode);
        Assert.Equal("The call closed at 12:00 on Monday 15 July 2030.", late.Status.Detail);
        Assert.NotEmpty(late.GetPreconditionViolations());

        var notStaff = await Assert.ThrowsAsync<RpcException>(() => service.Applications.ShortlistApplicationAsync(new ShortlistApplicationRequest { ApplicationId = application.Id }, adur).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, notStaff.StatusCode);
        var draftShortlisted = await Assert.ThrowsAsync<RpcException>(() => service.Applications.ShortlistApplicationAsync(new ShortlistApplicationRequest { ApplicationId = application.Id }, staff).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, draftShortlisted.StatusCode);

        var missing = await Assert.ThrowsAsync<RpcException>(() => service.Applications.GetApplicationAsync(new GetApplicationRequest { ApplicationId = Guid.NewGuid().ToString() }, staff).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Two_submissions_by_the_same_council_at_once_one_wins_and_the_other_is_told_it_exists()
    {
        await using var service = await ApplicationsHost.StartAsync(infrastructure, Opens.AddDays(1));
        var call = await service.OpenCallAsync(service.As("staff-1", Roles.Staff));
        var adur = service.As("applicant-adur", Roles.Applicant, "ADU");

        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            try
            {
                await service.Applications.StartApplicationAsync(new StartApplicationRequest { CallId = call.Id, LeadCouncilCode = "ADU", Draft = SampleRequests.Draft() }, adur);
                return StatusCode.OK;
            }
            catch (RpcException e)
            {
                return e.StatusCode;
            }
        }));

        Assert.Equal([StatusCode.OK, StatusCode.AlreadyExists, StatusCode.AlreadyExists, StatusCode.AlreadyExists], attempts.Order());
        var list = await service.Applications.ListApplicationsAsync(new ListApplicationsRequest { CallId = call.Id }, adur);
        Assert.Single(list.Applications);
    }

    [Fact]
    public async Task Staff_import_a_csv_in_chunks_and_export_it_again()
    {
        await using var service = await ApplicationsHost.StartAsync(infrastructure, Opens.AddDays(1));
        var staff = service.As("staff-1", Roles.Staff);
        var call = await service.OpenCallAsync(staff);
        var exported = await ExportAsync(service, call.Id, staff);
        var header = exported.Split('\n')[0];

        using (var import = service.Transfer.ImportApplications(staff))
        {
            var csv = Encoding.UTF8.GetBytes(header + "\n" + Row(header, "ADU") + "\n" + Row(header, "ABE") + "\n");
            for (var i = 0; i < csv.Length; i += 50)
            {
                await import.RequestStream.WriteAsync(new ImportChunk { CallId = i == 0 ? call.Id : "", Csv = ByteString.CopyFrom(csv, i, Math.Min(50, csv.Length - i)) });
            }

            await import.RequestStream.CompleteAsync();
            var report = await import.ResponseAsync;
            Assert.True(report.Imported, string.Join("; ", report.Problems.Select(p => $"{p.Line} {p.Field} {p.Description}")));
            Assert.Equal(2, report.ApplicationIds.Count);
        }

        var again = await ExportAsync(service, call.Id, staff);
        Assert.Contains("ADU", again, StringComparison.Ordinal);
        Assert.Contains("ABE", again, StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<RpcException>(() => ExportAsync(service, call.Id, service.As("applicant-adur", Roles.Applicant, "ADU")));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    [Fact]
    public async Task Confirming_the_cohort_tells_every_council_through_RabbitMQ()
    {
        var broker = await infrastructure.Shared.CreateVirtualHostAsync("cohort");
        await using var listener = await EventTap.StartAsync(broker, "cohort-outcomes", EventTap.Of<ApplicationSelected>(), EventTap.Of<ApplicationDeclined>());
        await using var service = await ApplicationsHost.StartAsync(infrastructure, Opens.AddDays(1), broker);
        var staff = service.As("staff-1", Roles.Staff);
        var call = await service.Calls.DraftCallAsync(new DraftCallRequest { Details = SampleRequests.Call("Upstream Collaborative 2030", cohortSize: 2) }, staff);
        service.Clock.Now = Opens.AddDays(-10);
        await service.Calls.PublishCallAsync(new PublishCallRequest { CallId = call.Id }, staff);
        service.Clock.Now = Opens.AddDays(1);
        var scores = new Dictionary<string, int>();
        var ids = new Dictionary<string, string>();
        foreach (var (council, score) in new[] { ("ADU", 9), ("ABE", 4), ("BIR", 7) })
        {
            var shortlisted = await service.ShortlistedAsync(call.Id, council, score, staff);
            Assert.Equal(ApplicationState.Shortlisted, shortlisted.State);
            ids[council] = shortlisted.Id;
        }

        service.Clock.Now = ProgrammeTime.ToInstant(new DateTime(2030, 7, 16, 9, 0, 0));
        var proposal = await service.Cohorts.ProposeCohortAsync(new ProposeCohortRequest { CallId = call.Id }, staff);
        Assert.Equal(new[] { ids["ADU"], ids["BIR"] }, proposal.ChosenApplicationIds);
        await service.Cohorts.ConfirmCohortAsync(new ConfirmCohortRequest { CallId = call.Id, ProposalId = proposal.Id }, staff);

        var selected = await listener.WaitForAsync<ApplicationSelected>(2, TimeSpan.FromSeconds(30));
        var declined = await listener.WaitForAsync<ApplicationDeclined>(1, TimeSpan.FromSeconds(30));
        Assert.Equal(new[] { "ADU", "BIR" }, selected.Select(e => e.CouncilCode).Order());
        var adur = selected.Single(e => e.CouncilCode == "ADU");
        Assert.Equal("Adur District Council", adur.CouncilName);
        Assert.Equal(["Alex Example", "Sam Example"], adur.Contacts.Select(c => c.Name));
        Assert.Equal("Community wealth building", adur.Initiative.Title);
        Assert.Equal("ABE", Assert.Single(declined).CouncilCode);
        var decided = await service.Applications.GetApplicationAsync(new GetApplicationRequest { ApplicationId = ids["ABE"] }, service.As("applicant-ABE", Roles.Applicant, "ABE"));
        Assert.Equal(ApplicationState.Declined, decided.State);
    }

    /// <summary>A data row for the exported header: every column filled from what a real application needs.</summary>
    private static string Row(string header, string council) => string.Join(',', header.Split(',').Select(column => column.Trim() switch
    {
        "lead_council_code" => council,
        "title" => "Community wealth building",
        "summary" => "Keeping wealth local",
        "upstream_problem" => "Economic exclusion",
        "service_area" => "Economic development",
        "stage" => "early",
        "approved_by" => "Chief Executive",
        "approved_on" => "2030-06-20",
        "budget_pence" => "2500000",
        "resources_assigned" => "Two officers",
        "area_characters" => "urban",
        "contact1_name" => "Alex Example",
        "contact1_role" => "Lead",
        "contact1_email" => "alex@example.gov.uk",
        "contact2_name" => "Sam Example",
        "contact2_role" => "Deputy",
        "contact2_email" => "sam@example.gov.uk",
        _ => "",
    }));

    private static async Task<string> ExportAsync(ApplicationsHost service, string callId, Metadata who)
    {
        using var export = service.Transfer.ExportApplications(new ExportApplicationsRequest { CallId = callId }, who);
        var bytes = new MemoryStream();
        while (await export.ResponseStream.MoveNext(CancellationToken.None))
        {
            export.ResponseStream.Current.Csv.WriteTo(bytes);
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
