namespace Upstream.Hosting.Infrastructure;

/// <summary>Finds the server programs Debian installs, and says exactly what to install when one is missing.</summary>
public static class MachineTools
{
    public static string PostgresBin(string program)
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(VersionOf)
            : Enumerable.Empty<string>();
        foreach (var dir in versions)
        {
            var path = Path.Combine(dir, "bin", program);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return OnPath(program) ?? throw Missing("PostgreSQL 15", "postgresql");
    }

    public static string RabbitMqBin(string program)
    {
        var path = Path.Combine("/usr/lib/rabbitmq/bin", program);
        return File.Exists(path) ? path : OnPath(program) ?? throw Missing("RabbitMQ", "rabbitmq-server");
    }

    public static string Epmd() =>
        OnPath("epmd") ?? (File.Exists("/usr/lib/erlang/bin/epmd") ? "/usr/lib/erlang/bin/epmd" : throw Missing("Erlang's epmd", "rabbitmq-server"));

    private static int VersionOf(string dir) => int.TryParse(Path.GetFileName(dir), out var v) ? v : 0;

    private static string? OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    private static InvalidOperationException Missing(string what, string package) =>
        new($"{what} is not installed on this machine. Install it with: sudo apt-get install -y {package}");
}
