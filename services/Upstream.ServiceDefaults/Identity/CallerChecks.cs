using Upstream.Domain.Refusals;

namespace Upstream.ServiceDefaults.Identity;

/// <summary>
/// The access checks every service's desks make of a caller, refused with the shared refusals: anonymous callers
/// are told to sign in (UNAUTHENTICATED), known ones that they lack the role (PERMISSION_DENIED).
/// </summary>
public static class CallerChecks
{
    public static void RequireSignedIn(this Caller caller, string action)
    {
        if (!caller.IsAuthenticated)
        {
            throw new PermissionDeniedException($"Sign in to {action}.", anonymous: true);
        }
    }

    public static void RequireStaff(this Caller caller, string action)
    {
        caller.RequireSignedIn(action);
        if (!caller.IsStaff)
        {
            throw new PermissionDeniedException($"Only programme staff can {action}.");
        }
    }

    /// <summary>Staff, or a member acting for this council.</summary>
    public static void RequireCouncil(this Caller caller, string councilCode, string action)
    {
        caller.RequireSignedIn(action);
        if (!(caller.IsStaff || (caller.Is(Roles.Member) && caller.ActsFor(councilCode))))
        {
            throw new PermissionDeniedException($"Only programme staff or the council's own members can {action}.");
        }
    }

    public static void RequireStaffOrMember(this Caller caller, string action)
    {
        caller.RequireSignedIn(action);
        if (!(caller.IsStaff || caller.Is(Roles.Member)))
        {
            throw new PermissionDeniedException($"Only programme staff and members can {action}.");
        }
    }

    /// <summary>Staff, or a partner (what the programme opens to its partners: open data, patterns).</summary>
    public static void RequireStaffOrPartner(this Caller caller, string action)
    {
        caller.RequireSignedIn(action);
        if (!(caller.IsStaff || caller.Is(Roles.Partner)))
        {
            throw new PermissionDeniedException($"Only programme staff and partners can {action}.");
        }
    }
}
