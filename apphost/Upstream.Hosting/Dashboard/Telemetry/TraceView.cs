using SpanStatus = Upstream.Otlp.Trace.V1.Status;

namespace Upstream.Hosting.Dashboard.Telemetry;

/// <summary>One trace assembled from the spans kept of it, possibly from several resources.</summary>
internal sealed class TraceView
{
    private TraceView(string traceId, IReadOnlyList<SpanRecord> spans)
    {
        TraceId = traceId;
        Spans = spans;
        Start = spans.Min(s => s.Start);
        var end = spans.Max(s => s.Start + s.Duration);
        Duration = end - Start;
        var ids = spans.Select(s => s.SpanId).ToHashSet();
        Root = spans.Where(s => s.ParentSpanId.Length == 0 || !ids.Contains(s.ParentSpanId)).MinBy(s => s.Start) ?? spans[0];
        Resources = [.. spans.Select(s => s.ResourceName).Distinct().Order(StringComparer.Ordinal)];
        Status = spans.Any(s => s.Span.Status?.Code == SpanStatus.Types.StatusCode.Error) ? "Error"
            : spans.Any(s => s.Span.Status?.Code == SpanStatus.Types.StatusCode.Ok) ? "Ok"
            : "Unset";
    }

    public string TraceId { get; }

    public IReadOnlyList<SpanRecord> Spans { get; }

    public SpanRecord Root { get; }

    public DateTimeOffset Start { get; }

    public TimeSpan Duration { get; }

    public IReadOnlyList<string> Resources { get; }

    /// <summary>Error if any span failed, else Ok if any said so, else Unset.</summary>
    public string Status { get; }

    public static IEnumerable<TraceView> All(IEnumerable<SpanRecord> spans) =>
        spans.GroupBy(s => s.TraceId).Select(g => new TraceView(g.Key, [.. g]));

    public static TraceView? Find(IEnumerable<SpanRecord> spans, string traceId) =>
        spans.Where(s => s.TraceId == traceId).ToList() is { Count: > 0 } found ? new TraceView(traceId, found) : null;

    /// <summary>Spans in waterfall order: each parent followed by its children by start time, with its depth.</summary>
    public IEnumerable<(SpanRecord Span, int Depth)> Waterfall()
    {
        var children = Spans.ToLookup(s => s.ParentSpanId);
        var ids = Spans.Select(s => s.SpanId).ToHashSet();
        var roots = Spans.Where(s => s.ParentSpanId.Length == 0 || !ids.Contains(s.ParentSpanId)).OrderBy(s => s.Start);
        var pending = new Stack<(SpanRecord, int)>(roots.Reverse().Select(r => (r, 0)));
        var seen = new HashSet<string>();
        while (pending.Count > 0)
        {
            var (span, depth) = pending.Pop();
            if (!seen.Add(span.SpanId))
            {
                continue; // a span sent twice, or a cycle from a broken sender
            }

            yield return (span, depth);
            foreach (var child in children[span.SpanId].OrderByDescending(c => c.Start))
            {
                pending.Push((child, depth + 1));
            }
        }
    }
}
