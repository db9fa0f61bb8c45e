using System.Text;

namespace Upstream.Gateway.Transcoding;

/// <summary>
/// A google.api.http path template: "/v1/calls/{call_id}", "/v1/{name=calls/*/applications/*}", "/v1/files/**",
/// optionally ending in ":verb". Parsed once at start-up; matching a request path binds each variable to the
/// text it covered, percent-decoded.
/// </summary>
public sealed class PathTemplate
{
    private readonly IReadOnlyList<Segment> _segments;

    private PathTemplate(string text, IReadOnlyList<Segment> segments, string? verb, IReadOnlyList<Variable> variables)
    {
        Text = text;
        _segments = segments;
        Verb = verb;
        Variables = variables;
    }

    public string Text { get; }

    public string? Verb { get; }

    public IReadOnlyList<Variable> Variables { get; }

    /// <summary>Literal segments: more of them make a route more specific than another that also matches.</summary>
    public int LiteralCount => _segments.Count(s => s.Kind == SegmentKind.Literal);

    public static PathTemplate Parse(string template)
    {
        if (!template.StartsWith('/'))
        {
            throw new FormatException($"Path template '{template}' must start with '/'.");
        }

        var body = template[1..];
        string? verb = null;
        var lastBrace = body.LastIndexOf('}');
        var colon = body.IndexOf(':', lastBrace + 1);
        if (colon >= 0)
        {
            verb = body[(colon + 1)..];
            body = body[..colon];
            if (verb.Length == 0)
            {
                throw new FormatException($"Path template '{template}' has an empty verb.");
            }
        }

        var segments = new List<Segment>();
        var variables = new List<Variable>();
        foreach (var token in Tokenize(body, template))
        {
            if (token.StartsWith('{'))
            {
                var inner = token[1..^1];
                var eq = inner.IndexOf('=');
                var field = eq < 0 ? inner : inner[..eq];
                var pattern = eq < 0 ? "*" : inner[(eq + 1)..];
                if (field.Length == 0 || !field.Split('.').All(IsIdentifier))
                {
                    throw new FormatException($"Path template '{template}' names an invalid field '{field}'.");
                }

                var start = segments.Count;
                segments.AddRange(pattern.Split('/').Select(p => Single(p, template)));
                variables.Add(new Variable(field, start, segments.Count - start));
            }
            else
            {
                segments.Add(Single(token, template));
            }
        }

        var wild = segments.FindIndex(s => s.Kind == SegmentKind.Rest);
        if (wild >= 0 && wild != segments.Count - 1)
        {
            throw new FormatException($"Path template '{template}': '**' may only be the last segment.");
        }

        return new PathTemplate(template, segments, verb, variables);
    }

    /// <summary>Matches an already split, still percent-encoded path; null when it does not match.</summary>
    public IReadOnlyDictionary<string, string>? Match(string path)
    {
        if (!path.StartsWith('/'))
        {
            return null;
        }

        var body = path[1..];
        if (Verb is not null)
        {
            if (!body.EndsWith(":" + Verb, StringComparison.Ordinal))
            {
                return null;
            }

            body = body[..^(Verb.Length + 1)];
        }

        var parts = body.Length == 0 ? [] : body.Split('/');
        var restAt = _segments.Count > 0 && _segments[^1].Kind == SegmentKind.Rest ? _segments.Count - 1 : -1;
        if (restAt < 0 ? parts.Length != _segments.Count : parts.Length < restAt)
        {
            return null;
        }

        for (var i = 0; i < _segments.Count && i != restAt; i++)
        {
            var segment = _segments[i];
            if (parts[i].Length == 0 || (segment.Kind == SegmentKind.Literal && parts[i] != segment.Text))
            {
                return null;
            }
        }

        var bound = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in Variables)
        {
            var end = variable.Start + variable.Length == _segments.Count && restAt >= 0 ? parts.Length : variable.Start + variable.Length;
            var covered = parts[variable.Start..end];

            // A one-segment variable decodes fully; a multi-segment one keeps "/" as the separator it is.
            bound[variable.FieldPath] = string.Join('/', covered.Select(Uri.UnescapeDataString));
        }

        return bound;
    }

    private static Segment Single(string text, string template) => text switch
    {
        "*" => new Segment(SegmentKind.One, text),
        "**" => new Segment(SegmentKind.Rest, text),
        "" => throw new FormatException($"Path template '{template}' has an empty segment."),
        _ when text.IndexOfAny(['{', '}', '=']) >= 0 => throw new FormatException($"Path template '{template}' has a malformed segment '{text}'."),
        _ => new Segment(SegmentKind.Literal, text),
    };

    private static IEnumerable<string> Tokenize(string body, string template)
    {
        var current = new StringBuilder();
        var depth = 0;
        foreach (var c in body)
        {
            if (c == '{')
            {
                depth++;
                if (depth > 1 || current.Length > 0)
                {
                    throw new FormatException($"Path template '{template}' has a misplaced '{{'.");
                }
            }
            else if (c == '}')
            {
                depth--;
                if (depth < 0)
                {
                    throw new FormatException($"Path template '{template}' has an unmatched '}}'.");
                }
            }

            if (c == '/' && depth == 0)
            {
                yield return current.ToString();
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        if (depth != 0)
        {
            throw new FormatException($"Path template '{template}' has an unclosed '{{'.");
        }

        yield return current.ToString();
    }

    private static bool IsIdentifier(string s) => s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] == '_') && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private enum SegmentKind
    {
        Literal,
        One,
        Rest,
    }

    private sealed record Segment(SegmentKind Kind, string Text);

    /// <param name="FieldPath">The request field it sets, dotted for nested messages.</param>
    public sealed record Variable(string FieldPath, int Start, int Length);
}
