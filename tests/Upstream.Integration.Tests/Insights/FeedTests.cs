using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Upstream.Contracts.Grants;
using Upstream.Insights.V1;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Integration.Tests.Insights;

/// <summary>The public Atom and JSON feeds: what a reader sees, paging, and conditional GETs answered 304.</summary>
public sealed class FeedTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task A_published_piece_reaches_the_atom_feed_as_an_independent_parser_reads_it_and_a_retraction_says_so()
    {
        await using var insights = await InsightsHost.StartAsync(infrastructure.Shared);
        var draft = await insights.Publications.DraftPublicationAsync(new DraftPublicationRequest { Details = InsightsHost.Piece("Never published") }, insights.Staff);
        var published = await insights.PublishedAsync();

        var feed = await FeedParser.ParseAsync(await insights.Host.Http.GetStringAsync("/feeds/insights.atom"));

        Assert.Equal((false, "atom10", "Upstream Collaborative: insight"), (feed.GetProperty("bozo").GetBoolean(), feed.GetProperty("version").GetString(), feed.GetProperty("title").GetString()));
        var entry = Assert.Single(feed.GetProperty("entries").EnumerateArray());
        Assert.Equal($"urn:uuid:{published.PublicationId}", entry.GetProperty("id").GetString());
        Assert.Equal("What stops councils sharing data", entry.GetProperty("title").GetString());
        Assert.EndsWith($"/v1/publications/{published.PublicationId}", entry.GetProperty("link").GetString());
        Assert.Contains("<em>cannot</em>", entry.GetProperty("content").GetString());
        Assert.DoesNotContain(draft.PublicationId, feed.ToString());

        await insights.Publications.RetractPublicationAsync(new RetractPublicationRequest { PublicationId = published.PublicationId, Reason = "Double counted" }, insights.Staff);
        var after = Assert.Single((await FeedParser.ParseAsync(await insights.Host.Http.GetStringAsync("/feeds/insights.atom"))).GetProperty("entries").EnumerateArray());
        Assert.Equal("Retracted: What stops councils sharing data", after.GetProperty("title").GetString());
        Assert.StartsWith("Retracted: Double counted.", after.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task The_json_feed_follows_json_feed_1_1_and_pages_twenty_at_a_time_in_both_formats()
    {
        await using var insights = await InsightsHost.StartAsync(infrastructure.Shared);
        for (var i = 1; i <= 21; i++)
        {
            insights.Host.Clock.Now = InsightsHost.Now.AddMinutes(i);
            await insights.PublishedAsync($"Piece {i}");
        }

        using var first = JsonDocument.Parse(await insights.Host.Http.GetStringAsync("/feeds/insights.json"));
        var root = first.RootElement;
        Assert.Equal("https://jsonfeed.org/version/1.1", root.GetProperty("version").GetString());
        Assert.EndsWith("/feeds/insights.json", root.GetProperty("feed_url").GetString());
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(20, items.Count);
        Assert.Equal(("Piece 21", "Piece 2"), (items[0].GetProperty("title").GetString(), items[^1].GetProperty("title").GetString()));
        Assert.All(items, item => Assert.StartsWith("<h2>", item.GetProperty("content_html").GetString()));
        Assert.Equal(InsightsHost.Now.AddMinutes(21), items[0].GetProperty("date_published").GetDateTimeOffset());
        var next = new Uri(root.GetProperty("next_url").GetString()!).PathAndQuery;
        Assert.Equal("/feeds/insights.json?page=2", next);

        using var second = JsonDocument.Parse(await insights.Host.Http.GetStringAsync(next));
        Assert.Equal(["Piece 1"], second.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
        Assert.False(second.RootElement.TryGetProperty("next_url", out _));

        var atomFirst = await FeedParser.ParseAsync(await insights.Host.Http.GetStringAsync("/feeds/insights.atom"));
        Assert.Equal(20, atomFirst.GetProperty("entries").GetArrayLength());
        Assert.Contains(atomFirst.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString() == "next" && l.GetProperty("href").GetString()!.EndsWith("/feeds/insights.atom?page=2"));
        var atomSecond = await FeedParser.ParseAsync(await insights.Host.Http.GetStringAsync("/feeds/insights.atom?page=2"));
        Assert.Equal("Piece 1", Assert.Single(atomSecond.GetProperty("entries").EnumerateArray()).GetProperty("title").GetString());

        using var bad = await insights.Host.Http.GetAsync("/feeds/insights.json?page=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Pages are numbered from 1.", await bad.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/feeds/insights.atom", "application/atom+xml")]
    [InlineData("/feeds/insights.json", "application/feed+json")]
    public async Task A_reader_that_already_has_the_feed_is_answered_304_until_something_is_published(string path, string mediaType)
    {
        await using var insights = await InsightsHost.StartAsync(infrastructure.Shared);
        await insights.PublishedAsync("First");
        using var full = await insights.Host.Http.GetAsync(path);
        Assert.Equal((HttpStatusCode.OK, mediaType), (full.StatusCode, full.Content.Headers.ContentType?.MediaType));
        var etag = full.Headers.ETag!;
        var lastModified = full.Content.Headers.LastModified!.Value;
        Assert.Equal(InsightsHost.Now, lastModified);

        Assert.Equal(HttpStatusCode.NotModified, await GetAsync(insights, path, r => r.Headers.IfNoneMatch.Add(etag)));
        Assert.Equal(HttpStatusCode.NotModified, await GetAsync(insights, path, r => r.Headers.IfModifiedSince = lastModified));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(insights, path, r => r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"stale\""))));

        insights.Host.Clock.Now = InsightsHost.Now.AddHours(1);
        await insights.PublishedAsync("Second");

        Assert.Equal(HttpStatusCode.OK, await GetAsync(insights, path, r => r.Headers.IfNoneMatch.Add(etag)));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(insights, path, r => r.Headers.IfModifiedSince = lastModified));
    }

    [Fact]
    public async Task A_retraction_or_another_page_is_not_answered_304_with_an_etag_it_no_longer_matches()
    {
        await using var insights = await InsightsHost.StartAsync(infrastructure.Shared);
        var pieces = new List<Publication>();
        for (var i = 1; i <= 21; i++)
        {
            insights.Host.Clock.Now = InsightsHost.Now.AddMinutes(i);
            pieces.Add(await insights.PublishedAsync($"Piece {i}"));
        }

        using var first = await insights.Host.Http.GetAsync("/feeds/insights.json");
        using var second = await insights.Host.Http.GetAsync("/feeds/insights.json?page=2");
        var (firstTag, secondTag) = (first.Headers.ETag!, second.Headers.ETag!);
        Assert.NotEqual(firstTag, secondTag);
        Assert.Equal(HttpStatusCode.OK, await GetAsync(insights, "/feeds/insights.json?page=2", r => r.Headers.IfNoneMatch.Add(firstTag)));
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/insights.json?page=2"))
        {
            request.Headers.IfNoneMatch.Add(secondTag);
            using var notModified = await insights.Host.Http.SendAsync(request);
            Assert.Equal((HttpStatusCode.NotModified, secondTag), (notModified.StatusCode, notModified.Headers.ETag));
        }

        // Retracting the oldest piece (on page 2) changes it, and moves it to the top of page 1.
        insights.Host.Clock.Now = InsightsHost.Now.AddHours(1);
        await insights.Publications.RetractPublicationAsync(new RetractPublicationRequest { PublicationId = pieces[0].PublicationId, Reason = "Double counted" }, insights.Staff);

        Assert.Equal(HttpStatusCode.OK, await GetAsync(insights, "/feeds/insights.json", r => r.Headers.IfNoneMatch.Add(firstTag)));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(insights, "/feeds/insights.json?page=2", r => r.Headers.IfNoneMatch.Add(secondTag)));
        using var retracted = JsonDocument.Parse(await insights.Host.Http.GetStringAsync("/feeds/insights.json"));
        Assert.Equal("Retracted: Piece 1", retracted.RootElement.GetProperty("items")[0].GetProperty("title").GetString());
        using var last = JsonDocument.Parse(await insights.Host.Http.GetStringAsync("/feeds/insights.json?page=2"));
        Assert.Equal(["Piece 2"], last.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Partners_with_a_token_get_the_private_grants_feed_and_nobody_else_does()
    {
        await using var insights = await InsightsHost.StartAsync(infrastructure.Shared);
        var grant = Guid.NewGuid();
        await insights.PublishAsync(new GrantAwarded(Guid.NewGuid(), InsightsHost.Now, grant, Guid.NewGuid(), Guid.NewGuid(), "BST", ["CON"], "Text nudges", 1_500_000));
        await insights.HeardAsync("SELECT count(*) FROM evidence WHERE source = 'GrantAward'", 1, "the award");

        async Task<HttpResponseMessage> AsAsync(string? token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/grants.json");
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            return await insights.Host.Http.SendAsync(request);
        }

        using var partner = await AsAsync(insights.Host.Token("partner-1", Roles.Partner));
        using var member = await AsAsync(insights.Host.Token("member-1", Roles.Member, "BST"));
        using var anonymous = await AsAsync(null);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized), (partner.StatusCode, member.StatusCode, anonymous.StatusCode));
        using var feed = JsonDocument.Parse(await partner.Content.ReadAsStringAsync());
        Assert.Equal("https://jsonfeed.org/version/1.1", feed.RootElement.GetProperty("version").GetString());
        var item = Assert.Single(feed.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal((grant.ToString(), "Text nudges", "£15,000.00 awarded to BST, CON."), (item.GetProperty("id").GetString(), item.GetProperty("title").GetString(), item.GetProperty("content_text").GetString()));
    }

    private static async Task<HttpStatusCode> GetAsync(InsightsHost insights, string path, Action<HttpRequestMessage> condition)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        condition(request);
        using var response = await insights.Host.Http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task The_feeds_and_the_hub_are_described_in_the_services_API_document_with_their_formats_and_access()
    {
        await using var insights = await InsightsHost.StartAsync(infrastructure.Shared);

        using var document = JsonDocument.Parse(await insights.Host.Http.GetStringAsync("/openapi/v1.json"));

        var paths = document.RootElement.GetProperty("paths");
        foreach (var (path, operationId, mediaType) in new[] { ("/feeds/insights.atom", "GetInsightsAtomFeed", "application/atom+xml"), ("/feeds/insights.json", "GetInsightsJsonFeed", "application/feed+json") })
        {
            var feed = paths.GetProperty(path).GetProperty("get");
            Assert.Equal(operationId, feed.GetProperty("operationId").GetString());
            Assert.True(feed.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty(mediaType, out _), path);
            Assert.True(feed.GetProperty("responses").TryGetProperty("304", out _), path);
            Assert.Equal(["page"], feed.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
            Assert.True(feed.GetProperty("x-upstream-anonymous").GetBoolean(), path);
        }

        var grants = paths.GetProperty("/feeds/grants.json").GetProperty("get");
        Assert.Equal("GetGrantsFeed", grants.GetProperty("operationId").GetString());
        Assert.False(grants.TryGetProperty("x-upstream-anonymous", out _));
        var hub = paths.GetProperty("/websub/hub").GetProperty("post");
        var form = hub.GetProperty("requestBody").GetProperty("content").GetProperty("application/x-www-form-urlencoded").GetProperty("schema");
        if (form.TryGetProperty("$ref", out var reference))
        {
            form = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
        }

        Assert.Equal(["hub.callback", "hub.lease_seconds", "hub.mode", "hub.secret", "hub.topic"], form.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
        Assert.True(hub.GetProperty("responses").TryGetProperty("202", out _));
    }
}
