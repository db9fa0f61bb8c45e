namespace Upstream.Grants.Domain;

/// <summary>What the experimentation fund pays for, and the criteria assessors score against.</summary>
public static class Purposes
{
    public const string Evidence = "evidence";
    public const string Replicability = "replicability";
    public const string Evaluation = "evaluation";

    public static readonly IReadOnlyList<string> All = [Evidence, Replicability, Evaluation];

    /// <summary>Each purpose is a criterion, plus the benefit to the wider network the issue asks every request to show.</summary>
    public static readonly IReadOnlyList<string> Criteria = [Evidence, Replicability, Evaluation, "benefit"];

    public const int MaximumScore = 10;
}
