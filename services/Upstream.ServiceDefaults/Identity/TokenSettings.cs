using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace Upstream.ServiceDefaults.Identity;

/// <summary>
/// Token validation settings from configuration: Authentication__Issuer, Authentication__Audience and
/// Authentication__SigningKey (a shared HMAC key of at least 32 bytes, base64). The app host acts as the
/// development issuer and injects all three; production points them at the real issuer's key.
/// </summary>
public sealed record TokenSettings(string Issuer, string Audience, SymmetricSecurityKey SigningKey)
{
    public static TokenSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Authentication");
        var missing = new[] { "Issuer", "Audience", "SigningKey" }.Where(k => string.IsNullOrWhiteSpace(section[k])).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Token validation is not configured: set {string.Join(", ", missing.Select(k => $"Authentication__{k}"))}.");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(section["SigningKey"]!);
        }
        catch (FormatException)
        {
            key = Encoding.UTF8.GetBytes(section["SigningKey"]!);
        }

        if (key.Length < 32)
        {
            throw new InvalidOperationException("Authentication__SigningKey must be at least 32 bytes.");
        }

        return new TokenSettings(section["Issuer"]!, section["Audience"]!, new SymmetricSecurityKey(key));
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = SigningKey,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RoleClaimType = UpstreamClaims.Role,
        NameClaimType = "sub",
        ClockSkew = TimeSpan.FromSeconds(30),
    };
}
