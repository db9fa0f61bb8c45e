using System.Collections.Concurrent;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Upstream.Gateway.Edge;
using Upstream.Grpc;
using Upstream.Grpc.Client;
using Upstream.Grpc.Client.Transport;

namespace Upstream.Gateway.Backends;

/// <summary>
/// REST calls made through the project's gRPC client runtime. Messages are the descriptors' dynamic
/// <see cref="IMessage"/>s, so one marshaller per method serves every contract without generated stubs.
/// The replica is the gateway's choice (round-robin over healthy ones); one HTTP/2 connection pool serves all.
/// </summary>
public sealed class GrpcUnaryCaller : IUnaryCaller, IDisposable
{
    private readonly SocketsHttpHandler _handler = GrpcHttpHandler.Create();
    private readonly ConcurrentDictionary<Uri, HttpCallInvoker> _invokers = new();
    private readonly ConcurrentDictionary<string, Method<IMessage, IMessage>> _methods = new(StringComparer.Ordinal);

    // The gateway chooses the replica and answers the front end itself; the client's own retries stay off.
    private static readonly GrpcClientOptions Options = new() { Retry = { MaxAttempts = 1 } };

    public async Task<UnaryOutcome> CallAsync(UnaryCall call, CancellationToken cancellationToken)
    {
        if (call.Backend.Pick() is not { } replica)
        {
            return UnaryOutcome.Failed((int)StatusCode.Unavailable, $"No replica of '{call.Backend.Name}' is healthy.");
        }

        var invoker = _invokers.GetOrAdd(replica.Address, address => new HttpCallInvoker(address, Options, _handler));
        var method = _methods.GetOrAdd(call.Method.FullName, _ => Describe(call.Method));
        var headers = new Metadata();
        foreach (var (name, value) in call.Metadata)
        {
            headers.Add(name, value);
        }

        try
        {
            return UnaryOutcome.Ok(await invoker.AsyncUnaryCall(method, new CallOptions(headers, call.DeadlineUtc, cancellationToken), call.Request));
        }
        catch (RpcException e)
        {
            return UnaryOutcome.Failed((int)e.StatusCode, e.Status.Detail, [.. e.GetFieldViolations().Select(v => new FieldProblem(v.Field, v.Description))]);
        }
    }

    private static Method<IMessage, IMessage> Describe(MethodDescriptor method) =>
        new(MethodType.Unary, method.Service.FullName, method.Name, MarshallerFor(method.InputType), MarshallerFor(method.OutputType));

    private static Marshaller<IMessage> MarshallerFor(MessageDescriptor type) =>
        new(static message => message.CalculateSize(), static (message, destination) => message.WriteTo(destination), type.Parser.ParseFrom);

    public void Dispose()
    {
        foreach (var invoker in _invokers.Values)
        {
            invoker.Dispose();
        }

        _handler.Dispose();
    }
}
