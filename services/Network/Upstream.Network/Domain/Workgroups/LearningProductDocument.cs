using System.Text.RegularExpressions;
using Upstream.Domain.Refusals;

namespace Upstream.Network.Domain.Workgroups;

/// <summary>An attached document's metadata: enough to list it and check a download is the file submitted.</summary>
public sealed partial record LearningProductDocument(string FileName, string MediaType, long SizeBytes, string Sha256)
{
    internal void Check(Violations v)
    {
        v.Require(!string.IsNullOrWhiteSpace(FileName), "document.file_name", "Give the document's file name.");
        v.Require(MediaTypePattern().IsMatch(MediaType), "document.media_type", "A media type such as application/pdf.");
        v.Require(SizeBytes > 0, "document.size_bytes", "The document's size in bytes, more than zero.");
        v.Require(Sha256Pattern().IsMatch(Sha256), "document.sha256", "The document's SHA-256 as 64 hexadecimal digits.");
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$")]
    private static partial Regex MediaTypePattern();

    [GeneratedRegex("^[0-9A-Fa-f]{64}$")]
    private static partial Regex Sha256Pattern();
}
