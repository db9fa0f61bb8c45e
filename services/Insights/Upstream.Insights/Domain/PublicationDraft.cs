namespace Upstream.Insights.Domain;

/// <summary>What an author sent, unchecked: it becomes a <see cref="PublicationText"/> only once the caller may write.</summary>
public sealed record PublicationDraft(string Title, string Summary, string Theme, string Markdown);
