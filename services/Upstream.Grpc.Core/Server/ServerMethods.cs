namespace Upstream.Grpc;

/// <summary>Handles a unary call on a service instance.</summary>
public delegate Task<TResponse> UnaryServerMethod<in TService, in TRequest, TResponse>(
    TService service, TRequest request, ServerCallContext context);

/// <summary>Handles a client-streaming call on a service instance.</summary>
public delegate Task<TResponse> ClientStreamingServerMethod<in TService, TRequest, TResponse>(
    TService service, IAsyncStreamReader<TRequest> requestStream, ServerCallContext context);

/// <summary>Handles a server-streaming call on a service instance.</summary>
public delegate Task ServerStreamingServerMethod<in TService, in TRequest, TResponse>(
    TService service, TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context);

/// <summary>Handles a bidirectional call on a service instance.</summary>
public delegate Task DuplexStreamingServerMethod<in TService, TRequest, TResponse>(
    TService service, IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context);
