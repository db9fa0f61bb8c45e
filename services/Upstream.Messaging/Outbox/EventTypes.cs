using System.Text.Json;

namespace Upstream.Messaging.Outbox;

/// <summary>How an event is stored in the outbox: its type by name (no version, so a redeploy still reads it) and JSON.</summary>
internal static class EventTypes
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string NameOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public static Type Resolve(string name) =>
        Type.GetType(name, throwOnError: false)
        ?? throw new InvalidOperationException($"Outbox event type '{name}' is not known to this build of the service.");
}
