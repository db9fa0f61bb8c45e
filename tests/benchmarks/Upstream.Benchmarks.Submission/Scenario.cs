using System.Globalization;
using System.Text;

namespace Upstream.Benchmarks.Submission;

/// <summary>How the benchmark reports what it measured.</summary>
internal static class Scenario
{
    public static string Report(int measured, int concurrency, TimeSpan elapsed, List<double> starts, List<double> submits, int councils, int calls)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("# Applications: submission through gRPC with the database");
        text.AppendLine();
        text.AppendLine(c, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores. Command: `dotnet run -c Release --project tests/benchmarks/Upstream.Benchmarks.Submission`.");
        text.AppendLine();
        text.AppendLine(c, $"{measured} submissions by {councils} councils over {calls} calls, {concurrency} at a time, after a warm-up. Each submission is");
        text.AppendLine("two gRPC calls with a bearer token, from the typed clients services use (Grpc.Net.ClientFactory) to the service's");
        text.AppendLine("Grpc.AspNetCore endpoint (h2c): StartApplication (insert; the database refuses a second live application per");
        text.AppendLine("council) and SubmitApplication (load, submit, screen against the registry, write the ApplicationSubmitted event");
        text.AppendLine("to the outbox in the same transaction). PostgreSQL commits durably (fsync on); the");
        text.AppendLine("outbox relay publishes to a real RabbitMQ meanwhile. Service, servers and load share the machine's cores.");
        text.AppendLine();
        text.AppendLine("| measure | value |");
        text.AppendLine("|---|---|");
        text.AppendLine(c, $"| submissions per second (start + submit) | {measured / elapsed.TotalSeconds:0.0} |");
        text.AppendLine(c, $"| SubmitApplication p50 / p99 (ms) | {Percentile(submits, 0.50):0.0} / {Percentile(submits, 0.99):0.0} |");
        text.AppendLine(c, $"| StartApplication p50 / p99 (ms) | {Percentile(starts, 0.50):0.0} / {Percentile(starts, 0.99):0.0} |");
        text.AppendLine(c, $"| wall time (s) | {elapsed.TotalSeconds:0.0} |");
        return text.ToString();
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Upstream.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run from inside the repository.");
    }
}

/// <summary>Programme time the benchmark moves: before the calls open to publish them, then inside the window.</summary>
internal sealed class ProgrammeClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
