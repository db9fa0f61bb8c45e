using Grpc.Core;
using Upstream.Network.Handling;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Network.Grpc;

/// <summary>MemberService: see members; staff revise a member's initiative and end memberships.</summary>
public sealed class MembersApi(MemberDesk desk) : V1.MemberService.MemberServiceBase
{
    public override async Task<V1.Member> GetMember(V1.GetMemberRequest request, ServerCallContext context)
    {
        var member = await desk.GetAsync(context.Caller(), request.CouncilCode, context.CancellationToken);
        return member.ToProto(desk.VersionOf(member));
    }

    public override async Task<V1.ListMembersResponse> ListMembers(V1.ListMembersRequest request, ServerCallContext context)
    {
        var response = new V1.ListMembersResponse();
        response.Members.AddRange((await desk.ListAsync(context.Caller(), request.IncludeFormer, context.CancellationToken)).Select(m => m.ToProto(desk.VersionOf(m))));
        return response;
    }

    public override async Task<V1.Member> UpdateMember(V1.UpdateMemberRequest request, ServerCallContext context)
    {
        var member = await desk.ReviseAsync(context.Caller(), request.CouncilCode, request.Version, request.Initiative.FromProto(), context.CancellationToken);
        return member.ToProto(desk.VersionOf(member));
    }

    public override async Task<V1.Member> EndMembership(V1.EndMembershipRequest request, ServerCallContext context)
    {
        var member = await desk.EndAsync(context.Caller(), request.CouncilCode, request.Reason, context.CancellationToken);
        return member.ToProto(desk.VersionOf(member));
    }
}
