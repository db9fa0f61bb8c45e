using Google.Protobuf.Reflection;

namespace Upstream.Grpc;

/// <summary>
/// Receives a service's method table. The generated <c>BindService</c> of each service calls one Add per rpc,
/// so a server (or a test) learns every method with its handler without any names written by hand.
/// </summary>
public abstract class ServiceMethodBinder<TService>
    where TService : class
{
    /// <summary>The service's proto descriptor (for reflection and transcoding); called once before the methods.</summary>
    public virtual void AddServiceDescriptor(ServiceDescriptor descriptor)
    {
    }

    public abstract void AddUnaryMethod<TRequest, TResponse>(
        Method<TRequest, TResponse> method, UnaryServerMethod<TService, TRequest, TResponse> handler)
        where TRequest : class
        where TResponse : class;

    public abstract void AddClientStreamingMethod<TRequest, TResponse>(
        Method<TRequest, TResponse> method, ClientStreamingServerMethod<TService, TRequest, TResponse> handler)
        where TRequest : class
        where TResponse : class;

    public abstract void AddServerStreamingMethod<TRequest, TResponse>(
        Method<TRequest, TResponse> method, ServerStreamingServerMethod<TService, TRequest, TResponse> handler)
        where TRequest : class
        where TResponse : class;

    public abstract void AddDuplexStreamingMethod<TRequest, TResponse>(
        Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TService, TRequest, TResponse> handler)
        where TRequest : class
        where TResponse : class;
}

/// <summary>
/// Put by the generator on each service base class: names the static <c>BindService&lt;TService&gt;(ServiceMethodBinder&lt;TService&gt;)</c>
/// that lists the service's methods, so <c>MapGrpcService&lt;T&gt;()</c> finds it from the implementation type alone.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class BindServiceMethodAttribute(Type bindType, string bindMethodName) : Attribute
{
    public Type BindType { get; } = bindType;

    public string BindMethodName { get; } = bindMethodName;
}
