using System.Security.Cryptography;

namespace Upstream.Hosting.Infrastructure;

public static class Secret
{
    /// <summary>A random credential of URL-safe characters, so it needs no escaping in connection strings.</summary>
    public static string Generate(int length = 24)
    {
        const string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, length);
    }
}
