namespace Upstream.Grants.OpenData;

/// <summary>A downloadable file: served as the body of the REST reply (google.api.HttpBody).</summary>
public sealed record OpenDataFile(string ContentType, byte[] Content)
{
    public static OpenDataFile Json(byte[] content) => new("application/json", content);

    public static OpenDataFile Csv(byte[] content) => new("text/csv; charset=utf-8", content);
}
