using System.Text.Json.Serialization;

namespace Upstream.Insights.WebSub;

/// <summary>The hub's form fields (WebSub 5.1), named for the API document: the hub reads them from the form itself.</summary>
public sealed record WebSubRequestForm(
    [property: JsonPropertyName("hub.mode")] string Mode,
    [property: JsonPropertyName("hub.topic")] string Topic,
    [property: JsonPropertyName("hub.callback")] string Callback,
    [property: JsonPropertyName("hub.lease_seconds")] int? LeaseSeconds,
    [property: JsonPropertyName("hub.secret")] string? Secret);
