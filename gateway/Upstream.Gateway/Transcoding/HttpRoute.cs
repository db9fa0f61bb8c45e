using Google.Api;
using Google.Protobuf.Reflection;

namespace Upstream.Gateway.Transcoding;

/// <summary>One REST route: an HTTP verb and path template bound to a gRPC method, as its proto declares it.</summary>
public sealed record HttpRoute(string Verb, PathTemplate Path, string Body, string ResponseBody, MethodDescriptor Method)
{
    /// <summary>The routes a method declares: its google.api.http rule and any additional bindings.</summary>
    public static IEnumerable<HttpRoute> Of(MethodDescriptor method)
    {
        var rule = method.GetOptions()?.GetExtension(AnnotationsExtensions.Http);
        if (rule is null)
        {
            yield break;
        }

        foreach (var binding in rule.AdditionalBindings.Prepend(rule))
        {
            var (verb, path) = binding.PatternCase switch
            {
                HttpRule.PatternOneofCase.Get => ("GET", binding.Get),
                HttpRule.PatternOneofCase.Put => ("PUT", binding.Put),
                HttpRule.PatternOneofCase.Post => ("POST", binding.Post),
                HttpRule.PatternOneofCase.Delete => ("DELETE", binding.Delete),
                HttpRule.PatternOneofCase.Patch => ("PATCH", binding.Patch),
                HttpRule.PatternOneofCase.Custom => (binding.Custom.Kind.ToUpperInvariant(), binding.Custom.Path),
                _ => throw new InvalidOperationException($"{method.FullName} has an HTTP rule without a pattern."),
            };
            var route = new HttpRoute(verb, PathTemplate.Parse(path), binding.Body, binding.ResponseBody, method);
            route.Validate();
            yield return route;
        }
    }

    /// <summary>Every field a rule names must exist on the messages, so a typo fails at start-up, not on a request.</summary>
    private void Validate()
    {
        foreach (var variable in Path.Variables)
        {
            _ = FieldPath.Resolve(Method.InputType, variable.FieldPath) ?? throw new InvalidOperationException($"{Method.FullName}: path variable '{variable.FieldPath}' is not a field of {Method.InputType.Name}.");
        }

        if (Body is not ("" or "*") && Method.InputType.FindFieldByName(Body) is null)
        {
            throw new InvalidOperationException($"{Method.FullName}: body '{Body}' is not a field of {Method.InputType.Name}.");
        }

        if (ResponseBody.Length > 0 && Method.OutputType.FindFieldByName(ResponseBody) is null)
        {
            throw new InvalidOperationException($"{Method.FullName}: response_body '{ResponseBody}' is not a field of {Method.OutputType.Name}.");
        }
    }
}
