using Upstream.Domain.Refusals;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Insights.Handling;

/// <summary>
/// Who may do what here: anyone reads published (and retracted) insight; staff and partners read the patterns; only
/// staff write, review, publish and retract, and see drafts.
/// </summary>
internal static class Access
{
    public static void RequireStaff(Caller caller, string action)
    {
        RequireSignedIn(caller, action);
        if (!caller.IsStaff)
        {
            throw new PermissionDeniedException($"Only programme staff can {action}.");
        }
    }

    public static void RequireStaffOrPartner(Caller caller, string action)
    {
        RequireSignedIn(caller, action);
        if (!(caller.IsStaff || caller.Is(Roles.Partner)))
        {
            throw new PermissionDeniedException($"Only programme staff and partners can {action}.");
        }
    }

    /// <summary>Anonymous callers are told to sign in (UNAUTHENTICATED), not that they lack a role.</summary>
    private static void RequireSignedIn(Caller caller, string action)
    {
        if (!caller.IsAuthenticated)
        {
            throw new PermissionDeniedException($"Sign in to {action}.", anonymous: true);
        }
    }
}
