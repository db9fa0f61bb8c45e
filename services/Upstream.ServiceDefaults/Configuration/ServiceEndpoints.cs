using Microsoft.Extensions.Configuration;

namespace Upstream.ServiceDefaults.Configuration;

public static class ServiceEndpoints
{
    /// <summary>
    /// The addresses of a named project, as Aspire injects them: services__NAME__http__0, __1, ... (one per
    /// replica). Ordered by index, so every caller sees the same list.
    /// </summary>
    public static IReadOnlyList<Uri> GetServiceEndpoints(this IConfiguration configuration, string name, string scheme = "http")
    {
        var section = configuration.GetSection($"services:{name}:{scheme}");
        return [.. section.GetChildren()
            .Select(child => (Index: int.TryParse(child.Key, out var i) ? i : int.MaxValue, child.Value))
            .Where(e => Uri.IsWellFormedUriString(e.Value, UriKind.Absolute))
            .OrderBy(e => e.Index)
            .Select(e => new Uri(e.Value!))];
    }
}
