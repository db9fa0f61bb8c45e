namespace Upstream.Grpc;

/// <summary>Endpoint metadata marking a route as a gRPC method (read by authorization and by tools listing routes).</summary>
public sealed record GrpcMethodMetadata(IMethod Method, Type ServiceType);
