using System.Text.Json;
using Upstream.Benchmarks.Grpc;
using Upstream.Benchmarks.Grpc.Load;
using Upstream.Benchmarks.Grpc.Report;
using Upstream.Benchmarks.Grpc.Runner;
using Upstream.Benchmarks.Grpc.Servers;
using Upstream.Benchmarks.Grpc.Warmup;
using Upstream.Benchmarks.Grpc.Workload;

// One program, several roles: `run` (the default) is the benchmark; the others are the processes it starts.
var command = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "run";
var arguments = new Arguments(args.SkipWhile(a => !a.StartsWith("--", StringComparison.Ordinal)));
var workload = new UnaryWorkload(arguments.Number("request-bytes", 128), arguments.Number("response-bytes", 128));

switch (command)
{
    case "run":
        return await new BenchmarkRunner(BenchmarkSettings.From(arguments), workload).RunAsync();
    case "our-server":
        await OurServer.RunAsync(arguments.Number("port", 5000), Enum.Parse<OurSetup>(arguments.Text("setup", nameof(OurSetup.Default)), ignoreCase: true));
        return 0;
    case "bare-server":
        await BareServer.RunAsync(arguments.Number("port", 5000), workload);
        return 0;
    case "client":
        var target = new Uri($"http://127.0.0.1:{arguments.Number("port", 5000)}");
        using (var caller = Callers.Create(arguments.Text("caller", ClientScenario.RawCaller), target, workload))
        {
            var result = await ClientLoad.RunAsync(
                arguments.Text("scenario", "client"), caller, arguments.Number("concurrency", 64),
                new WarmUpPolicy(arguments.Seconds("warmup", 5), arguments.Seconds("max-warmup", 240)), arguments.Seconds("duration", 10));
            // The runner reads the last line.
            Console.WriteLine(JsonSerializer.Serialize(result, BenchmarkReport.Json).ReplaceLineEndings(" "));
        }

        return 0;
    default:
        Console.Error.WriteLine("usage: Upstream.Benchmarks.Grpc [run|our-server|bare-server|client] [--name value ...]; see tests/benchmarks/README.md");
        return 2;
}
