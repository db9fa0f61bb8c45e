using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Upstream.Grpc.Tests.Server;

/// <summary>A real Kestrel server on a free loopback port hosting whatever gRPC services a test maps.</summary>
internal sealed class TestGrpcHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private TestGrpcHost(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => app.Services;

    public CapturedLogs Logs => app.Services.GetRequiredService<CapturedLogs>();

    public static async Task<TestGrpcHost> StartAsync(
        Action<IServiceCollection> configureServices,
        Action<WebApplication> map,
        Action<GrpcServerOptions>? configureGrpc = null,
        Action<ListenOptions>? configureListen = null,
        bool bindFromUrls = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var logs = new CapturedLogs();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton(logs);
        builder.Services.AddGrpcServer(configureGrpc);
        if (bindFromUrls)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0"); // as services are bound: from their configured URL
        }
        else
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => configureListen?.Invoke(listen.UseHttp1AndHttp2())));
        }

        configureServices(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestGrpcHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>Log entries a host wrote, to check what is (and is not) logged.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly List<(string Category, LogLevel Level, string Message, Exception? Exception)> entries = [];

    public IReadOnlyList<(string Category, LogLevel Level, string Message, Exception? Exception)> Entries
    {
        get
        {
            lock (entries)
            {
                return [.. entries];
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
            lock (owner.entries)
            {
                owner.entries.Add((category, logLevel, formatter(state, exception), exception));
            }
        }
    }
}
