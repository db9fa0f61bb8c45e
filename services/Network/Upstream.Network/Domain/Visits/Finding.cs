using Upstream.Domain.Refusals;

namespace Upstream.Network.Domain.Visits;

/// <summary>
/// Something staff learnt on a visit: a driver, barrier or enabler of working upstream, its theme, the New Operating
/// Models dimension it speaks to, and perhaps a short quote, published only if its speaker consented.
/// </summary>
public sealed class Finding
{
    private Finding()
    {
    }

    public Guid Id { get; private set; }

    public Guid VisitId { get; private set; }

    /// <summary>The visited member, kept here so findings are filtered by member without the visit.</summary>
    public Guid MemberId { get; private set; }

    public FindingKind Kind { get; private set; }

    public string Theme { get; private set; } = "";

    public FindingDimension Dimension { get; private set; }

    public string Text { get; private set; } = "";

    public string? Quote { get; private set; }

    public bool QuoteConsent { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>The quote as it may leave this service: only with its speaker's consent.</summary>
    public string? PublishableQuote => QuoteConsent ? Quote : null;

    internal static Finding From(DiscoveryVisit visit, FindingDraft draft, string recordedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        VisitId = visit.Id,
        MemberId = visit.MemberId,
        Kind = draft.Kind!.Value,
        Theme = draft.Theme.Trim(),
        Dimension = draft.Dimension!.Value,
        Text = draft.Text.Trim(),
        Quote = string.IsNullOrWhiteSpace(draft.Quote) ? null : draft.Quote.Trim(),
        QuoteConsent = !string.IsNullOrWhiteSpace(draft.Quote) && draft.QuoteConsent,
        RecordedBy = recordedBy,
        RecordedAt = now,
    };
}

/// <summary>A finding as staff write it; <see cref="Check"/> names every field at fault.</summary>
/// <param name="Kind">Required: null when the request left it untagged.</param>
/// <param name="Dimension">Required: null when the request named none.</param>
public sealed record FindingDraft(FindingKind? Kind, string Theme, FindingDimension? Dimension, string Text, string? Quote, bool QuoteConsent)
{
    public const int MaximumQuoteLength = 280;

    internal void Check(Violations v, string prefix)
    {
        v.Require(Kind is not null, prefix + "kind", "Tag the finding as a driver, a barrier or an enabler.");
        v.Require(!string.IsNullOrWhiteSpace(Theme), prefix + "theme", "Give the finding's theme.");
        v.Require(Dimension is not null, prefix + "dimension", "Choose the New Operating Models dimension it speaks to.");
        v.Require(!string.IsNullOrWhiteSpace(Text), prefix + "text", "Say what was found.");
        v.Require((Quote?.Trim().Length ?? 0) <= MaximumQuoteLength, prefix + "quote", $"A quote is at most {MaximumQuoteLength} characters.");
        v.Require(!QuoteConsent || !string.IsNullOrWhiteSpace(Quote), prefix + "quote_consent", "Consent was given for a quote, but there is no quote.");
    }
}
