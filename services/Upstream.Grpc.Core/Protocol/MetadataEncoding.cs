namespace Upstream.Grpc.Protocol;

/// <summary>Metadata to and from HTTP/2 header fields: <c>-bin</c> values travel as base64.</summary>
public static class MetadataEncoding
{
    /// <summary>The header value for an entry: binary values as unpadded base64 (what the protocol says to emit).</summary>
    public static string ToHeaderValue(Metadata.Entry entry) =>
        entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes).TrimEnd('=') : entry.Value;

    /// <summary>
    /// Adds a received header to <paramref name="metadata"/>. A <c>-bin</c> value may hold several comma-separated
    /// base64 values, padded or not. Returns false, adding nothing, for a value that is not valid for its key.
    /// </summary>
    public static bool TryAdd(Metadata metadata, string name, string value)
    {
        if (!Metadata.IsBinaryKey(name))
        {
            return TryAddEntry(metadata, name, value);
        }

        var remaining = value.AsSpan();
        while (true)
        {
            var comma = remaining.IndexOf(',');
            var part = (comma < 0 ? remaining : remaining[..comma]).Trim();
            if (!TryDecodeBase64(part, out var bytes))
            {
                return false;
            }

            metadata.Add(name, bytes);
            if (comma < 0)
            {
                return true;
            }

            remaining = remaining[(comma + 1)..];
        }
    }

    /// <summary>Decodes base64 whether or not the sender padded it.</summary>
    public static bool TryDecodeBase64(ReadOnlySpan<char> text, out byte[] bytes)
    {
        var padding = (4 - (text.Length % 4)) % 4;
        if (padding == 3)
        {
            bytes = [];
            return false;
        }

        Span<char> padded = text.Length + padding <= 512 ? stackalloc char[text.Length + padding] : new char[text.Length + padding];
        text.CopyTo(padded);
        padded[text.Length..].Fill('=');
        var buffer = new byte[padded.Length / 4 * 3];
        if (!Convert.TryFromBase64Chars(padded, buffer, out var written))
        {
            bytes = [];
            return false;
        }

        bytes = written == buffer.Length ? buffer : buffer[..written];
        return true;
    }

    private static bool TryAddEntry(Metadata metadata, string name, string value)
    {
        foreach (var c in value)
        {
            if (c is < (char)0x20 or > (char)0x7E)
            {
                return false;
            }
        }

        foreach (var c in name)
        {
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.' or >= 'A' and <= 'Z'))
            {
                return false;
            }
        }

        metadata.Add(name, value);
        return true;
    }
}
