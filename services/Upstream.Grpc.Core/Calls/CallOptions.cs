namespace Upstream.Grpc;

/// <summary>
/// Options for one client call. Use <c>with</c> to change one (<c>options with { Deadline = ... }</c>).
/// </summary>
/// <param name="Headers">Request metadata.</param>
/// <param name="Deadline">When the call must finish (UTC); sent as <c>grpc-timeout</c>.</param>
/// <param name="CancellationToken">Cancels the call (the server sees RST_STREAM CANCEL).</param>
/// <param name="WriteOptions">How request messages are written.</param>
/// <param name="RequestCompression">Encoding for request messages (<c>gzip</c>), or null to send them uncompressed.</param>
public readonly record struct CallOptions(
    Metadata? Headers = null,
    DateTime? Deadline = null,
    CancellationToken CancellationToken = default,
    WriteOptions? WriteOptions = null,
    string? RequestCompression = null);
