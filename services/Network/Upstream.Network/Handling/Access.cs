using Upstream.Domain.Refusals;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Network.Handling;

/// <summary>
/// Who may do what here: staff do everything; a member acts only for its own council (its people, its workgroup
/// memberships and submissions) and reads the directory; partners and applicants see nothing in the network. The
/// shared checks (signed in, staff, a council's own members) are ServiceDefaults' CallerChecks; this is the rest.
/// </summary>
internal static class Access
{
    /// <summary>Staff or any member: what the network shares among itself (the directory, workgroups).</summary>
    public static void RequireNetwork(Caller caller, string action)
    {
        caller.RequireSignedIn(action);
        if (!(caller.IsStaff || caller.Is(Roles.Member)))
        {
            throw new PermissionDeniedException($"Only the network's members and programme staff can {action}.");
        }
    }
}
