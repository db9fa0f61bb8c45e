using Google.Api;
using Google.Protobuf;
using Grpc.Core;
using Upstream.Grants.Handling;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Grants.Grpc;

/// <summary>FundService: staff set up and change funds; the signed-in read them; staff and partners take the 360Giving data.</summary>
public sealed class FundsApi(FundDesk desk, TimeProvider clock) : V1.FundService.FundServiceBase
{
    public override async Task<V1.Fund> CreateFund(V1.CreateFundRequest request, ServerCallContext context) =>
        (await desk.CreateAsync(context.Caller(), request.Details.FromProto(), context.CancellationToken)).ToProto(clock.GetUtcNow());

    public override async Task<V1.Fund> ReviseFund(V1.ReviseFundRequest request, ServerCallContext context)
    {
        var id = WireInput.Id(request.FundId, "fund_id");
        return (await desk.ReviseAsync(context.Caller(), id, request.Details.FromProto(), context.CancellationToken)).ToProto(clock.GetUtcNow());
    }

    public override async Task<V1.Fund> GetFund(V1.GetFundRequest request, ServerCallContext context) =>
        (await desk.GetAsync(context.Caller(), WireInput.Id(request.FundId, "fund_id"), context.CancellationToken)).ToProto(clock.GetUtcNow());

    public override async Task<V1.ListFundsResponse> ListFunds(V1.ListFundsRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var response = new V1.ListFundsResponse();
        response.Funds.AddRange((await desk.ListAsync(context.Caller(), context.CancellationToken)).Select(f => f.ToProto(now)));
        return response;
    }

    public override async Task<HttpBody> ExportOpenData(V1.ExportOpenDataRequest request, ServerCallContext context)
    {
        var id = WireInput.Id(request.FundId, "fund_id");
        var file = await desk.ExportAsync(context.Caller(), id, request.Format.Trim().ToLowerInvariant(), context.CancellationToken);
        return new HttpBody { ContentType = file.ContentType, Data = ByteString.CopyFrom(file.Content) };
    }
}
