using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Upstream.Applications.V1;
using Upstream.Grpc;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Gateway.Tests.Hosting;

/// <summary>
/// A stand-in for the Applications service on the project's own gRPC server, implementing a few of the real
/// contract's methods with the real rules the gateway must carry through: published calls are public, an
/// application is visible to its own council and to staff only, bad input names its fields. It validates the
/// forwarded bearer token itself, as every service does.
/// </summary>
public static class ApplicationsBackend
{
    public static Task<Http2Backend> StartAsync() => Http2Backend.StartAsync(
        builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Authentication:Issuer"] = "upstream-dev",
                ["Authentication:Audience"] = "upstream",
                ["Authentication:SigningKey"] = GatewayHost.SigningKey,
            });
            builder.AddServiceAuthentication();
            builder.Services.AddGrpcServer();
        },
        app =>
        {
            app.UseAuthentication();
            app.MapGrpcService<Calls>();
            app.MapGrpcService<Applications>();
        });

    private sealed class Calls : CallService.CallServiceBase
    {
        public override Task<Call> GetCall(GetCallRequest request, ServerCallContext context) =>
            request.CallId == "c-1"
                ? Task.FromResult(new Call { Id = "c-1", Title = "Upstream Collaborative 2025", TargetCohortSize = 20 })
                : throw RpcErrors.NotFound($"No call {request.CallId}.", "call", request.CallId);

        public override Task<Call> DraftCall(DraftCallRequest request, ServerCallContext context)
        {
            if (!Caller.From(context.GetHttpContext().User).IsStaff)
            {
                throw RpcErrors.PermissionDenied("Only programme staff draft calls.");
            }

            return request.Details.Title.Length == 0
                ? throw RpcErrors.InvalidArgument("The call is incomplete.", ("details.title", "Give the call a title."))
                : Task.FromResult(new Call { Id = "c-2", Title = request.Details.Title });
        }
    }

    private sealed class Applications : ApplicationService.ApplicationServiceBase
    {
        public override Task<Application> GetApplication(GetApplicationRequest request, ServerCallContext context)
        {
            var caller = Caller.From(context.GetHttpContext().User);
            if (!caller.IsAuthenticated)
            {
                throw RpcErrors.Unauthenticated("Sign in to read applications.");
            }

            // Application a-1 is Adur's (ADU): other councils must not see it.
            return caller.ActsFor("ADU")
                ? Task.FromResult(new Application { Id = request.ApplicationId, LeadCouncilCode = "ADU", State = ApplicationState.Submitted })
                : throw RpcErrors.PermissionDenied("This application belongs to another council.");
        }
    }
}
