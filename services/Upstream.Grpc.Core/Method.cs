namespace Upstream.Grpc;

/// <summary>Non-generic view of a method, for routing, logging and metrics.</summary>
public interface IMethod
{
    MethodType Type { get; }

    /// <summary>The full proto name of the service, e.g. <c>grpc.testing.TestService</c>.</summary>
    string ServiceName { get; }

    string Name { get; }

    /// <summary>The HTTP/2 path, e.g. <c>/grpc.testing.TestService/EmptyCall</c>.</summary>
    string FullName { get; }
}

/// <summary>Describes one rpc: its kind, names and how its messages are marshalled. Generated from the protos.</summary>
public sealed class Method<TRequest, TResponse>(
    MethodType type,
    string serviceName,
    string name,
    Marshaller<TRequest> requestMarshaller,
    Marshaller<TResponse> responseMarshaller) : IMethod
{
    public MethodType Type { get; } = type;

    public string ServiceName { get; } = serviceName;

    public string Name { get; } = name;

    public string FullName { get; } = "/" + serviceName + "/" + name;

    public Marshaller<TRequest> RequestMarshaller { get; } = requestMarshaller;

    public Marshaller<TResponse> ResponseMarshaller { get; } = responseMarshaller;

    public override string ToString() => FullName;
}
