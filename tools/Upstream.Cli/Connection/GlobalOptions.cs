using System.CommandLine;

namespace Upstream.Cli.Connection;

/// <summary>The options every command takes: where the services are, who is calling, and how to print.</summary>
public static class GlobalOptions
{
    public static readonly string[] Services = ["applications", "network", "events", "grants", "insights"];

    public static readonly Option<string?> Token = new("--token") { Description = "Staff token (default: $UPSTREAM_TOKEN, then the running system's development token).", Recursive = true };

    public static readonly Option<string?> System = new("--system") { Description = "The running system's file (default: .upstream/system.json here or above).", Recursive = true };

    public static readonly Option<string> Output = new("--output", "-o") { Description = "table (default) or json, for scripts.", Recursive = true, DefaultValueFactory = _ => "table" };

    /// <summary>--applications URL etc.: each service's gRPC endpoint (default: $UPSTREAM_APPLICATIONS_GRPC, then the running system).</summary>
    public static readonly IReadOnlyDictionary<string, Option<string?>> Endpoints = Services.ToDictionary(s => s, Endpoint);

    private static Option<string?> Endpoint(string service)
    {
        var option = new Option<string?>($"--{service}")
        {
            Description = $"The {service} service's gRPC endpoint, e.g. http://localhost:5102 (default: $UPSTREAM_{service.ToUpperInvariant()}_GRPC, then the running system).",
            Recursive = true,
            HelpName = "URL",
        };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !Uri.TryCreate(result.Tokens[0].Value, UriKind.Absolute, out _))
            {
                result.AddError($"--{service}: '{result.Tokens[0].Value}' is not an absolute URL such as http://localhost:5102.");
            }
        });
        return option;
    }

    public static void AddTo(RootCommand root)
    {
        Output.AcceptOnlyFromAmong("table", "json");
        root.Add(Token);
        root.Add(System);
        root.Add(Output);
        foreach (var option in Endpoints.Values)
        {
            root.Add(option);
        }
    }

    public static bool Json(this ParseResult parse) => parse.GetValue(Output) == "json";
}
