using System.Security.Claims;

namespace Upstream.ServiceDefaults.Identity;

/// <summary>
/// Who is calling, as services need to know it: a subject (an opaque id, never an email, so logs stay free
/// of personal data), roles, and the council they act for.
/// </summary>
public sealed record Caller(string Subject, IReadOnlySet<string> Roles, string? CouncilCode)
{
    public static readonly Caller Anonymous = new("anonymous", new HashSet<string>(), null);

    public bool IsAuthenticated => this != Anonymous;

    public bool IsStaff => Roles.Contains(Identity.Roles.Staff);

    public bool Is(string role) => Roles.Contains(role);

    /// <summary>Staff act for every council; applicants and members only for their own.</summary>
    public bool ActsFor(string councilCode) => IsStaff || string.Equals(CouncilCode, councilCode, StringComparison.OrdinalIgnoreCase);

    public static Caller From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }

        var subject = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.FindFirstValue("sub") ?? "unknown";
        var roles = principal.Claims.Where(c => c.Type is ClaimTypes.Role or UpstreamClaims.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new Caller(subject, roles, principal.FindFirstValue(UpstreamClaims.Council));
    }
}
