namespace Upstream.Grpc.Client;

/// <summary>How one client (one named service) calls: limits, compression, retries and interceptors.</summary>
public sealed class GrpcClientOptions
{
    /// <summary>The protocol's default receive limit (4 MiB); a larger response fails with RESOURCE_EXHAUSTED.</summary>
    public const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    /// <summary>Largest response message accepted, in bytes; null for no limit.</summary>
    public int? MaxReceiveMessageSize { get; set; } = DefaultMaxReceiveMessageSize;

    /// <summary>Encoding for request messages (<c>gzip</c>) when a call does not choose one; null sends them uncompressed.</summary>
    public string? RequestCompression { get; set; }

    /// <summary>Retries of idempotent unary calls that fail with UNAVAILABLE.</summary>
    public GrpcRetryOptions Retry { get; } = new();

    /// <summary>The clock deadlines are measured on (tests substitute their own).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

/// <summary>
/// Retries with exponential backoff and jitter for unary calls the caller marks idempotent. Only UNAVAILABLE is
/// retried: the server never saw the call or could not serve it, so a second try cannot do the work twice
/// unless the method is idempotent, which is why the marking is required.
/// </summary>
public sealed class GrpcRetryOptions
{
    /// <summary>Attempts in all, the first included; 1 disables retries.</summary>
    public int MaxAttempts { get; set; } = 4;

    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Which methods may safely run more than once; none by default.</summary>
    public Func<IMethod, bool> IsIdempotent { get; set; } = static _ => false;
}
