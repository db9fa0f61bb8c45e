using System.Collections;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Upstream.Gateway.Transcoding;

/// <summary>
/// Builds a gRPC request message from an HTTP request by the route's rule: the JSON body (the whole message for
/// body "*", or one field), then path variables, then query parameters for the fields left. Every problem is
/// collected with the field it concerns, so the front end hears about all of them at once.
/// </summary>
public static class RequestBinder
{
    // Unknown JSON fields are refused, not dropped: a misspelt field must not be silently ignored.
    private static readonly JsonParser Json = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    public static IMessage Bind(RouteMatch match, IEnumerable<KeyValuePair<string, string[]>> query, string body)
    {
        var route = match.Route;
        var problems = new List<BindingProblem>();
        var message = route.Method.InputType.Parser.ParseFrom(ByteString.Empty);
        var bound = new HashSet<string>(StringComparer.Ordinal);

        if (route.Body == "*")
        {
            ParseInto(message, body, "body", problems);
            bound.UnionWith(route.Method.InputType.Fields.InDeclarationOrder().Select(f => f.Name));
        }
        else if (route.Body.Length > 0)
        {
            var field = route.Method.InputType.FindFieldByName(route.Body);
            bound.Add(field.Name);
            if (field.FieldType == FieldType.Message && !field.IsRepeated)
            {
                var part = field.MessageType.Parser.ParseFrom(ByteString.Empty);
                ParseInto(part, body, field.Name, problems);
                field.Accessor.SetValue(message, part);
            }
            else
            {
                ParseInto(message, $"{{\"{field.JsonName}\":{(string.IsNullOrWhiteSpace(body) ? "null" : body)}}}", field.Name, problems);
            }
        }
        else if (!string.IsNullOrWhiteSpace(body))
        {
            problems.Add(new BindingProblem("body", $"{route.Verb} {route.Path.Text} takes no request body."));
        }

        foreach (var (path, value) in match.Variables)
        {
            Set(message, path, [value], problems);
            bound.Add(path.Split('.')[0]);
        }

        foreach (var (name, values) in query)
        {
            if (bound.Contains(name.Split('.')[0]))
            {
                problems.Add(new BindingProblem(name, route.Body == "*" ? "This route takes its fields in the body, not the query string." : "Already given by the path or body."));
                continue;
            }

            Set(message, name, values, problems);
        }

        return problems.Count == 0 ? message : throw new InvalidRequestException(problems);
    }

    private static void ParseInto(IMessage target, string body, string field, List<BindingProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return; // an empty body is an empty message
        }

        try
        {
            target.MergeFrom(Json.Parse(body, target.Descriptor).ToByteString());
        }
        catch (InvalidProtocolBufferException e)
        {
            problems.Add(new BindingProblem(field, e.Message));
        }
        catch (InvalidJsonException e)
        {
            problems.Add(new BindingProblem(field, $"Malformed JSON: {e.Message}"));
        }
        catch (FormatException e)
        {
            problems.Add(new BindingProblem(field, e.Message));
        }
    }

    private static void Set(IMessage message, string path, IReadOnlyList<string> values, List<BindingProblem> problems)
    {
        var fields = FieldPath.Resolve(message.Descriptor, path);
        if (fields is null)
        {
            problems.Add(new BindingProblem(path, $"{message.Descriptor.Name} has no field '{path}'."));
            return;
        }

        var target = message;
        foreach (var step in fields.Take(fields.Count - 1))
        {
            if (step.Accessor.GetValue(target) is not IMessage child)
            {
                child = step.MessageType.Parser.ParseFrom(ByteString.Empty);
                step.Accessor.SetValue(target, child);
            }

            target = child;
        }

        var leaf = fields[^1];
        if (leaf.FieldType == FieldType.Message && !IsWellKnownScalar(leaf.MessageType))
        {
            problems.Add(new BindingProblem(path, "A message field cannot be set from a single value; name one of its fields."));
            return;
        }

        if (!leaf.IsRepeated && values.Count > 1)
        {
            problems.Add(new BindingProblem(path, "Given more than once, but takes one value."));
            return;
        }

        try
        {
            var converted = values.Select(v => Convert(leaf, v)).ToList();
            if (leaf.IsRepeated)
            {
                var list = (IList)leaf.Accessor.GetValue(target);
                foreach (var value in converted)
                {
                    list.Add(value);
                }
            }
            else
            {
                leaf.Accessor.SetValue(target, converted[0]);
            }
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidProtocolBufferException or InvalidJsonException)
        {
            problems.Add(new BindingProblem(path, e is FormatException f ? f.Message : $"'{values[0]}' is not a valid {TypeName(leaf)}."));
        }
    }

    private static bool IsWellKnownScalar(MessageDescriptor type) => type.FullName.StartsWith("google.protobuf.", StringComparison.Ordinal);

    private static object Convert(FieldDescriptor field, string value)
    {
        var invariant = CultureInfo.InvariantCulture;
        return field.FieldType switch
        {
            FieldType.String => value,
            FieldType.Bool => value switch { "true" => true, "false" => false, _ => throw new FormatException($"'{value}' is not true or false.") },
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => int.Parse(value, NumberStyles.AllowLeadingSign, invariant),
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => long.Parse(value, NumberStyles.AllowLeadingSign, invariant),
            FieldType.UInt32 or FieldType.Fixed32 => uint.Parse(value, NumberStyles.None, invariant),
            FieldType.UInt64 or FieldType.Fixed64 => ulong.Parse(value, NumberStyles.None, invariant),
            FieldType.Double => double.Parse(value, NumberStyles.Float, invariant),
            FieldType.Float => float.Parse(value, NumberStyles.Float, invariant),
            FieldType.Bytes => ByteString.FromBase64(value.Replace('-', '+').Replace('_', '/')),
            FieldType.Enum => field.EnumType.FindValueByName(value)?.Number
                ?? (int.TryParse(value, NumberStyles.AllowLeadingSign, invariant, out var n) && field.EnumType.FindValueByNumber(n) is not null ? n
                    : throw new FormatException($"'{value}' is not one of {string.Join(", ", field.EnumType.Values.Select(v => v.Name))}.")),
            FieldType.Message => Json.Parse($"\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"", field.MessageType),
            _ => throw new FormatException($"{field.Name} cannot be set from the URL."),
        };
    }

    private static string TypeName(FieldDescriptor field) => field.FieldType.ToString().ToLowerInvariant();
}

public sealed record BindingProblem(string Field, string Description);

/// <summary>The HTTP request cannot become the gRPC request: a 400 listing every problem.</summary>
public sealed class InvalidRequestException(IReadOnlyList<BindingProblem> problems)
    : Exception(string.Join("; ", problems.Select(p => $"{p.Field}: {p.Description}")))
{
    public IReadOnlyList<BindingProblem> Problems { get; } = problems;
}
