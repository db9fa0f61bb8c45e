using System.Text.RegularExpressions;

namespace Upstream.Deploy.Model;

/// <summary>
/// Turns an environment value of Aspire's manifest into what a pod gets. "{applicationsdb.connectionString}" or
/// "{signing-key.value}" becomes a reference to the Secret's key of that name; "{applications.bindings.grpc.url}"
/// becomes the Kubernetes Service's address (http://applications:5102); "{x.bindings.http.targetPort}" the port.
/// Values that name an https endpoint are dropped: inside the cluster everything is plain text behind the Ingress.
/// </summary>
public sealed partial class ExpressionTranslator(IReadOnlyCollection<string> secretKeys, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ports)
{
    public Setting? Translate(string name, string value)
    {
        var whole = Reference().Match(value);
        if (whole.Success && whole.Length == value.Length && secretKeys.Contains(whole.Groups["resource"].Value)
            && whole.Groups["property"].Value is "connectionString" or "value")
        {
            return Setting.FromSecret(name, whole.Groups["resource"].Value);
        }

        var unresolved = false;
        var plain = Reference().Replace(value, match =>
        {
            var resolved = Resolve(name, match.Groups["resource"].Value, match.Groups["property"].Value);
            unresolved |= resolved is null;
            return resolved ?? "";
        });
        return unresolved ? null : Setting.Plain(name, plain);
    }

    private string? Resolve(string setting, string resource, string property)
    {
        if (secretKeys.Contains(resource))
        {
            // A secret inside a longer value would have to be assembled in the pod; no setting of ours does that.
            throw new NotSupportedException($"{setting} embeds the secret {resource} in a longer value; set it whole.");
        }

        var binding = Binding().Match(property);
        if (!binding.Success || !ports.TryGetValue(resource, out var endpoints))
        {
            throw new NotSupportedException($"{setting} refers to {resource}.{property}, which has no Kubernetes equivalent here.");
        }

        if (!endpoints.TryGetValue(binding.Groups["endpoint"].Value, out var port))
        {
            return null;
        }

        return binding.Groups["part"].Value switch
        {
            "url" => $"http://{resource}:{port}",
            "host" => resource,
            "port" or "targetPort" => port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            var part => throw new NotSupportedException($"{setting} refers to the endpoint's {part}, which has no Kubernetes equivalent here."),
        };
    }

    [GeneratedRegex(@"\{(?<resource>[^{}.]+)\.(?<property>[^{}]+)\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^bindings\.(?<endpoint>[^.]+)\.(?<part>[^.]+)$")]
    private static partial Regex Binding();
}
