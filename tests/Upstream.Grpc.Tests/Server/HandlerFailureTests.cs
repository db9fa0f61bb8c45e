using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Upstream.Grpc.Tests.Server;

/// <summary>What callers see, and what is logged, when handlers refuse, fail or callers go away.</summary>
public sealed class HandlerFailureTests
{
    private const string Secret = "Password=hunter2";

    [Fact]
    public async Task An_unhandled_exception_is_internal_without_its_details_and_is_logged()
    {
        await using var host = await StartAsync();
        var client = new TestService.TestServiceClient(host.Channel);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.EmptyCallAsync(new Empty()));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.DoesNotContain("hunter2", error.Status.Detail, StringComparison.Ordinal);
        var logged = Assert.Single(host.Logs.Entries, entry => entry.Level == LogLevel.Error);
        Assert.IsType<InvalidOperationException>(logged.Exception);
        await client.CacheableUnaryCallAsync(new SimpleRequest()); // the server goes on serving
    }

    [Fact]
    public async Task A_refusal_the_service_declares_becomes_its_status_and_is_not_an_error_in_the_log()
    {
        await using var host = await StartAsync();
        var client = new TestService.TestServiceClient(host.Channel);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.UnaryCallAsync(new SimpleRequest { ResponseSize = 7 }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("No payload of size 7.", error.Status.Detail);
        Assert.DoesNotContain(host.Logs.Entries, entry => entry.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task An_rpc_exception_sets_the_status_and_its_trailers()
    {
        await using var host = await StartAsync();
        var client = new TestService.TestServiceClient(host.Channel);

        using var call = client.StreamingOutputCall(new StreamingOutputCallRequest());
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("call is closed", error.Status.Detail);
        Assert.Equal("q7", error.Trailers.GetValue("x-reason"));
        Assert.DoesNotContain(host.Logs.Entries, entry => entry.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task A_caller_that_cancels_cancels_the_handler()
    {
        await using var host = await StartAsync();
        var client = new TestService.TestServiceClient(host.Channel);
        var probe = host.Services.GetRequiredService<Probe>();
        using var cancel = new CancellationTokenSource();

        var call = client.UnaryCallAsync(new SimpleRequest(), cancellationToken: cancel.Token);
        await probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();

        await probe.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(StatusCode.Cancelled, (await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync)).StatusCode);
        await client.CacheableUnaryCallAsync(new SimpleRequest());
    }

    private static Task<TestGrpcHost> StartAsync() =>
        TestGrpcHost.StartAsync(
            services => services.AddSingleton<Probe>(),
            app => app.MapGrpcService<FailingService>(),
            exception => exception is KeyNotFoundException ? new RpcException(new Status(StatusCode.NotFound, exception.Message)) : null);

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
            if (request.ResponseSize > 0)
            {
                throw new KeyNotFoundException($"No payload of size {request.ResponseSize}.");
            }

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
