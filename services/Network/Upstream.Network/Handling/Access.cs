using Upstream.Domain.Refusals;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Network.Handling;

/// <summary>
/// Who may do what here: staff do everything; a member acts only for its own council (its people, its workgroup
/// memberships and submissions) and reads the directory; partners and applicants see nothing in the network.
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

    /// <summary>Staff, or a member acting for this council.</summary>
    public static void RequireCouncil(Caller caller, string councilCode, string action)
    {
        RequireSignedIn(caller, action);
        if (!(caller.IsStaff || (caller.Is(Roles.Member) && caller.ActsFor(councilCode))))
        {
            throw new PermissionDeniedException($"Only programme staff or the council's own members can {action}.");
        }
    }

    /// <summary>Staff or any member: what the network shares among itself (the directory, workgroups).</summary>
    public static void RequireNetwork(Caller caller, string action)
    {
        RequireSignedIn(caller, action);
        if (!(caller.IsStaff || caller.Is(Roles.Member)))
        {
            throw new PermissionDeniedException($"Only the network's members and programme staff can {action}.");
        }
    }

    /// <summary>Anyone signed in, whatever their role. Anonymous callers are told to sign in (UNAUTHENTICATED), not that they lack a role.</summary>
    public static void RequireSignedIn(Caller caller, string action)
    {
        if (!caller.IsAuthenticated)
        {
            throw new PermissionDeniedException($"Sign in to {action}.", anonymous: true);
        }
    }
}
