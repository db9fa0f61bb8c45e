using Upstream.Domain.Refusals;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Grants.Handling;

/// <summary>
/// Who may do what here: staff manage the fund, assess, decide and pay; a member sees and edits its own council's
/// requests (as lead; partners see them) and reports on its own grants; partners see only awarded grants and the
/// 360Giving data. Assessors are staff users assigned to a request (see Assessment). The shared checks (signed in,
/// staff, staff or partner) are ServiceDefaults' CallerChecks; this is the rest.
/// </summary>
internal static class Access
{
    /// <summary>Staff, or a member acting for one of these councils.</summary>
    public static void RequireCouncil(Caller caller, IEnumerable<string> councilCodes, string action)
    {
        caller.RequireSignedIn(action);
        if (!(caller.IsStaff || (caller.Is(Roles.Member) && councilCodes.Any(caller.ActsFor))))
        {
            throw new PermissionDeniedException($"Only programme staff or the council's own members can {action}.");
        }
    }

    /// <summary>Staff, partners (awarded grants are open data to them), or a member of one of the grant's councils.</summary>
    public static bool MaySeeGrant(Caller caller, IEnumerable<string> councilCodes) =>
        caller.IsStaff || caller.Is(Roles.Partner) || (caller.Is(Roles.Member) && councilCodes.Any(caller.ActsFor));
}
