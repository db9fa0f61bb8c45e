using System.Diagnostics;

namespace Upstream.Gateway.Edge;

/// <summary>Writes a problem for the current request, stamped with the trace id operators search by.</summary>
public static class ProblemReply
{
    public static Task WriteAsync(HttpContext context, int status, string detail, string? code = null, IReadOnlyList<FieldProblem>? errors = null)
    {
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        return Problem.Of(status, detail, code, errors, Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier).WriteAsync(context.Response);
    }
}
