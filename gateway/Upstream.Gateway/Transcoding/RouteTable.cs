namespace Upstream.Gateway.Transcoding;

/// <summary>
/// Every annotated method of the given services, found once at start-up. A request goes to the most specific
/// matching route (most literal segments), so "/v1/calls/{id}:publish" and "/v1/calls/{id}" never compete.
/// </summary>
public sealed class RouteTable
{
    private readonly IReadOnlyList<HttpRoute> _routes;

    public RouteTable(IEnumerable<Google.Protobuf.Reflection.ServiceDescriptor> services)
    {
        _routes = [.. services.SelectMany(s => s.Methods).Where(m => !m.IsClientStreaming && !m.IsServerStreaming).SelectMany(HttpRoute.Of)
            .OrderByDescending(r => r.Path.LiteralCount).ThenByDescending(r => r.Path.Verb is not null)];
        var clash = _routes.GroupBy(r => (r.Verb, r.Path.Text)).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new InvalidOperationException($"{clash.Key.Verb} {clash.Key.Text} is declared by both {string.Join(" and ", clash.Select(r => r.Method.FullName))}.");
        }
    }

    public IReadOnlyList<HttpRoute> Routes => _routes;

    public RouteMatch? Match(string verb, string path)
    {
        foreach (var route in _routes)
        {
            if (route.Path.Match(path) is { } variables)
            {
                if (route.Verb == verb)
                {
                    return new RouteMatch(route, variables);
                }
            }
        }

        return null;
    }

    /// <summary>The verbs some route answers on this path: tells 404 from 405 (with an Allow header).</summary>
    public IReadOnlyList<string> VerbsFor(string path) => [.. _routes.Where(r => r.Path.Match(path) is not null).Select(r => r.Verb).Distinct()];
}

public sealed record RouteMatch(HttpRoute Route, IReadOnlyDictionary<string, string> Variables);
