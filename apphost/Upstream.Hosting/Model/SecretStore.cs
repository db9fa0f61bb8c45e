using System.Text.Json;
using Upstream.Hosting.Infrastructure;

namespace Upstream.Hosting.Model;

/// <summary>
/// Credentials generated on first run and kept beside the data they protect (readable by the owner only), so a
/// restart finds the same database passwords.
/// </summary>
public sealed class SecretStore
{
    private readonly string _path;
    private readonly Dictionary<string, string> _values;
    private readonly Lock _gate = new();

    public SecretStore(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        _path = Path.Combine(dataDirectory, "secrets.json");
        _values = File.Exists(_path)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(_path)) ?? []
            : [];
    }

    public string Get(string key, Func<string>? generate = null)
    {
        lock (_gate)
        {
            if (_values.TryGetValue(key, out var value))
            {
                return value;
            }

            value = (generate ?? (() => Secret.Generate()))();
            _values[key] = value;
            File.WriteAllText(_path, JsonSerializer.Serialize(_values));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            return value;
        }
    }
}
