namespace Upstream.Grpc;

/// <summary>Server-wide gRPC settings, set with <c>AddGrpcServer(options => ...)</c>.</summary>
public sealed class GrpcServerOptions
{
    /// <summary>Largest request message accepted (after decompression); larger ones end the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = Protocol.GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>Largest response message sent; null (the protocol's default) means unlimited.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Encoding for responses (<c>gzip</c>, <c>deflate</c>) when the caller accepts it; null sends them uncompressed.</summary>
    public string? ResponseCompression { get; set; }

    /// <summary>Sends an unhandled exception's message to the caller. Off by default: it may reveal internals.</summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>
    /// Interceptor types, outermost first, run after the built-in tracing, metrics and logging. Each is created once
    /// (singleton) from the application's services.
    /// </summary>
    public IList<Type> Interceptors { get; } = [];
}
