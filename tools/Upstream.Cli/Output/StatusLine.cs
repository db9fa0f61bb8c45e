using Google.Rpc;
using Grpc.Core;

namespace Upstream.Cli.Output;

/// <summary>
/// A gRPC failure as one line a person can act on: the status and, when the service attached google.rpc details
/// (BadRequest field violations, PreconditionFailure), each as "field: description" from those details; otherwise
/// the status message.
/// </summary>
public static class StatusLine
{
    public static string Of(RpcException e)
    {
        var details = e.GetRpcStatus() is { } status ? Details(status).ToList() : [];
        var text = details.Count > 0 ? string.Join("; ", details)
            : e.StatusCode == StatusCode.Unavailable ? $"the service cannot be reached ({e.Status.Detail})"
            : e.Status.Detail;
        return $"{Name(e.StatusCode)}: {text}";
    }

    private static IEnumerable<string> Details(Google.Rpc.Status status)
    {
        foreach (var detail in status.Details)
        {
            if (detail.Is(BadRequest.Descriptor))
            {
                foreach (var v in detail.Unpack<BadRequest>().FieldViolations)
                {
                    yield return $"{v.Field}: {v.Description}";
                }
            }
            else if (detail.Is(PreconditionFailure.Descriptor))
            {
                foreach (var v in detail.Unpack<PreconditionFailure>().Violations)
                {
                    yield return $"{v.Subject}: {v.Description}";
                }
            }
        }
    }

    /// <summary>INVALID_ARGUMENT, NOT_FOUND...: the names gRPC's documentation and the gateway use.</summary>
    private static string Name(StatusCode code) =>
        string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
}
