namespace Upstream.Insights.Domain;

/// <summary>The New Operating Models framework's five dimensions, in its own order (the wire names Network uses).</summary>
public static class NewOperatingModels
{
    public static readonly IReadOnlyList<string> Dimensions = ["purpose", "mindset", "values-and-principles", "infrastructure-and-capabilities", "outcomes"];
}
