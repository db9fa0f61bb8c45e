using Microsoft.Extensions.Configuration;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.AppHost;

/// <summary>
/// The app host as the development token issuer: a signing key (a generated secret parameter, kept across runs in
/// the app host's user secrets) injected into the gateway and every service as Authentication__*, and a ready
/// token per role printed once all is healthy, so a developer can call the REST API as an applicant, member,
/// staff, partner or operator straight away. Production points Authentication__* at the real issuer; nothing
/// here ships.
/// </summary>
public sealed class DevelopmentIdentity(IResourceBuilder<ParameterResource> signingKey)
{
    private const string Issuer = "upstream-dev";
    private const string Audience = "upstream";

    public static DevelopmentIdentity Create(IDistributedApplicationBuilder builder) =>
        new(builder.AddParameter("signing-key", new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true, persist: true));

    public IResourceBuilder<ProjectResource> Trust(IResourceBuilder<ProjectResource> project) => project
        .WithEnvironment("Authentication__Issuer", Issuer)
        .WithEnvironment("Authentication__Audience", Audience)
        .WithEnvironment("Authentication__SigningKey", signingKey);

    /// <summary>One token per role (applicants and members act for Adur, ADU), with a curl line to try it.</summary>
    public async Task PrintTokensAsync(TextWriter output, Uri gateway, CancellationToken cancellationToken)
    {
        var issuer = await IssuerAsync(cancellationToken);
        output.WriteLine($"Development tokens (valid 8 hours). REST API at {gateway}, OpenAPI at {new Uri(gateway, "/openapi/v1.json")}, reference at {new Uri(gateway, "/scalar/")}:");
        foreach (var role in Roles.All)
        {
            var council = role is Roles.Applicant or Roles.Member ? "ADU" : null;
            var token = issuer.Issue($"dev-{role}", [role], council);
            output.WriteLine($"  {role}{(council is null ? "" : $" (council {council})")}:");
            output.WriteLine($"    curl -H 'Authorization: Bearer {token}' {new Uri(gateway, "/v1/calls")}");
        }
    }

    /// <summary>Tokens signed with this run's key (the demo programme calls the gateway with them).</summary>
    public async Task<TokenIssuer> IssuerAsync(CancellationToken cancellationToken) =>
        TokensSignedWith(await signingKey.Resource.GetValueAsync(cancellationToken) ?? "");

    /// <summary>A development token for one role (the staff tools' token in .upstream/system.json).</summary>
    public async Task<string> IssueAsync(string role, CancellationToken cancellationToken) =>
        (await IssuerAsync(cancellationToken)).Issue($"dev-{role}", [role], null);

    /// <summary>What the services accept, given the signing key (the end-to-end tests read it from the app model).</summary>
    public static TokenIssuer TokensSignedWith(string signingKey) => new(
        TokenSettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Authentication:Issuer"] = Issuer,
            ["Authentication:Audience"] = Audience,
            ["Authentication:SigningKey"] = signingKey,
        }).Build()),
        TimeProvider.System);
}
