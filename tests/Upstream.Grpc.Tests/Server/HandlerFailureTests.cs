using Grpc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Upstream.Grpc.Tests.Wire;

namespace Upstream.Grpc.Tests.Server;

/// <summary>What callers see, and what is logged, when handlers fail or callers go away.</summary>
public sealed class HandlerFailureTests
{
    private const string Secret = "Password=hunter2";

    [Fact]
    public async Task An_unhandled_exception_is_internal_without_its_details_and_is_logged()
    {
        await using var host = await StartAsync();
        using var client = new WireClient(host.Address);

        var response = await client.SendAsync("/grpc.testing.TestService/EmptyCall", WireClient.Frame([]));

        Assert.Equal("13", response.GrpcStatus);
        Assert.DoesNotContain("hunter2", response.GrpcMessage ?? "", StringComparison.Ordinal);
        var logged = Assert.Single(host.Logs.Entries, entry => entry.Level == LogLevel.Error);
        Assert.IsType<InvalidOperationException>(logged.Exception);
        await client.AssertServesEmptyCallAsync("/grpc.testing.TestService/CacheableUnaryCall");
    }

    [Fact]
    public async Task An_rpc_exception_sets_the_status_and_its_trailers()
    {
        await using var host = await StartAsync();
        using var client = new WireClient(host.Address);

        var response = await client.SendAsync("/grpc.testing.TestService/StreamingOutputCall", WireClient.Frame(new StreamingOutputCallRequest()));

        Assert.Equal("9", response.GrpcStatus);
        Assert.Equal("call is closed", response.GrpcMessage);
        Assert.True(response.IsTrailersOnly);
        Assert.Equal("q7", response.Headers["x-reason"]);
        Assert.DoesNotContain(host.Logs.Entries, entry => entry.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task A_client_reset_cancels_the_handler()
    {
        await using var host = await StartAsync();
        using var client = new WireClient(host.Address);
        var probe = host.Services.GetRequiredService<Probe>();
        using var cancel = new CancellationTokenSource();

        var call = client.SendAsync("/grpc.testing.TestService/UnaryCall", WireClient.Frame(new SimpleRequest()), cancellationToken: cancel.Token);
        await probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();

        await probe.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await client.AssertServesEmptyCallAsync("/grpc.testing.TestService/CacheableUnaryCall");
    }

    private static Task<TestGrpcHost> StartAsync() =>
        TestGrpcHost.StartAsync(services => services.AddSingleton<Probe>(), app => app.MapGrpcService<FailingService>());

    internal sealed class Probe
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class FailingService(Probe probe) : TestService.TestServiceBase
    {
        public override Task<Empty> EmptyCall(Empty request, ServerCallContext context) =>
            throw new InvalidOperationException("Could not connect: Host=db;" + Secret);

        public override Task<SimpleResponse> CacheableUnaryCall(SimpleRequest request, ServerCallContext context) =>
            Task.FromResult(new SimpleResponse());

        public override async Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context)
        {
            probe.Started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                probe.Cancelled.TrySetResult();
                throw;
            }

            return new SimpleResponse();
        }

        public override Task StreamingOutputCall(StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context) =>
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "call is closed"), new Metadata { { "x-reason", "q7" } });
    }
}
