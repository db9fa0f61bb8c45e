using Google.Rpc;
using Grpc.Core;
using Upstream.Applications.Domain;
using Upstream.Applications.Handling;
using Upstream.Protos.Errors;

namespace Upstream.Applications.Grpc;

/// <summary>
/// The use cases refuse with the domain's own exceptions; here each becomes the status a gRPC caller expects,
/// with machine-readable details (field violations, broken rules) so tools and the gateway can name what is wrong.
/// </summary>
public static class ApiErrors
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
        _ => null,
    };
}
