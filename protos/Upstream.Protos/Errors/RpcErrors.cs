using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Upstream.Protos.Errors;

/// <summary>
/// The statuses handlers raise for bad input and broken rules: the code and message, plus a google.rpc.Status
/// with machine-readable details (Grpc.StatusProto carries it in <c>grpc-status-details-bin</c>), so that staff
/// tools and the gateway can name the fields or rules at fault. Read them back with Grpc.StatusProto's
/// <c>GetRpcStatus()</c> or the helpers below.
/// </summary>
public static class RpcErrors
{
    /// <summary>INVALID_ARGUMENT with a BadRequest naming each field at fault (paths like <c>details.title</c>).</summary>
    public static RpcException InvalidArgument(string message, params (string Field, string Description)[] violations)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        return Create(Code.InvalidArgument, message, badRequest);
    }

    /// <summary>FAILED_PRECONDITION with a PreconditionFailure naming each rule the system's state breaks.</summary>
    public static RpcException FailedPrecondition(string message, params (string Type, string Subject, string Description)[] violations)
    {
        var failure = new PreconditionFailure();
        failure.Violations.AddRange(violations.Select(v => new PreconditionFailure.Types.Violation { Type = v.Type, Subject = v.Subject, Description = v.Description }));
        return Create(Code.FailedPrecondition, message, failure);
    }

    /// <summary>Any status with any details; the google.rpc.Status always repeats the code and message.</summary>
    public static RpcException Create(Code code, string message, params IMessage[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        status.Details.AddRange(details.Select(Any.Pack));
        return status.ToRpcException();
    }

    /// <summary>The BadRequest field violations a server sent (empty when there are none).</summary>
    public static IReadOnlyList<BadRequest.Types.FieldViolation> GetFieldViolations(this RpcException exception) =>
        exception.TryGetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations ?? (IReadOnlyList<BadRequest.Types.FieldViolation>)[];

    /// <summary>The PreconditionFailure violations a server sent (empty when there are none).</summary>
    public static IReadOnlyList<PreconditionFailure.Types.Violation> GetPreconditionViolations(this RpcException exception) =>
        exception.TryGetRpcStatus()?.GetDetail<PreconditionFailure>()?.Violations ?? (IReadOnlyList<PreconditionFailure.Types.Violation>)[];

    /// <summary>The rich status, or null when none was sent or a peer sent one that does not parse.</summary>
    public static Google.Rpc.Status? TryGetRpcStatus(this RpcException exception)
    {
        try
        {
            return exception.GetRpcStatus();
        }
        catch (InvalidProtocolBufferException)
        {
            return null; // a peer's malformed details must not turn a clear status into a crash
        }
    }
}
