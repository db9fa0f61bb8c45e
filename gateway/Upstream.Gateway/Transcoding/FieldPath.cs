using Google.Protobuf.Reflection;

namespace Upstream.Gateway.Transcoding;

/// <summary>Dotted field paths ("details.title") through nested messages, as path variables and query parameters use them.</summary>
public static class FieldPath
{
    /// <returns>The fields along the path, or null if any step is not a field (or passes through a non-message).</returns>
    public static IReadOnlyList<FieldDescriptor>? Resolve(MessageDescriptor message, string path)
    {
        var fields = new List<FieldDescriptor>();
        var current = message;
        foreach (var name in path.Split('.'))
        {
            if (current is null || current.FindFieldByName(name) is not { } field)
            {
                return null;
            }

            fields.Add(field);
            current = field.FieldType == FieldType.Message && !field.IsRepeated ? field.MessageType : null;
        }

        return fields;
    }
}
