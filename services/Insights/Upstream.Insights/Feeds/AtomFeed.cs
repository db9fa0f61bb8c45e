using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Upstream.Insights.Domain;
using Upstream.Insights.Handling;

namespace Upstream.Insights.Feeds;

/// <summary>The publications as an Atom 1.0 feed (RFC 4287), paged with RFC 5005 links.</summary>
public static class AtomFeed
{
    public static string Write(FeedPage page, Uri origin)
    {
        var self = new Uri(origin, FeedEndpoints.PageUrl(FeedEndpoints.AtomPath, page.Page));
        var feed = new SyndicationFeed("Upstream Collaborative: insight", "What the Upstream Collaborative's network of councils is learning.", new Uri(origin, FeedEndpoints.AtomPath))
        {
            Id = "urn:upstream:insights",
            LastUpdatedTime = page.LastModified,
            Items = [.. page.Items.Select(p => Entry(p, origin))],
        };
        feed.Links.Add(new SyndicationLink(self, "self", null, "application/atom+xml", 0));
        if (page.HasNext)
        {
            feed.Links.Add(new SyndicationLink(new Uri(origin, FeedEndpoints.PageUrl(FeedEndpoints.AtomPath, page.Page + 1)), "next", null, "application/atom+xml", 0));
        }

        if (page.Page > 1)
        {
            feed.Links.Add(new SyndicationLink(new Uri(origin, FeedEndpoints.PageUrl(FeedEndpoints.AtomPath, page.Page - 1)), "previous", null, "application/atom+xml", 0));
        }

        feed.Authors.Add(new SyndicationPerson { Name = "Upstream Collaborative" });
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }

        // StringBuilder output declares utf-16; the response is UTF-8.
        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    private static SyndicationItem Entry(Publication publication, Uri origin)
    {
        var item = new SyndicationItem
        {
            Id = $"urn:uuid:{publication.Id}",
            Title = new TextSyndicationContent(FeedEndpoints.Title(publication)),
            Summary = new TextSyndicationContent(FeedEndpoints.Summary(publication)),
            Content = new TextSyndicationContent(publication.Html, TextSyndicationContentKind.Html),
            LastUpdatedTime = publication.UpdatedAt,
            PublishDate = publication.PublishedAt ?? publication.UpdatedAt,
        };
        item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(origin, PublicationLinks.Path(publication.Id))));
        if (publication.Theme.Length > 0)
        {
            item.Categories.Add(new SyndicationCategory(publication.Theme));
        }

        return item;
    }
}
