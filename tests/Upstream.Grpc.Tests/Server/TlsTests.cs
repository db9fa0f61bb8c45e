using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Upstream.Grpc.Tests.Server;

/// <summary>Over TLS, HTTP/2 is chosen by ALPN on the same Http1AndHttp2 endpoint, and HTTP/1.1 still answers.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task Grpc_runs_over_tls_with_alpn_h2_and_http_1_1_still_answers()
    {
        using var certificate = SelfSigned();
        await using var host = await TestGrpcHost.StartAsync(
            _ => { },
            app =>
            {
                app.MapGrpcService<EmptyService>();
                app.MapGet("/health", () => "Healthy");
            },
            configureListen: listen => listen.UseHttps(certificate));
        var address = host.Address;
        using var http = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } }) { BaseAddress = address };

        using var grpc = new HttpRequestMessage(HttpMethod.Post, "/grpc.testing.TestService/EmptyCall")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 0]) { Headers = { { "content-type", "application/grpc" } } },
        };
        using var grpcResponse = await http.SendAsync(grpc);
        await grpcResponse.Content.ReadAsByteArrayAsync();
        using var health = new HttpRequestMessage(HttpMethod.Get, "/health") { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var healthResponse = await http.SendAsync(health);

        Assert.Equal("https", address.Scheme);
        Assert.Equal(HttpVersion.Version20, grpcResponse.Version);
        Assert.Equal("0", string.Join(",", grpcResponse.TrailingHeaders.GetValues("grpc-status")));
        Assert.Equal(HttpVersion.Version11, healthResponse.Version);
        Assert.Equal(HttpStatusCode.OK, healthResponse.StatusCode);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private sealed class EmptyService : TestService.TestServiceBase
    {
        public override Task<Empty> EmptyCall(Empty request, ServerCallContext context) => Task.FromResult(new Empty());
    }
}
