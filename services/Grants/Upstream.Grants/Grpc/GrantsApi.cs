using Grpc.Core;
using Upstream.Domain.Time;
using Upstream.Grants.Handling;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Grants.Grpc;

/// <summary>GrantService: awarded grants, their payments and their evidence reports.</summary>
public sealed class GrantsApi(GrantDesk desk, TimeProvider clock) : V1.GrantService.GrantServiceBase
{
    public override async Task<V1.Grant> GetGrant(V1.GetGrantRequest request, ServerCallContext context) =>
        (await desk.GetAsync(context.Caller(), WireInput.Id(request.GrantId, "grant_id"), context.CancellationToken)).ToProto(clock.GetUtcNow());

    public override async Task<V1.ListGrantsResponse> ListGrants(V1.ListGrantsRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var response = new V1.ListGrantsResponse();
        response.Grants.AddRange((await desk.ListAsync(context.Caller(), WireInput.Id(request.FundId, "fund_id"), context.CancellationToken)).Select(g => g.ToProto(now)));
        return response;
    }

    public override async Task<V1.Grant> RecordPayment(V1.RecordPaymentRequest request, ServerCallContext context)
    {
        var id = WireInput.Id(request.GrantId, "grant_id");
        return (await desk.RecordPaymentAsync(context.Caller(), id, request.PaymentReference, request.AmountPence, context.CancellationToken)).ToProto(clock.GetUtcNow());
    }

    public override async Task<V1.Grant> SubmitReport(V1.SubmitReportRequest request, ServerCallContext context)
    {
        var (grantId, reportId) = ReportIds(request.GrantId, request.ReportId);
        var grant = await desk.SubmitReportAsync(context.Caller(), grantId, reportId, request.WhatWasTried, request.Results, request.ReusableByOthers, context.CancellationToken);
        return grant.ToProto(clock.GetUtcNow());
    }

    public override async Task<V1.Grant> AcceptReport(V1.AcceptReportRequest request, ServerCallContext context)
    {
        var (grantId, reportId) = ReportIds(request.GrantId, request.ReportId);
        return (await desk.AcceptReportAsync(context.Caller(), grantId, reportId, context.CancellationToken)).ToProto(clock.GetUtcNow());
    }

    public override async Task<V1.Grant> SendBackReport(V1.SendBackReportRequest request, ServerCallContext context)
    {
        var (grantId, reportId) = ReportIds(request.GrantId, request.ReportId);
        return (await desk.SendBackReportAsync(context.Caller(), grantId, reportId, request.Note, context.CancellationToken)).ToProto(clock.GetUtcNow());
    }

    public override async Task<V1.ListOverdueReportsResponse> ListOverdueReports(V1.ListOverdueReportsRequest request, ServerCallContext context)
    {
        var today = DateOnly.FromDateTime(ProgrammeTime.ToLondon(clock.GetUtcNow()));
        var response = new V1.ListOverdueReportsResponse();
        response.Reports.AddRange((await desk.OverdueAsync(context.Caller(), context.CancellationToken)).Select(o => new V1.OverdueReport
        {
            GrantId = o.Grant.Id.ToString(),
            LeadCouncilCode = o.Grant.LeadCouncilCode,
            Report = o.Report.ToProto(today),
        }));
        return response;
    }

    private static (Guid Grant, Guid Report) ReportIds(string grantId, string reportId)
    {
        var input = new WireInput();
        var ids = (input.Guid(grantId, "grant_id"), input.Guid(reportId, "report_id"));
        input.ThrowIfAny();
        return ids;
    }
}
