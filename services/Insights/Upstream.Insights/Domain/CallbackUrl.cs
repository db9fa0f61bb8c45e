using System.Net;
using System.Net.Sockets;
using Upstream.Domain.Refusals;

namespace Upstream.Insights.Domain;

/// <summary>
/// A callback URL we are willing to call. Server-side request forgery is refused: a URL (or a name resolving to an
/// address) that points inward (loopback, private, carrier-grade NAT, link-local, unique-local, unspecified,
/// multicast) is refused unless staff allowed its host explicitly for local testing. The same address rule is applied
/// again at connect time, so a name that later resolves inward (DNS rebinding) is not called either.
/// </summary>
public sealed record CallbackUrl
{
    private CallbackUrl(string value) => Value = value;

    public string Value { get; }

    /// <param name="resolve">Resolves a host name to its addresses (DNS).</param>
    public static async Task<CallbackUrl> CheckAsync(string url, string field, IReadOnlySet<string> allowedHosts, Func<string, Task<IPAddress[]>> resolve)
    {
        var violations = new Violations();
        var parsed = Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";
        violations.Require(parsed, field, "Give an absolute http or https URL.");
        violations.ThrowIfAny();
        violations.Require(uri!.UserInfo.Length == 0, field, "The URL must not carry a user name or password.");
        violations.Require(uri.Fragment.Length == 0, field, "The URL must not have a fragment.");
        var host = uri.IdnHost.Trim('[', ']');
        if (!allowedHosts.Contains(host.ToLowerInvariant()))
        {
            violations.Require(uri.Scheme == "https", field, "Callbacks are made over https.");
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await ResolveAsync(resolve, host);
            violations.Require(addresses.Length > 0, field, $"The host {host} could not be resolved.");
            var inward = addresses.FirstOrDefault(PointsInward);
            violations.Require(inward is null, field, $"The URL points inward ({inward}: loopback, private or link-local); callbacks go to public addresses only.");
        }

        violations.ThrowIfAny();
        return new CallbackUrl(uri.ToString());
    }

    public static bool PointsInward(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10 || b[0] == 0 || b[0] >= 224
            || (b[0] == 172 && b[1] is >= 16 and <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] is >= 64 and <= 127);
    }

    private static async Task<IPAddress[]> ResolveAsync(Func<string, Task<IPAddress[]>> resolve, string host)
    {
        try
        {
            return await resolve(host);
        }
        catch (SocketException)
        {
            return [];
        }
    }
}
