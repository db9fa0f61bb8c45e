using System.Net;
using System.Text.RegularExpressions;
using Upstream.Gateway.Tests.Hosting;

namespace Upstream.Gateway.Tests;

/// <summary>The interactive API reference (Scalar) is served whole by the gateway: it loads with no internet.</summary>
public sealed partial class ReferencePageTests(EdgeFixture edge) : IClassFixture<EdgeFixture>
{
    [Fact]
    public async Task The_reference_page_and_every_script_it_loads_come_from_the_gateway()
    {
        using var page = await edge.Gateway.Rest.GetAsync("/scalar/");
        var html = await page.Content.ReadAsStringAsync();
        var sources = Source().Matches(html).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        Assert.NotEmpty(sources);
        var sizes = new List<int>();
        foreach (var source in sources)
        {
            var address = new Uri(page.RequestMessage!.RequestUri!, source);
            Assert.Equal(edge.Gateway.Rest.BaseAddress!.Authority, address.Authority);
            using var script = await edge.Gateway.Rest.GetAsync(address);
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            sizes.Add((await script.Content.ReadAsStringAsync()).Length);
        }

        // The reference itself is a bundle of a few MB, not a loader that fetches it from a CDN.
        Assert.True(sizes.Max() > 1_000_000, string.Join(", ", sizes));
    }

    [GeneratedRegex(@"<script[^>]*\ssrc=""([^""]+)""")]
    private static partial Regex Source();
}
