using System.Net;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Grpc.Tests.Server;

/// <summary>
/// A real Kestrel server on a free loopback HTTP/2 port, wired as every Upstream service is
/// (<see cref="GrpcApiExtensions.AddGrpcApi"/>), hosting whatever a test maps; with a channel to call it.
/// </summary>
internal sealed class TestGrpcHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestGrpcHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Channel = GrpcChannel.ForAddress(address);
    }

    public Uri Address { get; }

    public GrpcChannel Channel { get; }

    public IServiceProvider Services => _app.Services;

    public CapturedLogs Logs => _app.Services.GetRequiredService<CapturedLogs>();

    public static async Task<TestGrpcHost> StartAsync(
        Action<IServiceCollection> configureServices, Action<WebApplication> map, Func<Exception, RpcException?>? translate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var logs = new CapturedLogs();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton(logs);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.AddGrpcApi(translate);
        configureServices(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestGrpcHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Log entries a host wrote, to check what is (and is not) logged.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly List<(string Category, LogLevel Level, string Message, Exception? Exception)> _entries = [];

    public IReadOnlyList<(string Category, LogLevel Level, string Message, Exception? Exception)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._entries)
            {
                owner._entries.Add((category, logLevel, formatter(state, exception), exception));
            }
        }
    }
}
