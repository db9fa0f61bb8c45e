using System.Diagnostics;
using Grpc.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Upstream.Grpc.Client;
using Upstream.Grpc.Client.DependencyInjection;
using Upstream.Grpc.Client.Interceptors;
using Upstream.Grpc.Protocol;

namespace Upstream.Grpc.Tests.Client;

/// <summary>What our client puts on the wire, seen by a bare Kestrel endpoint: headers, deadlines, resets, balancing.</summary>
public sealed class ClientOnTheWireTests : IAsyncLifetime
{
    private RecordingServer server = null!;

    public async Task InitializeAsync() => server = await RecordingServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_call_carries_the_protocol_headers_its_deadline_and_the_callers_trace()
    {
        using var invoker = new HttpCallInvoker(server.Address);
        using var caller = new Activity("caller").SetIdFormat(ActivityIdFormat.W3C).Start();

        await new TestService.TestServiceClient(invoker).EmptyCallAsync(new Empty(), deadline: DateTime.UtcNow.AddSeconds(30));

        var request = Assert.Single(server.Requests);
        Assert.Equal("/grpc.testing.TestService/EmptyCall", request.Path);
        Assert.Equal("trailers", request.Headers["te"]);
        Assert.StartsWith("application/grpc", request.Headers["content-type"]);
        Assert.True(GrpcTimeout.TryParse(request.Headers["grpc-timeout"], out var timeout), request.Headers["grpc-timeout"]);
        Assert.InRange(timeout, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.Contains(caller.TraceId.ToHexString(), request.Headers["traceparent"]);
    }

    [Fact]
    public async Task The_deadline_is_enforced_locally_and_the_stream_is_reset()
    {
        using var invoker = new HttpCallInvoker(server.Address);
        var hang = new Metadata().Add(RecordingServer.Hang, "1");

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new TestService.TestServiceClient(invoker).EmptyCallAsync(new Empty(), hang, DateTime.UtcNow.AddMilliseconds(300)));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        await Assert.Single(server.Requests).ResetByClient.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Cancelling_a_call_reports_cancelled_resets_the_stream_and_leaves_the_connection_usable()
    {
        using var invoker = new HttpCallInvoker(server.Address);
        var client = new TestService.TestServiceClient(invoker);
        using var cancellation = new CancellationTokenSource();
        using var call = client.FullDuplexCall(new Metadata().Add(RecordingServer.Hang, "1"), cancellationToken: cancellation.Token);
        await WaitUntil(() => !server.Requests.IsEmpty);

        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
        await Assert.Single(server.Requests).ResetByClient.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.NotNull(await client.EmptyCallAsync(new Empty()));
    }

    [Fact]
    public async Task A_gzip_compressed_response_is_decompressed()
    {
        using var recorder = new WireRecorder();
        using var invoker = new HttpCallInvoker(server.Address, handler: recorder);

        var response = await new TestService.TestServiceClient(invoker).EmptyCallAsync(new Empty(), new Metadata().Add(RecordingServer.Gzip, "1"));

        Assert.Equal(new Empty(), response);
        Assert.Equal("gzip", Assert.Single(recorder.Responses).Headers.GetValues("grpc-encoding").Single());
    }

    [Fact]
    public async Task A_refusal_arrives_with_its_code_message_and_decoded_field_violations()
    {
        using var invoker = new HttpCallInvoker(server.Address);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new TestService.TestServiceClient(invoker).EmptyCallAsync(new Empty(), new Metadata().Add(RecordingServer.Invalid, "1")));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("The request is not valid: see the field violations.", error.Status.Detail);
        var violation = Assert.Single(error.GetFieldViolations());
        Assert.Equal(("call.title", "A title is required."), (violation.Field, violation.Description));
    }

    [Fact]
    public async Task The_bearer_token_of_the_request_being_served_is_passed_on()
    {
        var accessor = new HttpContextAccessor { HttpContext = new DefaultHttpContext() };
        accessor.HttpContext.Request.Headers.Authorization = "Bearer token-of-the-caller";
        using var http = new HttpCallInvoker(server.Address);
        var client = new TestService.TestServiceClient(http.Intercept(new BearerTokenInterceptor(accessor)));

        await client.EmptyCallAsync(new Empty());

        Assert.Equal("Bearer token-of-the-caller", Assert.Single(server.Requests).Headers["authorization"]);
    }

    [Fact]
    public async Task A_registered_client_finds_its_replicas_in_configuration_and_takes_them_in_turn()
    {
        await using var second = await RecordingServer.StartAsync();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["services:interop:http:0"] = server.Address.ToString(),
            ["services:interop:http:1"] = second.Address.ToString(),
        }).Build());
        services.AddGrpcClient<TestService.TestServiceClient>("interop");
        await using var provider = services.BuildServiceProvider();

        for (var i = 0; i < 4; i++)
        {
            await provider.GetRequiredService<TestService.TestServiceClient>().EmptyCallAsync(new Empty());
        }

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(2, second.Requests.Count);
    }

    [Fact]
    public async Task A_registered_client_takes_its_options_and_forwards_the_bearer_token()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            // The first replica is down: only a retry reaches the second.
            ["services:interop:http:0"] = $"http://127.0.0.1:{Upstream.Hosting.Infrastructure.FreePort.Next()}",
            ["services:interop:http:1"] = server.Address.ToString(),
        }).Build());
        services.AddGrpcClient<TestService.TestServiceClient>("interop", options =>
        {
            options.Retry.InitialBackoff = TimeSpan.FromMilliseconds(10);
            options.Retry.IsIdempotent = method => method == TestService.EmptyCallMethod;
        }).ForwardBearerToken();
        await using var provider = services.BuildServiceProvider();
        var accessor = provider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext();
        accessor.HttpContext.Request.Headers.Authorization = "Bearer token-of-the-caller";

        await provider.GetRequiredService<TestService.TestServiceClient>().EmptyCallAsync(new Empty());

        Assert.Equal("Bearer token-of-the-caller", Assert.Single(server.Requests).Headers["authorization"]);
    }

    [Fact]
    public async Task A_registered_client_without_addresses_says_which_setting_is_missing()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddGrpcClient<TestService.TestServiceClient>("missing");
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(provider.GetRequiredService<TestService.TestServiceClient>);

        Assert.Contains("services__missing__http__0", error.Message);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
