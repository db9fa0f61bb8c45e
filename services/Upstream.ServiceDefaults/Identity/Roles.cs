namespace Upstream.ServiceDefaults.Identity;

/// <summary>The roles a token can carry, one per kind of user.</summary>
public static class Roles
{
    public const string Applicant = "applicant";
    public const string Member = "member";
    public const string Staff = "staff";
    public const string Partner = "partner";
    public const string Operator = "operator";

    public static readonly IReadOnlyList<string> All = [Applicant, Member, Staff, Partner, Operator];
}

/// <summary>Claim names our tokens use beyond the standard ones.</summary>
public static class UpstreamClaims
{
    /// <summary>The registry code of the council an applicant or member acts for: ownership rules key on it.</summary>
    public const string Council = "council";

    public const string Role = "role";
}
