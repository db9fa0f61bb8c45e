using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Upstream.Applications.V1;
using Upstream.Protos.Errors;
using Upstream.ServiceDefaults;
using Upstream.ServiceDefaults.Grpc;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Gateway.Tests.Hosting;

/// <summary>
/// A stand-in for the Applications service, built the way every service is (Grpc.AspNetCore with JSON
/// transcoding, reflection, health and its OpenAPI document through ServiceDefaults), serving every service of the
/// real contract and implementing a few methods with the rules the gateway must carry through: published calls
/// are public, an application is visible to its own council and to staff only, bad input names its fields. It
/// validates the forwarded bearer token itself, as every service does; the rest answer UNIMPLEMENTED.
/// </summary>
public static class ApplicationsBackend
{
    /// <summary>GetCall of "status-N" fails with gRPC status N and this message, as a service would.</summary>
    public const string Said = "Said the service (at Upstream.Applications.CallDesk, 10.0.0.7:5001).";

    public static Task<ServiceHost> StartAsync() => ServiceHost.StartAsync(
        builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Authentication:Issuer"] = "upstream-dev",
                ["Authentication:Audience"] = "upstream",
                ["Authentication:SigningKey"] = GatewayHost.SigningKey,
            });
            builder.AddServiceDefaults();
            builder.AddServiceAuthentication();
            builder.AddGrpcApi();
        },
        app =>
        {
            app.UseAuthentication();
            app.MapDefaultEndpoints();
            app.MapGrpcApi();
            app.MapGrpcService<Calls>();
            app.MapGrpcService<Applications>();
            app.MapGrpcService<Reviews>();
            app.MapGrpcService<Cohorts>();
            app.MapGrpcService<Transfers>();

            // The Grants contract too, so the grants clusters (pointed here) have a service and an API description.
            app.MapGrpcService<Funds>();
            app.MapGrpcService<GrantRequests>();
            app.MapGrpcService<Assessments>();
            app.MapGrpcService<Grants>();
        });

    private static Caller CallerOf(ServerCallContext context) => Caller.From(context.GetHttpContext().User);

    private sealed class Calls : CallService.CallServiceBase
    {
        private static readonly Call Published = new()
        {
            Id = "c-1",
            Title = "Upstream Collaborative 2025",
            TargetCohortSize = 20,
            Opens = new Deadline { At = Timestamp.FromDateTime(new DateTime(2025, 5, 1, 9, 0, 0, DateTimeKind.Utc)) },
        };

        public override async Task<Call> GetCall(GetCallRequest request, ServerCallContext context)
        {
            if (request.CallId.StartsWith("status-", StringComparison.Ordinal))
            {
                throw new RpcException(new Status((StatusCode)int.Parse(request.CallId["status-".Length..], System.Globalization.CultureInfo.InvariantCulture), Said));
            }

            if (request.CallId == "slow")
            {
                await Task.Delay(TimeSpan.FromSeconds(5), context.CancellationToken);
            }

            return request.CallId == "c-1" ? Published : throw RpcErrors.Create(Google.Rpc.Code.NotFound, $"No call {request.CallId}.");
        }

        public override Task<ListCallsResponse> ListCalls(ListCallsRequest request, ServerCallContext context) =>
            Task.FromResult(new ListCallsResponse { Calls = { Published } });

        public override Task<Call> DraftCall(DraftCallRequest request, ServerCallContext context)
        {
            if (!CallerOf(context).IsStaff)
            {
                throw new RpcException(new Status(StatusCode.PermissionDenied, "Only programme staff draft calls."));
            }

            return request.Details.Title.Length == 0
                ? throw RpcErrors.InvalidArgument("The call is incomplete.", ("details.title", "Give the call a title."))
                : Task.FromResult(new Call { Id = "c-2", Title = request.Details.Title });
        }

        /// <summary>Echoes what the gateway delivered: the path's call id, the body's details, and who sent it.</summary>
        public override Task<Call> ReviseCall(ReviseCallRequest request, ServerCallContext context) => Task.FromResult(new Call
        {
            Id = request.CallId,
            Title = request.Details.Title,
            TargetCohortSize = request.Details.TargetCohortSize,
            Description = context.RequestHeaders.GetValue("authorization") ?? "",
        });
    }

    private sealed class Applications : ApplicationService.ApplicationServiceBase
    {
        public override Task<Application> GetApplication(GetApplicationRequest request, ServerCallContext context)
        {
            var caller = CallerOf(context);
            if (!caller.IsAuthenticated)
            {
                throw new RpcException(new Status(StatusCode.Unauthenticated, "Sign in to read applications."));
            }

            // Application a-1 is Adur's (ADU): other councils must not see it.
            return caller.ActsFor("ADU")
                ? Task.FromResult(new Application { Id = request.ApplicationId, LeadCouncilCode = "ADU", State = ApplicationState.Submitted })
                : throw new RpcException(new Status(StatusCode.PermissionDenied, "This application belongs to another council."));
        }

        /// <summary>One application per state asked for, so a test sees how the query string was bound.</summary>
        public override Task<ListApplicationsResponse> ListApplications(ListApplicationsRequest request, ServerCallContext context) =>
            Task.FromResult(new ListApplicationsResponse { Applications = { request.States.Select(s => new Application { CallId = request.CallId, State = s }) } });
    }

    private sealed class Reviews : ReviewService.ReviewServiceBase;

    private sealed class Cohorts : CohortService.CohortServiceBase;

    private sealed class Transfers : TransferService.TransferServiceBase;

    private sealed class Funds : Upstream.Grants.V1.FundService.FundServiceBase;

    private sealed class GrantRequests : Upstream.Grants.V1.GrantRequestService.GrantRequestServiceBase;

    private sealed class Assessments : Upstream.Grants.V1.AssessmentService.AssessmentServiceBase;

    private sealed class Grants : Upstream.Grants.V1.GrantService.GrantServiceBase;
}
