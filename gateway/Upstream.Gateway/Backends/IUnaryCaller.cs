using Google.Protobuf;
using Google.Protobuf.Reflection;
using Upstream.Gateway.Edge;

namespace Upstream.Gateway.Backends;

/// <summary>
/// A unary gRPC call the REST side makes on a front end's behalf. Made through the project's one gRPC client
/// runtime; the gateway never frames gRPC messages itself.
/// </summary>
public interface IUnaryCaller
{
    Task<UnaryOutcome> CallAsync(UnaryCall call, CancellationToken cancellationToken);
}

/// <param name="Metadata">What travels with the call: the caller's bearer token, trace context.</param>
public sealed record UnaryCall(Backend Backend, MethodDescriptor Method, IMessage Request, IReadOnlyList<KeyValuePair<string, string>> Metadata, DateTime DeadlineUtc);

/// <summary>The reply or the gRPC status, with any google.rpc.BadRequest field violations already decoded.</summary>
public sealed record UnaryOutcome(IMessage? Response, int Status, string? Message, IReadOnlyList<FieldProblem> Violations)
{
    public static UnaryOutcome Ok(IMessage response) => new(response, 0, null, []);

    public static UnaryOutcome Failed(int status, string? message, IReadOnlyList<FieldProblem>? violations = null) => new(null, status, message, violations ?? []);
}
