using Microsoft.AspNetCore.Http;

namespace Upstream.Hosting.Dashboard.Web;

internal static class QueryArgs
{
    /// <summary>A filter from the query string; empty means "not filtered".</summary>
    public static string? Arg(this HttpRequest request, string name) =>
        request.Query[name].ToString() is { Length: > 0 } value ? value.Trim() : null;
}
