using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Upstream.Applications.V1;
using Upstream.Gateway.Tests.Hosting;
using Upstream.Hosting.Infrastructure;

namespace Upstream.Gateway.Tests;

/// <summary>
/// Over TLS, one gateway address serves both doors: an https endpoint with Http1AndHttp2 lets ALPN pick HTTP/1.1
/// for REST and HTTP/2 for gRPC (plain http cannot: Kestrel refuses prior-knowledge HTTP/2 on an endpoint that
/// also speaks HTTP/1.1, hence the separate grpc endpoint there). Nothing in the gateway is told which is which.
/// </summary>
public sealed class SameAddressTests : IAsyncLifetime
{
    private readonly string _certificateFile = Path.Combine(Path.GetTempPath(), $"upstream-gateway-{Guid.NewGuid():N}.pfx");
    private string _thumbprint = "";
    private ServiceHost _backend = null!;
    private GatewayHost _gateway = null!;
    private string _address = "";

    public async Task InitializeAsync()
    {
        const string Password = "test-only";
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
            _thumbprint = certificate.Thumbprint;
            await File.WriteAllBytesAsync(_certificateFile, certificate.Export(X509ContentType.Pfx, Password));
        }

        _backend = await ApplicationsBackend.StartAsync();
        _gateway = await FreePort.StartAsync(async port =>
        {
            _address = $"https://127.0.0.1:{port}";
            return await GatewayHost.StartAsync(
            [
                .. _backend.Discovery("applications"),
                new("Kestrel:Endpoints:https:Url", _address),
                new("Kestrel:Endpoints:https:Protocols", "Http1AndHttp2"),
                new("Kestrel:Endpoints:https:Certificate:Path", _certificateFile),
                new("Kestrel:Endpoints:https:Certificate:Password", Password),
            ]);
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
        File.Delete(_certificateFile);
    }

    private HttpClientHandler TrustingOurCertificate() => new()
    {
        ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == _thumbprint,
    };

    [Fact]
    public async Task Rest_over_http11_and_grpc_over_http2_share_one_https_address()
    {
        using var rest = new HttpClient(TrustingOurCertificate());
        using var channel = GrpcChannel.ForAddress(_address, new GrpcChannelOptions { HttpHandler = TrustingOurCertificate() });

        using var page = await rest.GetAsync($"{_address}/v1/calls/c-1");
        var call = await new CallService.CallServiceClient(channel).GetCallAsync(new GetCallRequest { CallId = "c-1" });

        Assert.Equal((HttpStatusCode.OK, HttpVersion.Version11), (page.StatusCode, page.Version));
        Assert.Contains("Upstream Collaborative 2025", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(page.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal("Upstream Collaborative 2025", call.Title);
    }
}
