using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Upstream.ServiceDefaults.Identity;

/// <summary>Mints tokens the services accept: for the app host's development issuer and for tests.</summary>
public sealed class TokenIssuer(TokenSettings settings, TimeProvider clock)
{
    public string Issue(string subject, IEnumerable<string> roles, string? councilCode = null, TimeSpan? lifetime = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new List<Claim> { new("sub", subject) };
        claims.AddRange(roles.Select(r => new Claim(UpstreamClaims.Role, r)));
        if (councilCode is not null)
        {
            claims.Add(new Claim(UpstreamClaims.Council, councilCode));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(8)),
            SigningCredentials = new SigningCredentials(settings.SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }
}
