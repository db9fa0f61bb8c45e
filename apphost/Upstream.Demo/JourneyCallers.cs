using System.Diagnostics;
using Grpc.Core;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Demo;

/// <summary>
/// The people of the journey, each with a development token of their role: staff (three reviewers among them), an
/// applicant and a member per council, and a partner. Tokens are issued per call (they are cheap) so a long run
/// never outlives them.
/// </summary>
public sealed class JourneyCallers(TokenIssuer tokens)
{
    public const string StaffSubject = "demo-staff";
    public const string PartnerSubject = "demo-partner";

    public Metadata Staff => As(StaffSubject, Roles.Staff);

    /// <summary>A second member of staff, for what one person may not do alone (approving their own work).</summary>
    public Metadata Finance => As("demo-finance", Roles.Staff);

    public Metadata Partner => As(PartnerSubject, Roles.Partner);

    public Metadata Reviewer(int number) => As($"demo-reviewer-{number}", Roles.Staff);

    public Metadata Applicant(string council) => As($"demo-applicant-{council}", Roles.Applicant, council);

    public Metadata Member(string council) => As($"demo-member-{council}", Roles.Member, council);

    public Metadata As(string subject, string role, string? council = null) =>
        new() { { "authorization", "Bearer " + tokens.Issue(subject, [role], council) } };

    /// <summary>The caller's headers in a trace of our own choosing, so the dashboard can open exactly that trace.</summary>
    public static Metadata Traced(Metadata caller, ActivityTraceId trace) =>
        new() { { "authorization", caller.GetValue("authorization")! }, { "traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01" } };
}
