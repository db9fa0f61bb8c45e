using Upstream.ServiceDefaults.Identity;
using Upstream.Domain.Refusals;

namespace Upstream.Applications.Handling;

/// <summary>Who may do what here: staff run the programme; a council's applicants see and change only their own applications.</summary>
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

    public static void RequireCouncil(Caller caller, string councilCode)
    {
        RequireSignedIn(caller, "work on applications");
        if (!(caller.IsStaff || (caller.Is(Roles.Applicant) && caller.ActsFor(councilCode))))
        {
            throw new PermissionDeniedException("You can see and change only your own council's applications.");
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
