using Grpc.Core;
using Upstream.Contracts.Network;
using Upstream.Network.V1;
using Upstream.Protos.Errors;

namespace Upstream.Integration.Tests.Network.Workgroups;

/// <summary>Workgroups submit the learning product they committed to; the network (and Insights) hear of each submission.</summary>
public sealed class LearningProductApiTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Fact]
    public async Task A_participant_submits_the_product_and_the_submission_reaches_the_broker()
    {
        await using var stage = await WorkgroupStage.StartAsync(infrastructure);
        await using var tap = await EventTap.StartAsync<LearningProductSubmitted>(stage.Host.Broker);
        var id = await FormedWithAdurAsync(stage);

        var submitted = await stage.Workgroups.SubmitLearningProductAsync(Submission(id, "https://example.org/early-help-toolkit", "bri", "ADU"), stage.Adur);
        stage.Host.Clock.Now = WorkgroupStage.Now.AddDays(7);
        var document = Submission(id, link: "", "ADU");
        document.Document = new LearningProductDocument { FileName = "toolkit-v2.pdf", MediaType = "application/pdf", SizeBytes = 250_000, Sha256 = Sha.ToUpperInvariant() };
        await stage.Workgroups.SubmitLearningProductAsync(document, stage.Staff);

        Assert.Equal(["BRI", "ADU"], submitted.ContributingCouncilCodes);
        var listed = (await stage.Workgroups.ListLearningProductSubmissionsAsync(new LearningProductSubmissionListRequest { WorkgroupId = id }, stage.Cornwall)).Submissions;
        Assert.Equal([submitted.Id, listed[1].Id], listed.Select(s => s.Id));
        Assert.Equal(("", "toolkit-v2.pdf", Sha), (listed[1].Link, listed[1].Document.FileName, listed[1].Document.Sha256));

        var published = await tap.WaitForAsync<LearningProductSubmitted>(2);
        Assert.Equal(2, published.Count);
        var first = published.Single(p => p.SubmissionId == Guid.Parse(submitted.Id));
        Assert.Equal(
            (Guid.Parse(id), "Prevention", "Early help toolkit", "https://example.org/early-help-toolkit", (string?)null),
            (first.WorkgroupId, first.Theme, first.Title, first.Link, first.DocumentName));
        Assert.Equal(["BRI", "ADU"], first.ContributingCouncilCodes);
        Assert.Equal("toolkit-v2.pdf", published.Single(p => p != first).DocumentName);
    }

    [Fact]
    public async Task Only_participants_members_and_staff_submit_and_partners_see_no_submissions()
    {
        await using var stage = await WorkgroupStage.StartAsync(infrastructure);
        var id = await FormedWithAdurAsync(stage);

        var outsider = await Refusal.Of(StatusCode.PermissionDenied, stage.Workgroups.SubmitLearningProductAsync(Submission(id, "https://example.org/t", "BRI"), stage.Cornwall));
        Assert.Equal("Only the workgroup's participating councils and programme staff can submit its learning product.", outsider.Status.Detail);
        await Refusal.Of(StatusCode.PermissionDenied, stage.Workgroups.SubmitLearningProductAsync(Submission(id, "https://example.org/t", "BRI"), stage.Partner));
        await Refusal.Of(StatusCode.Unauthenticated, stage.Workgroups.SubmitLearningProductAsync(Submission(id, "https://example.org/t", "BRI")));
        await Refusal.Of(StatusCode.PermissionDenied, stage.Workgroups.ListLearningProductSubmissionsAsync(new LearningProductSubmissionListRequest { WorkgroupId = id }, stage.Partner));
        await Refusal.Of(StatusCode.NotFound, stage.Workgroups.ListLearningProductSubmissionsAsync(new LearningProductSubmissionListRequest { WorkgroupId = Guid.NewGuid().ToString() }, stage.Staff));

        // Leaving the workgroup ends the right to submit for it.
        await stage.Workgroups.LeaveWorkgroupAsync(new WorkgroupLeaveRequest { WorkgroupId = id, CouncilCode = "ADU" }, stage.Adur);
        await Refusal.Of(StatusCode.PermissionDenied, stage.Workgroups.SubmitLearningProductAsync(Submission(id, "https://example.org/t", "BRI"), stage.Adur));
        Assert.Empty((await stage.Workgroups.ListLearningProductSubmissionsAsync(new LearningProductSubmissionListRequest { WorkgroupId = id }, stage.Bristol)).Submissions);
    }

    [Fact]
    public async Task Bad_submissions_name_the_fields_at_fault_and_nothing_is_stored()
    {
        await using var stage = await WorkgroupStage.StartAsync(infrastructure);
        var id = await FormedWithAdurAsync(stage);

        var nothingToRead = await Refusal.Of(StatusCode.InvalidArgument, stage.Workgroups.SubmitLearningProductAsync(Submission(id, "", "BRI"), stage.Bristol));
        Assert.Equal("link", Assert.Single(nothingToRead.GetFieldViolations()).Field);

        var notALink = await Refusal.Of(StatusCode.InvalidArgument, stage.Workgroups.SubmitLearningProductAsync(Submission(id, "javascript:alert(1)", "BRI"), stage.Bristol));
        Assert.Equal("link", Assert.Single(notALink.GetFieldViolations()).Field);

        var badDocument = Submission(id, "", "BRI");
        badDocument.Document = new LearningProductDocument { FileName = "toolkit.pdf", MediaType = "application/pdf", SizeBytes = -1, Sha256 = "not-a-hash" };
        var refusedDocument = await Refusal.Of(StatusCode.InvalidArgument, stage.Workgroups.SubmitLearningProductAsync(badDocument, stage.Bristol));
        Assert.Equal(["document.size_bytes", "document.sha256"], refusedDocument.GetFieldViolations().Select(v => v.Field));

        var contributors = await Refusal.Of(StatusCode.InvalidArgument, stage.Workgroups.SubmitLearningProductAsync(Submission(id, "https://example.org/t", "BRI", "CON", "ZZZ"), stage.Bristol));
        Assert.Equal(["contributing_council_codes[1]", "contributing_council_codes[2]"], contributors.GetFieldViolations().Select(v => v.Field));
        Assert.Equal("Cornwall Council does not take part in this workgroup.", contributors.GetFieldViolations()[0].Description);

        var none = await Refusal.Of(StatusCode.InvalidArgument, stage.Workgroups.SubmitLearningProductAsync(Submission(id, "https://example.org/t"), stage.Bristol));
        Assert.Equal("contributing_council_codes", Assert.Single(none.GetFieldViolations()).Field);
        Assert.Equal(0, await stage.Host.CountAsync("SELECT count(*) FROM learning_product_submissions"));
        Assert.Equal(0, await stage.Host.CountAsync("SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%LearningProductSubmitted%'"));
    }

    /// <summary>Bristol's workgroup, which Adur has joined.</summary>
    private static async Task<string> FormedWithAdurAsync(WorkgroupStage stage)
    {
        var id = (await stage.FormAsync()).Id;
        await stage.Workgroups.JoinWorkgroupAsync(new WorkgroupJoinRequest { WorkgroupId = id, CouncilCode = "ADU" }, stage.Adur);
        return id;
    }

    private static LearningProductSubmitRequest Submission(string workgroupId, string link, params string[] contributors)
    {
        var request = new LearningProductSubmitRequest { WorkgroupId = workgroupId, Title = "Early help toolkit", Summary = "What five councils learnt commissioning early help.", Link = link };
        request.ContributingCouncilCodes.AddRange(contributors);
        return request;
    }
}
