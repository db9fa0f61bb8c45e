using System.Net;
using System.Text.RegularExpressions;
using Google.Api;
using Upstream.Gateway.Contracts;
using Upstream.Gateway.Tests.Hosting;

namespace Upstream.Gateway.Tests;

/// <summary>
/// The gateway's routes (appsettings.json) hold to the contract: every REST route of every method is refused
/// without a token unless the proto marks the method <c>(upstream.api.v1.anonymous)</c>, and those are let
/// through. The stand-in service never asks for a token itself, so a 401 here is the gateway's.
/// </summary>
public sealed partial class AccessTests(EdgeFixture edge) : IClassFixture<EdgeFixture>
{
    public static TheoryData<string, string, string, bool> Routes()
    {
        var routes = new TheoryData<string, string, string, bool>();
        foreach (var method in ProtoCatalog.All().SelectMany(s => s.Methods))
        {
            if (method.GetOptions()?.GetExtension(AnnotationsExtensions.Http) is { } rule)
            {
                var (verb, template) = rule.PatternCase switch
                {
                    HttpRule.PatternOneofCase.Get => ("GET", rule.Get),
                    HttpRule.PatternOneofCase.Post => ("POST", rule.Post),
                    HttpRule.PatternOneofCase.Put => ("PUT", rule.Put),
                    HttpRule.PatternOneofCase.Patch => ("PATCH", rule.Patch),
                    HttpRule.PatternOneofCase.Delete => ("DELETE", rule.Delete),
                    _ => ("POST", rule.Custom.Path),
                };
                routes.Add(method.FullName, verb, Variable().Replace(template, "x-1"), MethodAccess.IsAnonymous(method));
            }
        }

        return routes;
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Only_routes_the_contract_marks_public_are_open_without_a_token(string method, string verb, string path, bool anonymous)
    {
        var request = edge.Gateway.Request(new HttpMethod(verb), path, json: verb is "GET" or "DELETE" ? null : "{}");

        using var response = await edge.Gateway.Rest.SendAsync(request);

        Assert.True(anonymous == (response.StatusCode != HttpStatusCode.Unauthorized), $"{method}: {verb} {path} answered {(int)response.StatusCode}");
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Variable();
}
