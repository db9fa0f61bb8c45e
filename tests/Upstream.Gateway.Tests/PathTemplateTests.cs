using Upstream.Gateway.Transcoding;

namespace Upstream.Gateway.Tests;

public sealed class PathTemplateTests
{
    [Theory]
    [InlineData("/v1/calls/{call_id}", "/v1/calls/abc", "call_id=abc")]
    [InlineData("/v1/calls/{call_id}", "/v1/calls/a%20b%2Fc", "call_id=a b/c")]
    [InlineData("/v1/{name=calls/*/applications/*}", "/v1/calls/1/applications/2", "name=calls/1/applications/2")]
    [InlineData("/v1/calls/{call_id}:publish", "/v1/calls/7:publish", "call_id=7")]
    [InlineData("/v1/files/{path=**}", "/v1/files/a/b/c", "path=a/b/c")]
    [InlineData("/v1/calls", "/v1/calls", "")]
    public void A_matching_path_binds_each_variable(string template, string path, string expected)
    {
        var bound = PathTemplate.Parse(template).Match(path);

        Assert.NotNull(bound);
        Assert.Equal(expected, string.Join("&", bound!.Select(kv => $"{kv.Key}={kv.Value}")));
    }

    [Theory]
    [InlineData("/v1/calls/{call_id}", "/v1/calls")]
    [InlineData("/v1/calls/{call_id}", "/v1/calls/a/b")]
    [InlineData("/v1/calls/{call_id}", "/v1/calls/")]
    [InlineData("/v1/calls/{call_id}:publish", "/v1/calls/7")]
    [InlineData("/v1/calls/{call_id}", "/v2/calls/7")]
    public void A_path_that_does_not_fit_does_not_match(string template, string path)
    {
        Assert.Null(PathTemplate.Parse(template).Match(path));
    }

    [Theory]
    [InlineData("v1/calls", "must start with '/'")]
    [InlineData("/v1/{call_id", "unclosed")]
    [InlineData("/v1/{}", "invalid field")]
    [InlineData("/v1/**/x", "'**' may only be the last segment")]
    [InlineData("/v1//x", "empty segment")]
    public void A_malformed_template_is_refused_saying_why(string template, string reason)
    {
        Assert.Contains(reason, Assert.Throws<FormatException>(() => PathTemplate.Parse(template)).Message);
    }
}
