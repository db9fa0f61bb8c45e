using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Upstream.Otlp.Common.V1;

namespace Upstream.Hosting.Dashboard.Telemetry;

/// <summary>How OTLP's values read to an operator: attribute values as text, ids as lower-case hex, nanoseconds as instants.</summary>
internal static class OtlpValues
{
    public static string Text(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.ArrayValue => "[" + string.Join(", ", value.ArrayValue.Values.Select(Text)) + "]",
        AnyValue.ValueOneofCase.KvlistValue => "{" + string.Join(", ", value.KvlistValue.Values.Select(kv => $"{kv.Key}: {Text(kv.Value)}")) + "}",
        AnyValue.ValueOneofCase.BytesValue => Convert.ToHexStringLower(value.BytesValue.Span),
        _ => "",
    };

    public static string? Find(RepeatedField<KeyValue> attributes, string key) =>
        attributes.FirstOrDefault(a => a.Key == key) is { } found ? Text(found.Value) : null;

    public static string Hex(ByteString id) => id.IsEmpty ? "" : Convert.ToHexStringLower(id.Span);

    public static DateTimeOffset Instant(ulong unixNanos) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)(unixNanos / 100));
}
