namespace Upstream.Grpc;

/// <summary>How many messages each side of a call sends.</summary>
public enum MethodType
{
    /// <summary>One request, one response.</summary>
    Unary,

    /// <summary>A stream of requests, one response.</summary>
    ClientStreaming,

    /// <summary>One request, a stream of responses.</summary>
    ServerStreaming,

    /// <summary>Both sides stream, independently (full duplex).</summary>
    DuplexStreaming,
}

public static class MethodTypeExtensions
{
    /// <summary>True when the caller sends a stream of requests (client streaming and duplex).</summary>
    public static bool HasRequestStream(this MethodType type) => type is MethodType.ClientStreaming or MethodType.DuplexStreaming;
}
