using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Upstream.Hosting.Model;

/// <summary>
/// Settings from the command line or environment (e.g. --Upstream:DataDirectory=/srv/upstream,
/// Upstream__Ports__postgres=5432). Everything has a default that works on a fresh clone.
/// </summary>
public sealed class AppHostOptions
{
    /// <summary>Persistent data (databases, broker, secrets): survives restarts. Default: .upstream/ in the repo.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The repository root: where projects are found by relative path.</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>Fixed ports by resource name; resources without one get a free port.</summary>
    public IReadOnlyDictionary<string, int> Ports { get; init; } = new Dictionary<string, int>();

    /// <summary>Where projects send OTLP (the dashboard's receiver); null means no export.</summary>
    public Uri? OtlpEndpoint { get; set; }

    public string? OtlpApiKey { get; set; }

    /// <summary>The build configuration whose outputs projects run from (the app host's own).</summary>
    public string BuildConfiguration { get; init; } = "Debug";

    public static AppHostOptions From(IConfiguration configuration)
    {
        var root = configuration["Upstream:RepositoryRoot"] ?? FindRepositoryRoot();
        var ports = configuration.GetSection("Upstream:Ports").GetChildren()
            .Where(c => int.TryParse(c.Value, out _))
            .ToDictionary(c => c.Key, c => int.Parse(c.Value!, System.Globalization.CultureInfo.InvariantCulture));
        return new AppHostOptions
        {
            RepositoryRoot = root,
            DataDirectory = Path.GetFullPath(configuration["Upstream:DataDirectory"] ?? Path.Combine(root, ".upstream")),
            Ports = ports,
            BuildConfiguration = configuration["Upstream:BuildConfiguration"] ?? Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug",
        };
    }

    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Upstream.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cannot find Upstream.sln above the current folder; pass --Upstream:RepositoryRoot=PATH.");
    }

    /// <summary>Starts a server on its configured port, or on a free one (retrying if that one is taken meanwhile).</summary>
    public Task<T> StartOnPortAsync<T>(string resource, Func<int, Task<T>> start) =>
        Ports.TryGetValue(resource, out var port) ? start(port) : Infrastructure.FreePort.StartAsync(start);
}
