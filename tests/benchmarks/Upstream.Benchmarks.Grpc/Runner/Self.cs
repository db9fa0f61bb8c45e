using System.Globalization;
using Upstream.Hosting.Processes;

namespace Upstream.Benchmarks.Grpc.Runner;

/// <summary>Starts this same program with another command: the servers and client drivers are its own modes.</summary>
internal static class Self
{
    public static ChildProcessSpec Command(
        string command, BenchmarkSettings settings, IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        var process = Environment.ProcessPath ?? "dotnet";
        // Under `dotnet x.dll` the process is the host; the program is the assembly beside us.
        string[] program = Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? [process, typeof(Self).Assembly.Location]
            : [process];
        string[] workload =
        [
            "--request-bytes", settings.RequestPayloadBytes.ToString(CultureInfo.InvariantCulture),
            "--response-bytes", settings.ResponseBytes.ToString(CultureInfo.InvariantCulture),
        ];
        return new ChildProcessSpec(program[0], [.. program[1..], command, .. workload, .. arguments])
        {
            // Servers log warnings only; the client driver's last line is its result.
            Environment = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>()) { ["DOTNET_NOLOGO"] = "1" },
        };
    }
}
