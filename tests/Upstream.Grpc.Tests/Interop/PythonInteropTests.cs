using System.Diagnostics;

namespace Upstream.Grpc.Tests.Interop;

/// <summary>
/// The official gRPC C-core client (Debian's python3-grpcio, under /usr/bin/python3) runs each standard interop
/// case against our server. apphost/prerequisites.sh test installs the client.
/// </summary>
public sealed class PythonInteropTests(InteropServerFixture server) : IClassFixture<InteropServerFixture>
{
    public static TheoryData<string> Cases => new(InteropCases.Names);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Official_python_client_passes(string testCase)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "python", "interop_client.py");
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList = { script, "--host", "127.0.0.1", "--port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--descriptors", server.DescriptorSetPath, "--case", testCase },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{testCase} did not finish within 90 s.");
        }

        var report = (await output).Trim() + Environment.NewLine + (await errors).Trim();
        Assert.True(process.ExitCode == 0, $"{testCase} failed (exit {process.ExitCode}):{Environment.NewLine}{report}");
        Assert.Contains("PASS " + testCase, report, StringComparison.Ordinal);
    }
}
