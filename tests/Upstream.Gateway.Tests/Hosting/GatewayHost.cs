using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Upstream.Gateway.Backends;
using Upstream.Gateway.Hosting;
using Upstream.Hosting.Infrastructure;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Gateway.Tests.Hosting;

/// <summary>
/// The real gateway application on real Kestrel ports (REST over HTTP/1.1, gRPC over HTTP/2), configured the
/// way the app host configures it, with a token issuer for the same signing key.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    public static readonly string SigningKey = Convert.ToBase64String([.. Enumerable.Range(0, 32).Select(i => (byte)(i * 11 + 5))]);

    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, int restPort, int grpcPort)
    {
        _app = app;
        Rest = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{restPort}") };
        GrpcTarget = $"127.0.0.1:{grpcPort}";
        Tokens = new TokenIssuer(app.Services.GetRequiredService<TokenSettings>(), TimeProvider.System);
    }

    public HttpClient Rest { get; }

    /// <summary>host:port of the HTTP/2 gRPC pass-through port.</summary>
    public string GrpcTarget { get; }

    public TokenIssuer Tokens { get; }

    /// <param name="settings">Configuration as environment variables would give it (Gateway:RateLimitPermits, services:NAME:http:0, ...).</param>
    /// <param name="caller">Stands in for the gRPC client runtime on the REST side.</param>
    public static Task<GatewayHost> StartAsync(IDictionary<string, string?> settings, IUnaryCaller? caller = null) =>
        FreePort.StartAsync(async restPort =>
        {
            var grpcPort = FreePort.Next();
            var app = GatewayApplication.Build([], builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["urls"] = $"http://127.0.0.1:{restPort}",
                    ["Gateway:GrpcUrl"] = $"http://127.0.0.1:{grpcPort}",
                    ["Authentication:Issuer"] = "upstream-dev",
                    ["Authentication:Audience"] = "upstream",
                    ["Authentication:SigningKey"] = SigningKey,
                });
                builder.Configuration.AddInMemoryCollection(settings);
                builder.Logging.ClearProviders();
                if (caller is not null)
                {
                    builder.Services.AddSingleton(caller); // registered first, so the gateway keeps it
                }
            });

            try
            {
                await app.StartAsync();
            }
            catch (IOException e)
            {
                await app.DisposeAsync();
                throw new InvalidOperationException("port taken", e);
            }

            return new GatewayHost(app, restPort, grpcPort);
        });

    public HttpRequestMessage Request(HttpMethod method, string path, string? token = null, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return request;
    }

    public async ValueTask DisposeAsync()
    {
        Rest.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
