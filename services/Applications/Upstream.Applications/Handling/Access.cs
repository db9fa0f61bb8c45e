using Upstream.Domain.Refusals;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Applications.Handling;

/// <summary>Who may do what here: staff run the programme; a council's applicants see and change only their own applications.</summary>
internal static class Access
{
    public static void RequireCouncil(Caller caller, string councilCode)
    {
        caller.RequireSignedIn("work on applications");
        if (!(caller.IsStaff || (caller.Is(Roles.Applicant) && caller.ActsFor(councilCode))))
        {
            throw new PermissionDeniedException("You can see and change only your own council's applications.");
        }
    }
}
