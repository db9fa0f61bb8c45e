using Upstream.Hosting.Dashboard.Telemetry;
using Upstream.Otlp.Common.V1;
using Upstream.Otlp.Trace.V1;

namespace Upstream.Dashboard.Tests;

/// <summary>Bounded memory, oldest first out, and telemetry kept across an app host restart.</summary>
public sealed class TelemetryStoreTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"upstream-telemetry-{Guid.NewGuid():N}");

    private static List<SpanRecord> Spans(string service, params string[] names) =>
        [.. names.Select((n, i) => new SpanRecord(Otlp.Service(service), new InstrumentationScope { Name = "test" }, Otlp.Span(n, 1, (byte)(i + 1))))];

    [Fact]
    public void Past_the_limit_the_oldest_records_are_dropped_first()
    {
        using var store = new TelemetryStore(_data, new TelemetryLimits(MaxSpans: 3, MaxLogs: 2));

        store.Add(Spans("applications", "1", "2"));
        store.Add(Spans("applications", "3", "4", "5"));
        store.Add([new LogRecordEntry(Otlp.Service("network"), new(), new() { Body = new AnyValue { StringValue = "a" } })]);
        store.Add([new LogRecordEntry(Otlp.Service("network"), new(), new() { Body = new AnyValue { StringValue = "b" } }), new LogRecordEntry(Otlp.Service("network"), new(), new() { Body = new AnyValue { StringValue = "c" } })]);

        Assert.Equal(["3", "4", "5"], store.Spans.Snapshot().Select(s => s.Span.Name));
        Assert.Equal(["b", "c"], store.Logs.Snapshot().Select(l => l.Message));
    }

    [Fact]
    public void Telemetry_survives_a_restart_and_the_journal_stays_bounded_by_compaction()
    {
        var limits = new TelemetryLimits(MaxSpans: 10);
        using (var store = new TelemetryStore(_data, limits))
        {
            for (var batch = 0; batch < 30; batch++)
            {
                store.Add(Spans("applications", $"{batch}-a", $"{batch}-b"));
            }
        }

        using var again = new TelemetryStore(_data, limits);

        var names = again.Spans.Snapshot().Select(s => s.Span.Name).ToList();
        Assert.Equal([.. Enumerable.Range(25, 5).SelectMany(b => new[] { $"{b}-a", $"{b}-b" })], names);
        Assert.Equal("applications", again.Spans.Snapshot()[0].ResourceName);
        var journal = new FileInfo(Path.Combine(_data, "telemetry", "traces.otlp"));
        var oneRecord = Spans("applications", "00-a")[0].ToJournal().CalculateSize() + 2;
        Assert.True(journal.Length <= (2 * limits.MaxSpans + 2) * oneRecord, $"the journal is {journal.Length} bytes for {limits.MaxSpans} spans kept");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(journal.FullName)); // compacted, still the owner's only
        }
    }

    [Fact]
    public void A_record_torn_by_a_crash_mid_write_ends_the_replay_without_losing_the_records_before_it()
    {
        using (var store = new TelemetryStore(_data, new TelemetryLimits()))
        {
            store.Add(Spans("applications", "kept-1", "kept-2"));
        }

        using (var file = new FileStream(Path.Combine(_data, "telemetry", "traces.otlp"), FileMode.Append))
        {
            file.Write([0x7F, 0x0A, 0x03]); // a length of 127 with three bytes after it
        }

        using var again = new TelemetryStore(_data, new TelemetryLimits());

        Assert.Equal(["kept-1", "kept-2"], again.Spans.Snapshot().Select(s => s.Span.Name));
    }

    [Fact]
    public void Clearing_a_resource_forgets_only_its_telemetry_and_stays_cleared_after_a_restart()
    {
        using (var store = new TelemetryStore(_data, new TelemetryLimits()))
        {
            store.Add(Spans("applications", "mine"));
            store.Add(Spans("network", "theirs"));
            store.Add([new LogRecordEntry(Otlp.Service("applications"), new(), new() { Body = new AnyValue { StringValue = "my log" } })]);

            store.Clear("applications");

            Assert.Equal(["theirs"], store.Spans.Snapshot().Select(s => s.Span.Name));
            Assert.Empty(store.Logs.Snapshot());
        }

        using var again = new TelemetryStore(_data, new TelemetryLimits());
        Assert.Equal(["theirs"], again.Spans.Snapshot().Select(s => s.Span.Name));
        again.Clear(TelemetryStore.AllResources);
        Assert.Empty(again.Spans.Snapshot());
    }

    [Fact]
    public void A_trace_across_services_is_drawn_parent_before_children_in_start_order()
    {
        var root = Otlp.Span("POST /applications", 7, 1, startNanos: 1000);
        var grpc = Otlp.Span("SubmitApplication", 7, 2, startNanos: 2000);
        grpc.ParentSpanId = root.SpanId;
        var sql = Otlp.Span("INSERT applications", 7, 3, startNanos: 4000);
        sql.ParentSpanId = grpc.SpanId;
        var publish = Otlp.Span("ApplicationSubmitted send", 7, 4, startNanos: 3000);
        publish.ParentSpanId = grpc.SpanId;
        SpanRecord At(string service, Span span) => new(Otlp.Service(service), new(), span);

        var trace = TraceView.Find([At("applications", sql), At("gateway", root), At("applications", publish), At("applications", grpc)], Convert.ToHexStringLower(Otlp.Id(16, 7)))!;

        Assert.Equal(
            [("POST /applications", 0), ("SubmitApplication", 1), ("ApplicationSubmitted send", 2), ("INSERT applications", 2)],
            trace.Waterfall().Select(w => (w.Span.Span.Name, w.Depth)));
        Assert.Equal(["applications", "gateway"], trace.Resources);
        Assert.Equal("POST /applications", trace.Root.Span.Name);
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
