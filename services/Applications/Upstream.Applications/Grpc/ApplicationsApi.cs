using Upstream.Applications.Domain;
using Upstream.Applications.Handling;
using Grpc.Core;
using Upstream.Domain.Refusals;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Applications.Grpc;

/// <summary>ApplicationService: councils draft and submit; staff extend deadlines and override screening.</summary>
public sealed class ApplicationsApi(ApplicationDesk desk) : V1.ApplicationService.ApplicationServiceBase
{
    public override async Task<V1.Application> StartApplication(V1.StartApplicationRequest request, ServerCallContext context)
    {
        var callId = ProtoMapping.Id(request.CallId, "call_id");
        var draft = request.Draft.FromProto();
        return await ReplyAsync(await desk.StartAsync(context.Caller(), callId, request.LeadCouncilCode, draft, context.CancellationToken));
    }

    public override async Task<V1.Application> SaveDraft(V1.SaveDraftRequest request, ServerCallContext context)
    {
        var id = ProtoMapping.Id(request.ApplicationId, "application_id");
        return await ReplyAsync(await desk.SaveDraftAsync(context.Caller(), id, request.Draft.FromProto(), context.CancellationToken));
    }

    public override async Task<V1.Application> SubmitApplication(V1.SubmitApplicationRequest request, ServerCallContext context) =>
        await ReplyAsync(await desk.SubmitAsync(context.Caller(), ProtoMapping.Id(request.ApplicationId, "application_id"), context.CancellationToken));

    public override async Task<V1.Application> WithdrawApplication(V1.WithdrawApplicationRequest request, ServerCallContext context) =>
        await ReplyAsync(await desk.WithdrawAsync(context.Caller(), ProtoMapping.Id(request.ApplicationId, "application_id"), context.CancellationToken));

    public override async Task<V1.Application> GetApplication(V1.GetApplicationRequest request, ServerCallContext context)
    {
        var (application, call) = await desk.GetAsync(context.Caller(), ProtoMapping.Id(request.ApplicationId, "application_id"), context.CancellationToken);
        return application.ToProto(call);
    }

    public override async Task<V1.ListApplicationsResponse> ListApplications(V1.ListApplicationsRequest request, ServerCallContext context)
    {
        var callId = ProtoMapping.Id(request.CallId, "call_id");
        var states = new List<ApplicationState>();
        var v = new Violations();
        for (var i = 0; i < request.States.Count; i++)
        {
            var state = ProtoMapping.FromProto(request.States[i]);
            v.Require(state is not null, $"states[{i}]", "Not an application state.");
            if (state is { } known)
            {
                states.Add(known);
            }
        }

        v.ThrowIfAny();
        var applications = await desk.ListAsync(context.Caller(), callId, states, context.CancellationToken);
        var response = new V1.ListApplicationsResponse();
        if (applications.Count > 0)
        {
            var call = await desk.FindCallAsync(callId, context.CancellationToken);
            response.Applications.AddRange(applications.Select(a => a.ToProto(call)));
        }

        return response;
    }

    public override async Task<V1.Application> GrantExtension(V1.GrantExtensionRequest request, ServerCallContext context)
    {
        var id = ProtoMapping.Id(request.ApplicationId, "application_id");
        var v = new Violations();
        var until = ProtoMapping.WallTime(request.UntilLondon, "until_london", v);
        v.ThrowIfAny();
        return await ReplyAsync(await desk.GrantExtensionAsync(context.Caller(), id, until, request.Reason, context.CancellationToken));
    }

    public override async Task<V1.Application> ShortlistApplication(V1.ShortlistApplicationRequest request, ServerCallContext context) =>
        await ReplyAsync(await desk.ShortlistAsync(context.Caller(), ProtoMapping.Id(request.ApplicationId, "application_id"), context.CancellationToken));

    public override async Task<V1.Application> OverrideScreening(V1.OverrideScreeningRequest request, ServerCallContext context)
    {
        var id = ProtoMapping.Id(request.ApplicationId, "application_id");
        return await ReplyAsync(await desk.OverrideScreeningAsync(context.Caller(), id, request.Eligible, request.Reason, context.CancellationToken));
    }

    /// <summary>The reply shows the deadline that applies, which needs the application's call (already loaded).</summary>
    private async Task<V1.Application> ReplyAsync(Application application) =>
        application.ToProto(await desk.FindCallAsync(application.CallId, CancellationToken.None));
}
