using System.Net.Http.Headers;
using Upstream.Grpc.Protocol;

namespace Upstream.Grpc.Client.Transport;

/// <summary>Carries metadata between <see cref="Metadata"/> and HTTP/2 headers (the encoding is the shared codec's).</summary>
internal static class MetadataHeaders
{
    public static void Write(Metadata metadata, HttpRequestHeaders headers)
    {
        foreach (var entry in metadata)
        {
            if (GrpcProtocol.IsReservedHeader(entry.Key))
            {
                throw new ArgumentException($"'{entry.Key}' is set by the gRPC client itself and cannot be sent as metadata.", nameof(metadata));
            }

            headers.TryAddWithoutValidation(entry.Key, MetadataEncoding.ToHeaderValue(entry));
        }
    }

    /// <summary>The application's metadata among response headers or trailers; malformed entries are skipped, never fatal.</summary>
    public static Metadata Read(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var (name, values) in headers.NonValidated)
        {
            if (GrpcProtocol.IsReservedHeader(name))
            {
                continue;
            }

            foreach (var value in values)
            {
                MetadataEncoding.TryAdd(metadata, name, value);
            }
        }

        return metadata.Freeze();
    }
}
