using Grpc.Core;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Applications.Grpc;

internal static class CallerContext
{
    /// <summary>Who is calling, from the bearer token ASP.NET Core validated (anonymous without one).</summary>
    public static Caller Caller(this ServerCallContext context) => ServiceDefaults.Identity.Caller.From(context.GetHttpContext().User);
}
