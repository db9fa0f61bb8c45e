using System.Collections.Generic;
using System.Text;

namespace Upstream.Protos.Generator;

internal enum TokenKind
{
    Identifier,
    String,
    Number,
    Symbol,
}

/// <summary>A token and the comment lines written directly above it (used as documentation).</summary>
internal sealed record Token(TokenKind Kind, string Text, string? LeadingComment, int Line);

/// <summary>Splits .proto source into tokens, dropping comments but remembering the ones that document a declaration.</summary>
internal static class ProtoTokenizer
{
    public static List<Token> Tokenize(string source)
    {
        var tokens = new List<Token>();
        var comment = new StringBuilder();
        var line = 1;
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '\n')
            {
                line++;
                i++;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '/' && i + 1 < source.Length && source[i + 1] == '/')
            {
                var end = source.IndexOf('\n', i);
                end = end < 0 ? source.Length : end;
                AppendComment(comment, source.Substring(i + 2, end - i - 2));
                i = end;
                continue;
            }

            if (c == '/' && i + 1 < source.Length && source[i + 1] == '*')
            {
                var end = source.IndexOf("*/", i + 2, System.StringComparison.Ordinal);
                end = end < 0 ? source.Length : end;
                var body = source.Substring(i + 2, end - i - 2);
                foreach (var bodyLine in body.Split('\n'))
                {
                    AppendComment(comment, bodyLine.Trim().TrimStart('*'));
                    line++;
                }

                line--;
                i = end + 2;
                continue;
            }

            var start = i;
            TokenKind kind;
            if (char.IsLetter(c) || c == '_')
            {
                while (i < source.Length && (char.IsLetterOrDigit(source[i]) || source[i] == '_'))
                {
                    i++;
                }

                kind = TokenKind.Identifier;
            }
            else if (char.IsDigit(c) || (c == '-' && i + 1 < source.Length && char.IsDigit(source[i + 1])))
            {
                i++;
                while (i < source.Length && (char.IsLetterOrDigit(source[i]) || source[i] == '.' || source[i] == '+' || source[i] == '-'))
                {
                    i++;
                }

                kind = TokenKind.Number;
            }
            else if (c == '"' || c == '\'')
            {
                i++;
                while (i < source.Length && source[i] != c)
                {
                    i += source[i] == '\\' ? 2 : 1;
                }

                i++;
                kind = TokenKind.String;
            }
            else
            {
                i++;
                kind = TokenKind.Symbol;
            }

            var text = source.Substring(start, System.Math.Min(i, source.Length) - start);
            if (kind == TokenKind.String)
            {
                text = Unquote(text);
            }

            tokens.Add(new Token(kind, text, comment.Length == 0 ? null : comment.ToString().TrimEnd(), line));
            comment.Clear();
        }

        return tokens;
    }

    private static void AppendComment(StringBuilder comment, string text)
    {
        comment.Append(text.Trim()).Append('\n');
    }

    private static string Unquote(string quoted)
    {
        var inner = quoted.Length >= 2 ? quoted.Substring(1, quoted.Length - 2) : "";
        var builder = new StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length)
            {
                i++;
                builder.Append(inner[i] switch
                {
                    'n' => '\n',
                    't' => '\t',
                    _ => inner[i],
                });
            }
            else
            {
                builder.Append(inner[i]);
            }
        }

        return builder.ToString();
    }
}
