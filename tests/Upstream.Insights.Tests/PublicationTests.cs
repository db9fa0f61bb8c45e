using Upstream.Domain.Refusals;
using Upstream.Insights.Domain;

namespace Upstream.Insights.Tests;

public sealed class PublicationTests
{
    private static readonly DateTimeOffset At = new(2030, 11, 5, 10, 0, 0, TimeSpan.Zero);

    private static PublicationText Text(string title = "Title") => PublicationText.From(new PublicationDraft(title, "Summary", "Data sharing", "Some *text*."));

    [Fact]
    public void A_piece_is_published_only_after_review_and_only_a_published_piece_is_retracted()
    {
        var publication = Publication.Draft(Text(), "staff-1", At);

        Assert.Equal("publication-state", Assert.Throws<DomainRuleException>(() => publication.Publish(At)).Rule);
        Assert.Throws<DomainRuleException>(() => publication.Retract("Wrong", At));
        publication.SubmitForReview(At.AddHours(1));
        publication.Revise(Text("Better title"), At.AddHours(2));
        publication.Publish(At.AddHours(3));

        Assert.Equal((PublicationState.Published, At.AddHours(3), "Better title"), (publication.State, publication.PublishedAt, publication.Title));
        Assert.Throws<DomainRuleException>(() => publication.Revise(Text(), At.AddHours(4)));
        Assert.Equal("reason", Assert.Single(Assert.Throws<InvalidInputException>(() => publication.Retract(" ", At.AddHours(4))).Violations).Field);
        publication.Retract("Double counted", At.AddHours(5));
        Assert.Equal((PublicationState.Retracted, "Double counted", true), (publication.State, publication.RetractionReason, publication.IsPublic));
    }

    [Fact]
    public void Every_problem_with_a_piece_is_reported_at_once()
    {
        var refused = Assert.Throws<InvalidInputException>(() => PublicationText.From(new PublicationDraft("", new string('s', 1001), "", "<script>x</script>")));

        Assert.Equal(["details.title", "details.summary", "details.markdown"], refused.Violations.Select(v => v.Field));
    }
}
