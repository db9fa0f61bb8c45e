namespace Upstream.Hosting.Dashboard.Otlp;

/// <summary>What one export did: how many items were kept, and how many were refused and why (OTLP partial success).</summary>
internal sealed record ExportOutcome(int Rejected, string? Error)
{
    public static ExportOutcome Of(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        return new ExportOutcome(list.Count, list.Count == 0 ? null : $"{list.Count} rejected; first: {list[0]}");
    }
}
