using System.Security.Cryptography;
using System.Text;
using Upstream.Insights.Domain;

namespace Upstream.Insights.Webhooks;

/// <summary>
/// Standard Webhooks signing: HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{body}" with the secret's key,
/// "v1,{base64}"; several space-separated while a rotated-out secret still overlaps.
/// </summary>
public static class WebhookSignature
{
    public static string Sign(string messageId, long timestamp, string payload, IEnumerable<string> secrets) =>
        string.Join(' ', secrets.Select(secret =>
            "v1," + Convert.ToBase64String(HMACSHA256.HashData(WebhookSecret.Key(secret), Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{payload}")))));
}
