using System.Security.Cryptography;

namespace Upstream.Insights.Domain;

/// <summary>Standard Webhooks secrets: "whsec_" and 32 random bytes in base64.</summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static byte[] Key(string secret) => Convert.FromBase64String(secret[Prefix.Length..]);
}
