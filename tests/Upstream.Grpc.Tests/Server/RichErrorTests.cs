using Google.Rpc;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using Upstream.Protos.Errors;
using Code = Google.Rpc.Code;
using Status = Grpc.Core.Status;

namespace Upstream.Grpc.Tests.Server;

/// <summary>Invalid input comes back as INVALID_ARGUMENT with a google.rpc.BadRequest naming each field.</summary>
public sealed class RichErrorTests
{
    [Fact]
    public async Task Field_violations_travel_in_grpc_status_details_bin()
    {
        await using var host = await TestGrpcHost.StartAsync(_ => { }, app => app.MapGrpcService<ValidatingService>());
        var client = new TestService.TestServiceClient(host.Channel);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.UnaryCallAsync(new SimpleRequest { ResponseSize = -1 }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("The request has invalid fields.", error.Status.Detail);
        Assert.NotNull(error.Trailers.Get("grpc-status-details-bin"));
        Assert.Equal((int)Code.InvalidArgument, error.GetRpcStatus()!.Code);
        Assert.Equal(
            [("response_size", "must not be negative"), ("payload.body", "is required")],
            error.GetFieldViolations().Select(violation => (violation.Field, violation.Description)));
    }

    [Fact]
    public void Precondition_failures_and_missing_resources_carry_their_details()
    {
        var closed = RpcErrors.FailedPrecondition("The call is closed.", ("STATE", "calls/42", "closed on 15 July"));
        var missing = RpcErrors.Create(Code.NotFound, "No such call.", new ResourceInfo { ResourceType = "call", ResourceName = "calls/42" });

        Assert.Equal(StatusCode.FailedPrecondition, closed.StatusCode);
        Assert.Equal("calls/42", Assert.Single(closed.GetPreconditionViolations()).Subject);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal("call", missing.GetRpcStatus()!.GetDetail<ResourceInfo>()!.ResourceType);
        Assert.Empty(missing.GetFieldViolations());
    }

    [Fact]
    public void Malformed_details_from_a_peer_read_as_none()
    {
        var exception = new RpcException(new Status(StatusCode.Internal, "x"), new Metadata { { "grpc-status-details-bin", [0xFF, 0xFF] } });

        Assert.Null(exception.TryGetRpcStatus());
        Assert.Empty(exception.GetFieldViolations());
    }

    private sealed class ValidatingService : TestService.TestServiceBase
    {
        public override Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context) =>
            throw RpcErrors.InvalidArgument(
                "The request has invalid fields.",
                ("response_size", "must not be negative"),
                ("payload.body", "is required"));
    }
}
