using Grpc.Core;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.ServiceDefaults.Grpc;

public static class CallerContext
{
    /// <summary>Who is calling, from the bearer token ASP.NET Core validated (anonymous without one).</summary>
    public static Caller Caller(this ServerCallContext context) => Identity.Caller.From(context.GetHttpContext().User);
}
