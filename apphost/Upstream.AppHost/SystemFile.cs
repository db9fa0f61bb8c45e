using System.Text.Json;

namespace Upstream.AppHost;

/// <summary>
/// What staff tools need to reach the running system, in the app host's data folder (.upstream/system.json): each
/// service's gRPC endpoint, the gateway's, and a development staff token. Owner-only (0600) because the token acts as
/// staff; written once everything is healthy and deleted on stop, so a stale file never points at a dead system.
/// </summary>
public sealed class SystemFile(string path)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Path { get; } = path;

    public async Task WriteAsync(IReadOnlyDictionary<string, string> grpcEndpoints, string gateway, string staffToken, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        await using var file = new FileStream(Path, options);
        if (!OperatingSystem.IsWindows())
        {
            // A file left by an older run keeps its mode when truncated: set it again before the token is written.
            File.SetUnixFileMode(Path, OwnerOnly);
        }

        await JsonSerializer.SerializeAsync(file, new { services = grpcEndpoints, gateway, staffToken }, cancellationToken: cancellationToken);
    }

    public void Delete() => File.Delete(Path);
}
