using Upstream.Domain.Refusals;
using Upstream.Insights.Domain;

namespace Upstream.Insights.Tests;

public sealed class InsightMarkdownTests
{
    [Fact]
    public void Markdown_with_safe_inline_html_and_a_table_renders_unchanged_in_meaning()
    {
        var violations = new Violations();

        var html = InsightMarkdown.ToSafeHtml("Councils **agree**: <em>prevention</em> pays.\n\n| Theme | Councils |\n|---|---|\n| Data | 2 |\n\nSee https://example.org", "markdown", violations);

        Assert.Empty(violations.Items);
        Assert.Contains("<strong>agree</strong>: <em>prevention</em> pays.", html);
        Assert.Contains("<td>Data</td>", html);
        Assert.Contains("<a href=\"https://example.org\">https://example.org</a>", html);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "<script>")]
    [InlineData("<p onclick=\"steal()\">hi</p>", "onclick")]
    [InlineData("[x](javascript:alert(1))", "href")]
    [InlineData("<div style=\"background:url(javascript:alert(1))\">x</div>", "style")]
    [InlineData("<form action=\"https://evil.example\"><input name=\"pw\"></form>", "<form>")]
    public void Unsafe_html_is_refused_naming_what_would_have_been_removed(string markdown, string named)
    {
        var violations = new Violations();

        InsightMarkdown.ToSafeHtml(markdown, "details.markdown", violations);

        var violation = Assert.Single(violations.Items);
        Assert.Equal("details.markdown", violation.Field);
        Assert.Contains(named, violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_cannot_be_markdown_is_refused_as_malformed()
    {
        var violations = new Violations();

        InsightMarkdown.ToSafeHtml("half a pair \ud800 here", "markdown", violations);

        Assert.Contains("broken UTF-16 surrogate", Assert.Single(violations.Items).Description);
    }
}
