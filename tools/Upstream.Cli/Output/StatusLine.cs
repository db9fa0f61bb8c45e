using Grpc.Core;
using Upstream.Protos.Errors;

namespace Upstream.Cli.Output;

/// <summary>
/// A gRPC failure as one line a person can act on: the status and, when the service attached google.rpc details
/// (BadRequest field violations, PreconditionFailure), each as "field: description" from those details (read with the
/// protos' RpcErrors, as every client reads them); otherwise the status message.
/// </summary>
public static class StatusLine
{
    public static string Of(RpcException e)
    {
        var details = e.GetFieldViolations().Select(v => $"{v.Field}: {v.Description}")
            .Concat(e.GetPreconditionViolations().Select(v => $"{v.Subject}: {v.Description}"))
            .ToList();
        var text = details.Count > 0 ? string.Join("; ", details)
            : e.StatusCode == StatusCode.Unavailable ? $"the service cannot be reached ({e.Status.Detail})"
            : e.Status.Detail;
        return $"{Name(e.StatusCode)}: {text}";
    }

    /// <summary>INVALID_ARGUMENT, NOT_FOUND...: the names gRPC's documentation and the gateway use.</summary>
    private static string Name(StatusCode code) =>
        string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
}
