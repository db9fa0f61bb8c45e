using System.Security.Cryptography;
using System.Text;

namespace Upstream.Contracts.Network;

/// <summary>How an email is matched without being sent: lower-case hex SHA-256 of the trimmed, lower-cased address.</summary>
public static class ErasedEmail
{
    public static string Hash(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));
}
