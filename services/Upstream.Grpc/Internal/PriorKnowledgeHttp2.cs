using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace Upstream.Grpc.Internal;

/// <summary>
/// Lets one plaintext port serve both HTTP/1.1 (health probes, browsers) and HTTP/2 with prior knowledge (gRPC).
/// Kestrel in .NET 10 picks HTTP/1.1 for every plaintext connection on an Http1AndHttp2 endpoint, because without
/// TLS there is no ALPN to choose by. This connection middleware reads, without consuming, the first bytes: a
/// connection that opens with the HTTP/2 client preface is marked as if ALPN had chosen "h2", so Kestrel runs
/// HTTP/2 on it; any other connection passes on untouched. TLS connections never start with the preface (they
/// start with a ClientHello), so real ALPN is unaffected.
/// </summary>
internal sealed class PriorKnowledgeHttp2(ConnectionDelegate next, TimeSpan prefaceTimeout)
{
    private static readonly byte[] ClientPreface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        if (connection.Features.Get<ITlsConnectionFeature>() is null && await StartsWithPrefaceAsync(connection))
        {
            var alpn = new NegotiatedH2();
            connection.Features.Set<ITlsApplicationProtocolFeature>(alpn);
            connection.Features.Set<ITlsConnectionFeature>(alpn);
        }

        await next(connection);
    }

    private async Task<bool> StartsWithPrefaceAsync(ConnectionContext connection)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        timeout.CancelAfter(prefaceTimeout);
        var input = connection.Transport.Input;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                return false; // Silent or gone: HTTP/1.1's own timeouts deal with it.
            }

            var buffer = result.Buffer;
            var length = (int)Math.Min(buffer.Length, ClientPreface.Length);
            var matches = PrefixMatches(buffer.Slice(0, length), length);
            var decided = !matches || length == ClientPreface.Length || result.IsCompleted || result.IsCanceled;

            // Consume nothing: Kestrel's HTTP/1.1 or HTTP/2 handler reads these bytes again from the start.
            input.AdvanceTo(buffer.Start, decided ? buffer.Start : buffer.End);
            if (decided)
            {
                return matches && length == ClientPreface.Length;
            }
        }
    }

    private static bool PrefixMatches(ReadOnlySequence<byte> received, int length)
    {
        Span<byte> bytes = stackalloc byte[24];
        received.CopyTo(bytes);
        return bytes[..length].SequenceEqual(ClientPreface.AsSpan(0, length));
    }

    /// <summary>What Kestrel reads to choose HTTP/2: the "h2" protocol, on a connection it then treats as negotiated.</summary>
    private sealed class NegotiatedH2 : ITlsApplicationProtocolFeature, ITlsConnectionFeature
    {
        private static readonly ReadOnlyMemory<byte> H2 = "h2"u8.ToArray();

        public ReadOnlyMemory<byte> ApplicationProtocol => H2;

        public X509Certificate2? ClientCertificate { get; set; }

        public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) => Task.FromResult<X509Certificate2?>(null);
    }
}
