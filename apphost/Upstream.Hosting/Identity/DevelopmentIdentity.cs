using System.Security.Cryptography;
using Upstream.Hosting.Model;
using Upstream.Hosting.Resources;

namespace Upstream.Hosting.Identity;

/// <summary>
/// Locally the app host is the token issuer: one signing key, generated on first run and kept with the other
/// secrets, shared with every project so the gateway and each service validate the same tokens. Production
/// points Authentication__* at the real issuer instead.
/// </summary>
public static class DevelopmentIdentity
{
    public const string Issuer = "upstream-apphost";
    public const string Audience = "upstream";
    private const string SigningKeySecret = "identity:signing-key";

    /// <summary>The HMAC key (base64 of 32 random bytes), the same across restarts.</summary>
    public static string SigningKey(SecretStore secrets) =>
        secrets.Get(SigningKeySecret, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    /// <summary>Authentication__Issuer, __Audience and __SigningKey, as the service defaults read them.</summary>
    public static IResourceBuilder<ProjectResource> WithDevelopmentIdentity(this IResourceBuilder<ProjectResource> project)
    {
        project.Resource.EnvironmentCallbacks.Add(env =>
        {
            env.Variables["Authentication__Issuer"] = Issuer;
            env.Variables["Authentication__Audience"] = Audience;
            env.Variables["Authentication__SigningKey"] = SigningKey(env.Secrets);
        });
        return project;
    }
}
