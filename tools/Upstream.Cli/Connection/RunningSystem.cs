using System.Text.Json;
using System.Text.Json.Serialization;

namespace Upstream.Cli.Connection;

/// <summary>
/// The file the app host writes once the system is healthy (.upstream/system.json, deleted on stop): each service's
/// gRPC endpoint, the gateway's, and a development staff token.
/// </summary>
public sealed record RunningSystem(
    [property: JsonPropertyName("services")] IReadOnlyDictionary<string, string> Services,
    [property: JsonPropertyName("gateway")] string? Gateway,
    [property: JsonPropertyName("staffToken")] string? StaffToken)
{
    public const string FileName = "system.json";

    /// <summary>The given file, or .upstream/system.json in the working folder or the nearest folder above it.</summary>
    public static RunningSystem? Read(string? path, string workingDirectory)
    {
        path ??= Find(workingDirectory);
        if (path is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<RunningSystem>(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new CliException(Output.ExitCodes.BadInput, $"Cannot read the system file {path}: {e.Message}");
        }
    }

    private static string? Find(string workingDirectory)
    {
        for (var dir = new DirectoryInfo(workingDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".upstream", FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
