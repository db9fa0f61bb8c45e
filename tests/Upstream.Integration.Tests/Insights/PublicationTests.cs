using Grpc.Core;
using Upstream.Contracts.Insights;
using Upstream.Insights.V1;
using Upstream.Protos.Errors;

namespace Upstream.Integration.Tests.Insights;

/// <summary>Insight pieces: written in Markdown, reviewed, published (InsightPublished), retracted but still visible; bad pieces refused whole.</summary>
public sealed class PublicationTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task A_piece_goes_from_draft_through_review_to_published_and_a_retraction_stays_visible_as_such()
    {
        await using var insights = await InsightsHost.StartAsync(infrastructure.Shared);
        await using var tap = await EventTap.StartAsync<InsightPublished>(insights.Host.Broker);
        var publications = insights.Publications;

        var draft = await publications.DraftPublicationAsync(new DraftPublicationRequest { Details = InsightsHost.Piece() }, insights.Staff);
        Assert.Equal(("draft", "staff-1"), (draft.State, draft.Author));
        Assert.Equal("<h2>Findings</h2>\n<p>Teams <em>cannot</em> see each other's <a href=\"https://example.org/data\">case data</a>.</p>\n", draft.Html);
        var hidden = await Assert.ThrowsAsync<RpcException>(() => publications.GetPublicationAsync(new GetPublicationRequest { PublicationId = draft.PublicationId }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
        Assert.Empty((await publications.ListPublicationsAsync(new ListPublicationsRequest())).Publications);

        var early = await Assert.ThrowsAsync<RpcException>(() => publications.PublishPublicationAsync(new PublishPublicationRequest { PublicationId = draft.PublicationId }, insights.Staff).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
        await publications.SubmitPublicationForReviewAsync(new SubmitPublicationForReviewRequest { PublicationId = draft.PublicationId }, insights.Staff);
        insights.Host.Clock.Now = InsightsHost.Now.AddHours(2);
        var published = await publications.PublishPublicationAsync(new PublishPublicationRequest { PublicationId = draft.PublicationId }, insights.Staff);

        Assert.Equal(("published", InsightsHost.Now.AddHours(2)), (published.State, published.PublishedAt.ToDateTimeOffset()));
        var announced = Assert.Single(await tap.WaitForAsync<InsightPublished>(1));
        Assert.Equal((Guid.Parse(draft.PublicationId), "What stops councils sharing data", $"/v1/publications/{draft.PublicationId}"), (announced.PublicationId, announced.Title, announced.Link));
        Assert.Equal("published", (await publications.GetPublicationAsync(new GetPublicationRequest { PublicationId = draft.PublicationId })).State);

        await publications.RetractPublicationAsync(new RetractPublicationRequest { PublicationId = draft.PublicationId, Reason = "The figures were double counted" }, insights.Staff);

        var retracted = Assert.Single((await publications.ListPublicationsAsync(new ListPublicationsRequest())).Publications);
        Assert.Equal(("retracted", "The figures were double counted"), (retracted.State, retracted.RetractionReason));
        var again = await Assert.ThrowsAsync<RpcException>(() => publications.RevisePublicationAsync(new RevisePublicationRequest { PublicationId = draft.PublicationId, Details = InsightsHost.Piece() }, insights.Staff).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
    }

    [Theory]
    [InlineData("Fine text <script>alert(1)</script>", "<script>")]
    [InlineData("[click](javascript:alert(1)) and <a href=\"javascript:alert(1)\">me</a>", "href")]
    [InlineData("<img src=\"x.png\" onerror=\"alert(1)\">", "onerror")]
    [InlineData("<iframe src=\"https://example.org\"></iframe>", "<iframe>")]
    [InlineData("Bell \u0007 in the text", "control character")]
    [InlineData("   ", "empty")]
    public async Task Unsafe_html_or_malformed_markdown_is_refused_with_the_field_and_nothing_is_stored(string markdown, string said)
    {
        await using var insights = await InsightsHost.StartAsync(infrastructure.Shared);

        var refused = await Assert.ThrowsAsync<RpcException>(() => insights.Publications.DraftPublicationAsync(new DraftPublicationRequest { Details = InsightsHost.Piece(markdown: markdown) }, insights.Staff).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        var violation = Assert.Single(refused.GetFieldViolations());
        Assert.Equal("details.markdown", violation.Field);
        Assert.Contains(said, violation.Description, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await insights.CountAsync("SELECT count(*) FROM publications"));
    }

    [Fact]
    public async Task Only_staff_write_and_everyone_hears_what_is_wrong_with_a_piece_at_once()
    {
        await using var insights = await InsightsHost.StartAsync(infrastructure.Shared);
        var piece = new DraftPublicationRequest { Details = InsightsHost.Piece() };

        var member = await Assert.ThrowsAsync<RpcException>(() => insights.Publications.DraftPublicationAsync(piece, insights.Member).ResponseAsync);
        var partner = await Assert.ThrowsAsync<RpcException>(() => insights.Publications.DraftPublicationAsync(piece, insights.Partner).ResponseAsync);
        var anonymous = await Assert.ThrowsAsync<RpcException>(() => insights.Publications.DraftPublicationAsync(piece).ResponseAsync);
        var empty = await Assert.ThrowsAsync<RpcException>(() => insights.Publications.DraftPublicationAsync(new DraftPublicationRequest(), insights.Staff).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => insights.Publications.PublishPublicationAsync(new PublishPublicationRequest { PublicationId = Guid.NewGuid().ToString() }, insights.Staff).ResponseAsync);

        Assert.Equal((StatusCode.PermissionDenied, StatusCode.PermissionDenied, StatusCode.Unauthenticated), (member.StatusCode, partner.StatusCode, anonymous.StatusCode));
        Assert.Equal(["details.title", "details.summary", "details.markdown"], empty.GetFieldViolations().Select(v => v.Field));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(0, await insights.CountAsync("SELECT count(*) FROM publications"));
    }

    [Fact]
    public async Task Staff_tools_watching_publications_see_a_piece_the_moment_it_is_published()
    {
        await using var insights = await InsightsHost.StartAsync(infrastructure.Shared);
        await insights.PublishedAsync("Already out before the watch");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var watch = insights.Publications.WatchPublications(new WatchPublicationsRequest(), insights.Staff, cancellationToken: cancel.Token);
        await Task.Delay(1000);

        var published = await insights.PublishedAsync("Published while watched");

        Assert.True(await watch.ResponseStream.MoveNext(cancel.Token));
        Assert.Equal((published.PublicationId, "published"), (watch.ResponseStream.Current.PublicationId, watch.ResponseStream.Current.State));
        using var partnerWatch = insights.Publications.WatchPublications(new WatchPublicationsRequest(), insights.Partner, cancellationToken: cancel.Token);
        var refused = await Assert.ThrowsAsync<RpcException>(() => partnerWatch.ResponseStream.MoveNext(cancel.Token));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }
}
