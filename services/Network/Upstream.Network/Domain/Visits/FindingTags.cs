namespace Upstream.Network.Domain.Visits;

/// <summary>What a finding says about working upstream.</summary>
public enum FindingKind
{
    Driver,
    Barrier,
    Enabler,
}

/// <summary>The New Operating Models dimensions.</summary>
public enum FindingDimension
{
    Purpose,
    Mindset,
    ValuesAndPrinciples,
    InfrastructureAndCapabilities,
    Outcomes,
}
