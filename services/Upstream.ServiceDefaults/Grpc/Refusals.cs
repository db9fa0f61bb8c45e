using Google.Rpc;
using Grpc.Core;
using Upstream.Domain.Refusals;
using Upstream.Protos.Errors;
using Upstream.ServiceDefaults.Batching;

namespace Upstream.ServiceDefaults.Grpc;

/// <summary>
/// The use cases refuse with the shared domain refusals; here each becomes the status a gRPC caller expects, with
/// machine-readable details (field violations, broken rules) so tools and the gateway can name what is wrong.
/// One translation for every service, so a refusal reads the same whichever service made it.
/// </summary>
public static class Refusals
{
    public static RpcException? Translate(Exception exception) => exception switch
    {
        InvalidInputException e => RpcErrors.InvalidArgument(
            "The request has problems: " + e.Message, [.. e.Violations.Select(v => (v.Field, v.Description))]),
        DomainRuleException e => RpcErrors.FailedPrecondition(e.Message, (e.Rule, "", e.Message)),
        NotFoundException e => RpcErrors.Create(Code.NotFound, e.Message),
        ConflictException { AlreadyExists: true } e => RpcErrors.Create(Code.AlreadyExists, e.Message),
        ConflictException e => RpcErrors.Create(Code.Aborted, e.Message),
        PermissionDeniedException { Anonymous: true } e => RpcErrors.Create(Code.Unauthenticated, e.Message),
        PermissionDeniedException e => RpcErrors.Create(Code.PermissionDenied, e.Message),
        DecisionQueueFullException e => RpcErrors.Create(Code.ResourceExhausted, e.Message),
        _ => null,
    };
}
