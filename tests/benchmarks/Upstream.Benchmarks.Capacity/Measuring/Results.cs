namespace Upstream.Benchmarks.Capacity.Measuring;

/// <summary>One figure a target names (a rate, a percentile, a time), with the target and whether it was met.</summary>
public sealed record Figure(string Name, double Value, string Unit, string? Target = null, bool? Met = null);

/// <summary>An exactness check (no overbooking, exactly 37 awards, each webhook once): what was expected, what was found.</summary>
public sealed record Check(string Name, bool Passed, string Detail);

/// <summary>One path at one scale: its figures and checks, the benchmark host's memory, the wall time and the machine's load.</summary>
public sealed record ScaleRun(
    string Path,
    int Scale,
    string Size,
    double WallSeconds,
    double RssMiB,
    double PeakRssMiB,
    string LoadBefore,
    string LoadAfter,
    IReadOnlyList<Figure> Figures,
    IReadOnlyList<Check> Checks,
    string? Note = null,
    DateTime? At = null);

/// <summary>What a path measured at one scale, before the runner adds memory, time and load.</summary>
public sealed record Outcome(string Size, IReadOnlyList<Figure> Figures, IReadOnlyList<Check> Checks, string? Note = null);
