using Upstream.Grpc.Protocol;

namespace Upstream.Grpc.Tests.Protocol;

/// <summary>grpc-message percent-encoding and -bin metadata base64, as peers write them.</summary>
public sealed class TextEncodingTests
{
    private const string Special = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n";

    [Fact]
    public void Status_messages_are_percent_encoded_as_utf8()
    {
        Assert.Equal(
            "%09%0Atest with whitespace%0D%0Aand Unicode BMP %E2%98%BA and non-BMP %F0%9F%98%88%09%0A",
            GrpcMessageText.Encode(Special));
        Assert.Equal("100%25 sure", GrpcMessageText.Encode("100% sure"));
        Assert.Equal("plain", GrpcMessageText.Encode("plain"));
    }

    [Fact]
    public void Decoding_reverses_encoding() => Assert.Equal(Special, GrpcMessageText.Decode(GrpcMessageText.Encode(Special)));

    [Theory]
    [InlineData("50%", "50%")]
    [InlineData("%G1x", "%G1x")]
    [InlineData("%4", "%4")]
    [InlineData("a%2", "a%2")]
    [InlineData("%e2%98%ba", "\u263a")]
    [InlineData("%FF", "\uFFFD")]
    [InlineData("caf\u00e9", "caf\u00e9")]
    [InlineData(null, "")]
    public void Decoding_is_lenient_and_never_throws(string? text, string expected) => Assert.Equal(expected, GrpcMessageText.Decode(text));

    [Theory]
    [InlineData("q6urqw==")]
    [InlineData("q6urqw")]
    public void Binary_values_decode_padded_or_not(string value)
    {
        var metadata = new Metadata();

        Assert.True(MetadataEncoding.TryAdd(metadata, "x-id-bin", value));

        Assert.Equal(new byte[] { 0xab, 0xab, 0xab, 0xab }, metadata.GetValueBytes("x-id-bin"));
    }

    [Fact]
    public void Comma_separated_binary_values_are_separate_entries()
    {
        var metadata = new Metadata();

        Assert.True(MetadataEncoding.TryAdd(metadata, "x-ids-bin", "AQ, AgM="));

        Assert.Equal([[1], [2, 3]], metadata.GetAll("x-ids-bin").Select(entry => entry.ValueBytes));
    }

    [Theory]
    [InlineData("x-id-bin", "!!!")]
    [InlineData("x-id-bin", "q")]
    [InlineData("x-text", "tab\there")]
    public void Invalid_values_are_refused(string name, string value)
    {
        var metadata = new Metadata();

        Assert.False(MetadataEncoding.TryAdd(metadata, name, value));
        Assert.Empty(metadata);
    }

    [Fact]
    public void Binary_values_are_sent_unpadded() =>
        Assert.Equal("q6urqw", MetadataEncoding.ToHeaderValue(new Metadata.Entry("x-id-bin", [0xab, 0xab, 0xab, 0xab])));

    [Fact]
    public void Keys_are_lowercased_and_checked()
    {
        Assert.Equal("x-request-id", new Metadata.Entry("X-Request-ID", "7").Key);
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("bad key", "7"));
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("x-data-bin", "text for a binary key"));
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("x-data", [1, 2]));
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("x-name", "caf\u00e9"));
    }

    [Fact]
    public void The_last_value_of_a_key_wins_and_frozen_metadata_refuses_changes()
    {
        var metadata = new Metadata { { "x-a", "1" }, { "x-a", "2" } };

        Assert.Equal("2", metadata.GetValue("X-A"));
        metadata.Freeze();
        Assert.Throws<InvalidOperationException>(() => metadata.Add("x-b", "3"));
    }

    [Theory]
    [InlineData("application/grpc", true)]
    [InlineData("application/grpc+proto", true)]
    [InlineData("application/grpc; charset=utf-8", true)]
    [InlineData("application/grpcx", false)]
    [InlineData("application/json", false)]
    [InlineData(null, false)]
    public void Only_grpc_content_types_are_grpc(string? contentType, bool expected) =>
        Assert.Equal(expected, GrpcProtocol.IsGrpcContentType(contentType));

    [Theory]
    [InlineData(400, StatusCode.Internal)]
    [InlineData(401, StatusCode.Unauthenticated)]
    [InlineData(403, StatusCode.PermissionDenied)]
    [InlineData(404, StatusCode.Unimplemented)]
    [InlineData(429, StatusCode.Unavailable)]
    [InlineData(502, StatusCode.Unavailable)]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(504, StatusCode.Unavailable)]
    [InlineData(500, StatusCode.Unknown)]
    public void Http_statuses_map_to_grpc_statuses(int httpStatus, StatusCode expected) =>
        Assert.Equal(expected, GrpcProtocol.StatusCodeFromHttpStatus(httpStatus));
}
