using Ganss.Xss;
using Markdig;
using Upstream.Domain.Refusals;

namespace Upstream.Insights.Domain;

/// <summary>
/// Markdown to the HTML published in the feeds and sent to partners. CommonMark accepts any text, so what is refused
/// is what cannot be text (control characters, broken surrogates) and raw HTML the sanitizer would have to strip
/// (scripts, event handlers, javascript: links): the author hears which, rather than seeing their piece silently
/// changed.
/// </summary>
public static class InsightMarkdown
{
    public const int MaximumLength = 100_000;

    // Tables and bare links, but no generated heading ids: a piece's HTML is embedded in partners' pages.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseAutoLinks().Build();

    private static readonly string[] FormTags = ["form", "input", "button", "select", "option", "optgroup", "textarea", "fieldset", "legend", "label"];

    public static string ToSafeHtml(string markdown, string field, Violations violations)
    {
        violations.Require(markdown.Trim().Length > 0, field, "Write the piece: the Markdown is empty.");
        violations.Require(markdown.Length <= MaximumLength, field, $"At most {MaximumLength} characters.");
        var malformed = markdown.FirstOrDefault(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
        violations.Require(malformed == default, field, $"Malformed Markdown: it contains the control character U+{(int)malformed:X4}.");
        violations.Require(!HasBrokenSurrogate(markdown), field, "Malformed Markdown: it contains a broken UTF-16 surrogate pair.");
        if (violations.Items.Any(v => v.Field == field))
        {
            return "";
        }

        var html = Markdown.ToHtml(markdown, Pipeline);
        var removed = new List<string>();
        var sanitizer = new HtmlSanitizer();

        // The sanitizer's defaults keep forms; a piece read inside partners' pages must not be able to ask for a password.
        foreach (var tag in FormTags)
        {
            sanitizer.AllowedTags.Remove(tag);
        }

        sanitizer.RemovingTag += (_, e) => removed.Add($"<{e.Tag.LocalName}>");
        sanitizer.RemovingAttribute += (_, e) => removed.Add($"the {e.Attribute.Name} attribute of <{e.Tag.LocalName}>");
        sanitizer.RemovingStyle += (_, e) => removed.Add($"the {e.Style.Name} style of <{e.Tag.LocalName}>");
        var safe = sanitizer.Sanitize(html);
        violations.Require(removed.Count == 0, field, $"Unsafe HTML is not allowed: {string.Join(", ", removed.Distinct())}.");
        return safe;
    }

    private static bool HasBrokenSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
