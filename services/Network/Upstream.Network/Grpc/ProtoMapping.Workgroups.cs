using Google.Protobuf.WellKnownTypes;
using Upstream.Domain.Refusals;
using Upstream.Network.Domain.Workgroups;
using Upstream.Network.Handling;

namespace Upstream.Network.Grpc;

/// <summary>Between the workgroup messages and the domain.</summary>
public static partial class ProtoMapping
{
    public static WorkgroupForm FromProto(this V1.WorkgroupFormRequest request)
    {
        if (request.LearningProduct is null)
        {
            throw new InvalidInputException([new FieldViolation("learning_product", "Say what learning product the group will share, and by when.")]);
        }

        var due = Date(request.LearningProduct.DueOn, "learning_product.due_on");
        return new WorkgroupForm(request.Name, request.Theme, request.LeadCouncilCode, new LearningProductCommitment(request.LearningProduct.Description, due));
    }

    public static LearningProductDraft FromProto(this V1.LearningProductSubmitRequest request) => new(
        request.Title,
        request.Summary,
        Optional(request.Link),
        request.Document is { } d ? new LearningProductDocument(d.FileName, d.MediaType, d.SizeBytes, d.Sha256) : null,
        [.. request.ContributingCouncilCodes]);

    public static V1.Workgroup ToProto(this WorkgroupView view)
    {
        var workgroup = view.Workgroup;
        var proto = new V1.Workgroup
        {
            Id = workgroup.Id.ToString(),
            Name = workgroup.Name,
            Theme = workgroup.Theme,
            LeadCouncilCode = view.Members[workgroup.LeadMemberId].CouncilCode,
            LearningProduct = new V1.LearningProductCommitment { Description = workgroup.LearningProduct.Description, DueOn = Text(workgroup.LearningProduct.DueOn) },
            FormedAt = Timestamp.FromDateTimeOffset(workgroup.FormedAt),
        };

        // The lead first, then in the order they joined (by council code when they joined at the same moment).
        proto.Participants.AddRange(workgroup.Current
            .OrderBy(p => p.MemberId != workgroup.LeadMemberId).ThenBy(p => p.JoinedAt).ThenBy(p => view.Members[p.MemberId].CouncilCode, StringComparer.Ordinal)
            .Select(p => new V1.WorkgroupParticipant
            {
                CouncilCode = view.Members[p.MemberId].CouncilCode,
                CouncilName = view.Members[p.MemberId].CouncilName,
                JoinedAt = Timestamp.FromDateTimeOffset(p.JoinedAt),
                Lead = p.MemberId == workgroup.LeadMemberId,
            }));
        return proto;
    }

    public static V1.LearningProductSubmission ToProto(this LearningProductSubmission submission)
    {
        var proto = new V1.LearningProductSubmission
        {
            Id = submission.Id.ToString(),
            WorkgroupId = submission.WorkgroupId.ToString(),
            Title = submission.Title,
            Summary = submission.Summary,
            Link = submission.Link ?? "",
            Document = submission.Document is { } d ? new V1.LearningProductDocument { FileName = d.FileName, MediaType = d.MediaType, SizeBytes = d.SizeBytes, Sha256 = d.Sha256 } : null,
            SubmittedAt = Timestamp.FromDateTimeOffset(submission.SubmittedAt),
        };
        proto.ContributingCouncilCodes.AddRange(submission.ContributingCouncilCodes);
        return proto;
    }
}
