using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;

namespace Upstream.Grpc;

/// <summary>
/// Builds the exceptions handlers throw for bad input and broken rules: the status code and message, plus a
/// google.rpc.Status with machine-readable details in <c>grpc-status-details-bin</c> (what rich clients and the
/// gateway read to name the fields at fault). Lives beside the google.rpc messages it uses.
/// </summary>
public static class RpcErrors
{
    /// <summary>INVALID_ARGUMENT with a BadRequest naming each field at fault (paths like <c>details.title</c>).</summary>
    public static RpcException InvalidArgument(string message, params (string Field, string Description)[] violations)
    {
        var badRequest = new BadRequest();
        foreach (var (field, description) in violations)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });
        }

        return Create(Grpc.StatusCode.InvalidArgument, message, badRequest);
    }

    /// <summary>FAILED_PRECONDITION with a PreconditionFailure naming each rule the system's state breaks.</summary>
    public static RpcException FailedPrecondition(string message, params (string Type, string Subject, string Description)[] violations)
    {
        var failure = new PreconditionFailure();
        foreach (var (type, subject, description) in violations)
        {
            failure.Violations.Add(new PreconditionFailure.Types.Violation { Type = type, Subject = subject, Description = description });
        }

        return Create(Grpc.StatusCode.FailedPrecondition, message, failure);
    }

    /// <summary>NOT_FOUND naming the resource looked for.</summary>
    public static RpcException NotFound(string message, string resourceType, string resourceName) =>
        Create(Grpc.StatusCode.NotFound, message, new ResourceInfo { ResourceType = resourceType, ResourceName = resourceName });

    /// <summary>ALREADY_EXISTS naming the resource that is in the way.</summary>
    public static RpcException AlreadyExists(string message, string resourceType, string resourceName) =>
        Create(Grpc.StatusCode.AlreadyExists, message, new ResourceInfo { ResourceType = resourceType, ResourceName = resourceName });

    public static RpcException PermissionDenied(string message) => Create(Grpc.StatusCode.PermissionDenied, message);

    public static RpcException Unauthenticated(string message) => Create(Grpc.StatusCode.Unauthenticated, message);

    /// <summary>Any status with any details; the google.rpc.Status always repeats the code and message.</summary>
    public static RpcException Create(Grpc.StatusCode code, string message, params IMessage[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        foreach (var detail in details)
        {
            status.Details.Add(Any.Pack(detail));
        }

        var trailers = new Metadata { { Protocol.GrpcProtocol.StatusDetailsHeader, status.ToByteArray() } };
        return new RpcException(new Grpc.Status(code, message), trailers);
    }
}
