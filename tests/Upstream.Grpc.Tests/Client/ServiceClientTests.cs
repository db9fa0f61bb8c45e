using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Upstream.Applications.V1;
using Upstream.Grpc.Tests.Server;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Grpc.Tests.Client;

/// <summary>
/// Typed clients as services and tools register them (AddServiceClient): found by name through service discovery,
/// retried on UNAVAILABLE only where the contract says a method is safe to repeat, given a deadline when the caller
/// sets none, and carrying the bearer token of the request being served.
/// </summary>
public sealed class ServiceClientTests
{
    [Fact]
    public async Task A_method_the_contract_marks_free_of_side_effects_is_retried_while_unavailable()
    {
        await using var service = await StartServiceAsync();
        await using var clients = Clients(service.Address);

        var call = await clients.GetRequiredService<CallService.CallServiceClient>().GetCallAsync(new GetCallRequest { CallId = "c-1" });

        Assert.Equal("Upstream Collaborative", call.Title);
        Assert.Equal(3, service.Services.GetRequiredService<Recorder>().Attempts("GetCall")); // two refusals, then the answer
    }

    [Fact]
    public async Task A_method_with_side_effects_is_tried_once()
    {
        await using var service = await StartServiceAsync();
        await using var clients = Clients(service.Address);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await clients.GetRequiredService<CallService.CallServiceClient>().DraftCallAsync(new DraftCallRequest()));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(1, service.Services.GetRequiredService<Recorder>().Attempts("DraftCall"));
    }

    [Fact]
    public async Task A_call_without_a_deadline_gets_the_default_one_and_a_set_deadline_stands()
    {
        await using var service = await StartServiceAsync();
        await using var clients = Clients(service.Address);
        var client = clients.GetRequiredService<CallService.CallServiceClient>();
        var recorder = service.Services.GetRequiredService<Recorder>();

        await client.ListCallsAsync(new ListCallsRequest());
        var defaulted = recorder.LastDeadline - DateTime.UtcNow;
        await client.ListCallsAsync(new ListCallsRequest(), deadline: DateTime.UtcNow.AddMinutes(5));
        var chosen = recorder.LastDeadline - DateTime.UtcNow;

        Assert.InRange(defaulted, ServiceClients.DefaultDeadline - TimeSpan.FromSeconds(10), ServiceClients.DefaultDeadline);
        Assert.InRange(chosen, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task The_bearer_token_of_the_request_being_served_is_passed_on()
    {
        await using var service = await StartServiceAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(Discovery(service.Address));
        builder.Services.AddServiceClient<CallService.CallServiceClient>("applications");
        await using var caller = builder.Build();
        caller.MapGet("/calls", async (CallService.CallServiceClient calls) => (await calls.ListCallsAsync(new ListCallsRequest())).Calls.Count);
        await caller.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(caller.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
        http.DefaultRequestHeaders.Add("authorization", "Bearer token-of-the-caller");

        Assert.Equal("0", await http.GetStringAsync("/calls"));
        Assert.Equal("Bearer token-of-the-caller", service.Services.GetRequiredService<Recorder>().LastAuthorization);
        await caller.StopAsync();
    }

    private static Dictionary<string, string?> Discovery(Uri address) => new() { ["services:applications:grpc:0"] = address.ToString() };

    private static ServiceProvider Clients(Uri address)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(Discovery(address)).Build());
        services.AddServiceClient<CallService.CallServiceClient>("applications");
        return services.BuildServiceProvider();
    }

    private static Task<TestGrpcHost> StartServiceAsync() =>
        TestGrpcHost.StartAsync(services => services.AddSingleton<Recorder>(), app => app.MapGrpcService<FlakyCalls>());

    internal sealed class Recorder
    {
        private readonly ConcurrentDictionary<string, int> _attempts = new();

        public DateTime LastDeadline { get; private set; }

        public string? LastAuthorization { get; private set; }

        public int Attempts(string method) => _attempts.GetValueOrDefault(method);

        public int Record(string method, ServerCallContext context)
        {
            LastDeadline = context.Deadline;
            LastAuthorization = context.RequestHeaders.GetValue("authorization");
            return _attempts.AddOrUpdate(method, 1, (_, n) => n + 1);
        }
    }

    /// <summary>A stand-in Applications CallService that is unavailable at first.</summary>
    private sealed class FlakyCalls(Recorder recorder) : CallService.CallServiceBase
    {
        public override Task<Call> GetCall(GetCallRequest request, ServerCallContext context) =>
            recorder.Record(nameof(GetCall), context) <= 2
                ? throw new RpcException(new Status(StatusCode.Unavailable, "starting up"))
                : Task.FromResult(new Call { Id = request.CallId, Title = "Upstream Collaborative" });

        public override Task<Call> DraftCall(DraftCallRequest request, ServerCallContext context)
        {
            recorder.Record(nameof(DraftCall), context);
            throw new RpcException(new Status(StatusCode.Unavailable, "starting up"));
        }

        public override Task<ListCallsResponse> ListCalls(ListCallsRequest request, ServerCallContext context)
        {
            recorder.Record(nameof(ListCalls), context);
            return Task.FromResult(new ListCallsResponse());
        }
    }
}
