using Upstream.Domain.Refusals;

namespace Upstream.Insights.Domain;

/// <summary>What an author writes, checked as a whole and rendered: only a valid one can be made.</summary>
public sealed record PublicationText
{
    private PublicationText(string title, string summary, string theme, string markdown, string html) =>
        (Title, Summary, Theme, Markdown, Html) = (title, summary, theme, markdown, html);

    public string Title { get; }

    public string Summary { get; }

    public string Theme { get; }

    public string Markdown { get; }

    public string Html { get; }

    /// <summary>Every problem at once, under the proto's field names (details.title...).</summary>
    public static PublicationText From(PublicationDraft draft)
    {
        var (title, summary, theme, markdown) = draft;
        var violations = new Violations();
        violations.Require(title.Trim().Length is > 0 and <= 200, "details.title", "Give a title of at most 200 characters.");
        violations.Require(summary.Trim().Length is > 0 and <= 1000, "details.summary", "Give a summary of at most 1000 characters: the feeds show it.");
        violations.Require(theme.Trim().Length <= 100, "details.theme", "At most 100 characters.");
        var html = InsightMarkdown.ToSafeHtml(markdown, "details.markdown", violations);
        violations.ThrowIfAny();
        return new PublicationText(title.Trim(), summary.Trim(), theme.Trim(), markdown, html);
    }
}
