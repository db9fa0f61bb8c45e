using Upstream.Domain.Refusals;

namespace Upstream.Network.Domain.Workgroups;

/// <summary>
/// A version of a workgroup's learning product, shared with the network: readable at a link, attached as a
/// document (its metadata here; the content lives elsewhere), or both, with the councils that contributed to it.
/// </summary>
public sealed class LearningProductSubmission
{
    public const int MaximumTitleLength = 200;

    private LearningProductSubmission()
    {
    }

    public Guid Id { get; private set; }

    public Guid WorkgroupId { get; private set; }

    public string Title { get; private set; } = "";

    public string Summary { get; private set; } = "";

    public string? Link { get; private set; }

    public LearningProductDocument? Document { get; private set; }

    public List<string> ContributingCouncilCodes { get; private set; } = [];

    public string SubmittedBy { get; private set; } = "";

    public DateTimeOffset SubmittedAt { get; private set; }

    /// <param name="contributors">The contributing councils as asked for, each with the member it names (null: no such member).</param>
    public static LearningProductSubmission Submit(
        Workgroup workgroup, string title, string summary, string? link, LearningProductDocument? document,
        IReadOnlyList<(string Code, Member? Member)> contributors, string submittedBy, DateTimeOffset now)
    {
        var v = new Violations();
        v.Require(!string.IsNullOrWhiteSpace(title), "title", "Give the submission a title.");
        v.Require(title.Trim().Length <= MaximumTitleLength, "title", $"At most {MaximumTitleLength} characters.");
        v.Require(!string.IsNullOrWhiteSpace(summary), "summary", "Summarise what the product shares.");
        v.Require(!string.IsNullOrWhiteSpace(link) || document is not null, "link", "Give a link to the product, attach a document, or both.");
        if (!string.IsNullOrWhiteSpace(link))
        {
            v.Require(
                Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp),
                "link",
                "An absolute http or https address.");
        }

        document?.Check(v);
        v.Require(contributors.Count > 0, "contributing_council_codes", "Name at least one contributing council.");
        for (var i = 0; i < contributors.Count; i++)
        {
            var (code, member) = contributors[i];
            var field = $"contributing_council_codes[{i}]";
            v.Require(member is not null, field, $"No member council has the code '{code}'.");
            v.Require(member is null || workgroup.TakesPart(member.Id), field, $"{member?.CouncilName} does not take part in this workgroup.");
            v.Require(contributors.Take(i).All(c => !string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase)), field, "Named twice.");
        }

        v.ThrowIfAny();
        return new LearningProductSubmission
        {
            Id = Guid.CreateVersion7(now),
            WorkgroupId = workgroup.Id,
            Title = title.Trim(),
            Summary = summary.Trim(),
            Link = string.IsNullOrWhiteSpace(link) ? null : link.Trim(),
            Document = document is null ? null : document with { Sha256 = document.Sha256.ToLowerInvariant() },
            ContributingCouncilCodes = [.. contributors.Select(c => c.Member!.CouncilCode)],
            SubmittedBy = submittedBy,
            SubmittedAt = now,
        };
    }
}
