using Upstream.Domain.Refusals;
using Upstream.Network.Domain;
using Upstream.Network.Domain.Workgroups;

namespace Upstream.Network.Tests;

public sealed class LearningProductSubmissionTests
{
    private const string Sha = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";

    private static readonly Workgroup Group = Formed();

    private static readonly LearningProductDocument Pdf = new("toolkit.pdf", "application/pdf", 120_000, Sha);

    [Fact]
    public void A_submission_with_a_document_keeps_its_metadata_and_contributors()
    {
        var submission = Submit(link: null, Pdf, ("bri", Councils.Bristol), ("ADU", Councils.Adur));

        Assert.Null(submission.Link);
        Assert.Equal(Sha.ToLowerInvariant(), submission.Document!.Sha256);
        Assert.Equal(["BRI", "ADU"], submission.ContributingCouncilCodes);
    }

    [Fact]
    public void A_link_or_a_document_is_needed()
    {
        var refused = Assert.Throws<InvalidInputException>(() => Submit(link: null, document: null, ("BRI", Councils.Bristol)));

        Assert.Equal("link", Assert.Single(refused.Violations).Field);
    }

    [Theory]
    [InlineData("toolkit.example.org/early-help")]
    [InlineData("ftp://example.org/toolkit.pdf")]
    [InlineData("/relative/toolkit")]
    public void A_link_is_an_absolute_http_or_https_address(string link)
    {
        var refused = Assert.Throws<InvalidInputException>(() => Submit(link, document: null, ("BRI", Councils.Bristol)));

        Assert.Equal("link", Assert.Single(refused.Violations).Field);
    }

    [Fact]
    public void Document_metadata_is_checked_field_by_field()
    {
        var refused = Assert.Throws<InvalidInputException>(() =>
            Submit("https://example.org/toolkit", new LearningProductDocument(" ", "pdf", 0, "abc"), ("BRI", Councils.Bristol)));

        Assert.Equal(["document.file_name", "document.media_type", "document.size_bytes", "document.sha256"], refused.Violations.Select(v => v.Field));
    }

    [Fact]
    public void Contributors_are_current_participants_named_once()
    {
        var refused = Assert.Throws<InvalidInputException>(() =>
            Submit("https://example.org/toolkit", null, ("BRI", Councils.Bristol), ("CON", Councils.Cornwall), ("XYZ", null), ("BRI", Councils.Bristol)));

        Assert.Equal(
            ["contributing_council_codes[1]", "contributing_council_codes[2]", "contributing_council_codes[3]"],
            refused.Violations.Select(v => v.Field));
        Assert.Throws<InvalidInputException>(() => Submit("https://example.org/toolkit", null));
    }

    private static LearningProductSubmission Submit(string? link, LearningProductDocument? document, params (string, Member?)[] contributors) =>
        LearningProductSubmission.Submit(Group, "Early help toolkit", "What we learnt", link, document, contributors, "member-bristol", Councils.Now);

    private static Workgroup Formed()
    {
        var workgroup = Workgroup.Form("Early help", "Prevention", Councils.Bristol, new("A toolkit", new DateOnly(2031, 3, 31)), Councils.Today, "staff-1", Councils.Now);
        workgroup.Join(Councils.Adur, Councils.Now);
        return workgroup;
    }
}
