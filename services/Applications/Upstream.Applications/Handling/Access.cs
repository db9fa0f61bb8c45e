using Upstream.ServiceDefaults.Identity;

namespace Upstream.Applications.Handling;

/// <summary>Who may do what here: staff run the programme; a council's applicants see and change only their own applications.</summary>
internal static class Access
{
    public static void RequireStaff(Caller caller, string action)
    {
        if (!caller.IsStaff)
        {
            throw new PermissionDeniedException($"Only programme staff can {action}.");
        }
    }

    public static void RequireCouncil(Caller caller, string councilCode)
    {
        if (!(caller.IsStaff || (caller.Is(Roles.Applicant) && caller.ActsFor(councilCode))))
        {
            throw new PermissionDeniedException("You can see and change only your own council's applications.");
        }
    }
}

/// <summary>The caller is known but not allowed (PERMISSION_DENIED).</summary>
public sealed class PermissionDeniedException(string message) : Exception(message);
