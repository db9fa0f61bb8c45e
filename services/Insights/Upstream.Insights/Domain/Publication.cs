using Upstream.Domain.Refusals;

namespace Upstream.Insights.Domain;

/// <summary>
/// An insight piece staff write from the evidence: draft, in review, published, retracted. A retracted piece stays
/// readable, marked as retracted with its reason, so a link a partner followed never silently disappears.
/// </summary>
public sealed class Publication
{
    private Publication()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public string Summary { get; private set; } = "";

    public string Theme { get; private set; } = "";

    public string Markdown { get; private set; } = "";

    /// <summary>The Markdown rendered and sanitised, kept so readers and feeds never render it again.</summary>
    public string Html { get; private set; } = "";

    public PublicationState State { get; private set; }

    public string Author { get; private set; } = "";

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public DateTimeOffset? RetractedAt { get; private set; }

    public string? RetractionReason { get; private set; }

    public bool IsPublic => State is PublicationState.Published or PublicationState.Retracted;

    public static Publication Draft(PublicationText text, string author, DateTimeOffset at)
    {
        var publication = new Publication { Id = Guid.NewGuid(), State = PublicationState.Draft, Author = author };
        publication.Apply(text, at);
        return publication;
    }

    public void Revise(PublicationText text, DateTimeOffset at)
    {
        Require(State is PublicationState.Draft or PublicationState.InReview, "Only a draft or a piece in review can be revised; publish a new piece instead.");
        Apply(text, at);
    }

    public void SubmitForReview(DateTimeOffset at)
    {
        Require(State == PublicationState.Draft, "Only a draft can be submitted for review.");
        (State, UpdatedAt) = (PublicationState.InReview, at);
    }

    public void Publish(DateTimeOffset at)
    {
        Require(State == PublicationState.InReview, "A piece is published only after review: submit it for review first.");
        (State, UpdatedAt, PublishedAt) = (PublicationState.Published, at, at);
    }

    public void Retract(string reason, DateTimeOffset at)
    {
        var violations = new Violations();
        violations.Require(reason.Trim().Length is > 0 and <= 2000, "reason", "Say why it is retracted (at most 2000 characters): readers will see it.");
        violations.ThrowIfAny();
        Require(State == PublicationState.Published, "Only a published piece can be retracted.");
        (State, UpdatedAt, RetractedAt, RetractionReason) = (PublicationState.Retracted, at, at, reason.Trim());
    }

    private void Apply(PublicationText text, DateTimeOffset at) =>
        (Title, Summary, Theme, Markdown, Html, UpdatedAt) = (text.Title, text.Summary, text.Theme, text.Markdown, text.Html, at);

    private void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new DomainRuleException("publication-state", $"{message} (It is {PublicationStates.WireName(State)}.)");
        }
    }
}
