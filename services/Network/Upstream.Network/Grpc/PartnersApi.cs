using Grpc.Core;
using Upstream.Network.Handling;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Network.Grpc;

/// <summary>PartnerService: staff add and list the programme's partners.</summary>
public sealed class PartnersApi(PartnerDesk desk) : V1.PartnerService.PartnerServiceBase
{
    public override async Task<V1.Partner> AddPartner(V1.AddPartnerRequest request, ServerCallContext context) =>
        (await desk.AddAsync(context.Caller(), request.Name, request.Kind.Trim().ToLowerInvariant(), context.CancellationToken)).ToProto();

    public override async Task<V1.ListPartnersResponse> ListPartners(V1.ListPartnersRequest request, ServerCallContext context)
    {
        var response = new V1.ListPartnersResponse();
        response.Partners.AddRange((await desk.ListAsync(context.Caller(), context.CancellationToken)).Select(p => p.ToProto()));
        return response;
    }
}
