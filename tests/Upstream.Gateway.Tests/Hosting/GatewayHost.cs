using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Upstream.Gateway.Hosting;
using Upstream.Hosting.Infrastructure;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Gateway.Tests.Hosting;

/// <summary>
/// The real gateway application, with its own appsettings.json (routes, clusters, policies), on real Kestrel
/// ports: its <c>http</c> endpoint (HTTP/1.1) and <c>grpc</c> endpoint (HTTP/2), configured the way the app host
/// configures it, with a token issuer for the same signing key.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    public static readonly string SigningKey = Convert.ToBase64String([.. Enumerable.Range(0, 32).Select(i => (byte)(i * 11 + 5))]);

    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, int httpPort, int grpcPort)
    {
        _app = app;
        Rest = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        GrpcAddress = $"http://127.0.0.1:{grpcPort}";
        Tokens = new TokenIssuer(app.Services.GetRequiredService<TokenSettings>(), TimeProvider.System);
    }

    public HttpClient Rest { get; }

    /// <summary>The HTTP/2 address gRPC clients call.</summary>
    public string GrpcAddress { get; }

    /// <summary>host:port of <see cref="GrpcAddress"/>, as grpcio wants it.</summary>
    public string GrpcTarget => new Uri(GrpcAddress).Authority;

    public TokenIssuer Tokens { get; }

    /// <param name="settings">Configuration as environment variables would give it (services:NAME:http:0, Gateway:RateLimitPermits, ReverseProxy:..., ...).</param>
    public static Task<GatewayHost> StartAsync(IEnumerable<KeyValuePair<string, string?>> settings) =>
        FreePort.StartAsync(async httpPort =>
        {
            var grpcPort = FreePort.Next();
            var app = GatewayApplication.Build([], builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Kestrel:Endpoints:http:Url"] = $"http://127.0.0.1:{httpPort}",
                    ["Kestrel:Endpoints:grpc:Url"] = $"http://127.0.0.1:{grpcPort}",
                    ["Authentication:Issuer"] = "upstream-dev",
                    ["Authentication:Audience"] = "upstream",
                    ["Authentication:SigningKey"] = SigningKey,
                });
                builder.Configuration.AddInMemoryCollection(settings);
                builder.Logging.ClearProviders();
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

            return new GatewayHost(app, httpPort, grpcPort);
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
