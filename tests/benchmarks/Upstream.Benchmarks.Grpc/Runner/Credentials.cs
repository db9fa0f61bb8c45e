using System.Security.Cryptography;
using Upstream.Hosting.Processes;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Benchmarks.Grpc.Runner;

/// <summary>
/// A signing key made for this run, given to the servers as the app host gives it to services
/// (Authentication__Issuer, __Audience, __SigningKey), and a token minted with it by ServiceDefaults' TokenIssuer
/// for the calls h2load and the check make to the servers that require authorization.
/// </summary>
internal sealed class Credentials
{
    private readonly Dictionary<string, string> _settings = new(StringComparer.Ordinal)
    {
        ["Authentication:Issuer"] = "upstream-benchmark",
        ["Authentication:Audience"] = "upstream",
        ["Authentication:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

    public Credentials()
    {
        var settings = TokenSettings.From(new ConfigurationBuilder().AddInMemoryCollection(_settings!).Build());
        // An applicant's token, as a service's callers present; valid for longer than any run.
        var token = new TokenIssuer(settings, TimeProvider.System).Issue("benchmark-applicant", [Roles.Applicant], "E07000001", TimeSpan.FromDays(1));
        AuthorizationHeader = "authorization: Bearer " + token;
    }

    /// <summary>The header as h2load takes it (<c>-H</c>) and the check sends it: <c>authorization: Bearer …</c>.</summary>
    public string AuthorizationHeader { get; }

    public ChildProcessSpec Apply(ChildProcessSpec spec) => spec with
    {
        Environment = new Dictionary<string, string?>(spec.Environment.Concat(
            _settings.Select(setting => KeyValuePair.Create(setting.Key.Replace(":", "__", StringComparison.Ordinal), (string?)setting.Value)))),
    };
}
