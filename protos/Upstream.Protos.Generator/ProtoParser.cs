using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Upstream.Protos.Generator;

/// <summary>
/// Reads the declarations the stubs need (package, C# options, message names, services and rpcs) from .proto
/// source. Everything else (fields, enums, extensions, option values) is skipped with braces balanced.
/// </summary>
internal sealed class ProtoParser
{
    private readonly List<Token> tokens;
    private readonly List<string> errors = [];
    private readonly List<(string ProtoName, string CSharpRelative)> messages = [];
    private readonly List<ProtoService> services = [];
    private int position;
    private string package = "";
    private string? csharpNamespace;
    private string? umbrellaClass;

    private ProtoParser(string source) => tokens = ProtoTokenizer.Tokenize(source);

    public static ProtoFile Parse(string path, string source)
    {
        var parser = new ProtoParser(source);
        parser.ParseFile();
        var ns = parser.csharpNamespace ?? PascalCase(parser.package, preservePeriods: true);
        var reflection = parser.umbrellaClass ?? PascalCase(Path.GetFileNameWithoutExtension(path), preservePeriods: false) + "Reflection";
        var prefix = ns.Length == 0 ? "global::" : "global::" + ns + ".";
        var names = new List<MessageName>();
        foreach (var (protoName, csharpRelative) in parser.messages)
        {
            names.Add(new MessageName(protoName, prefix + csharpRelative));
        }

        return new ProtoFile(path, parser.package, ns, prefix + reflection, names, parser.services, parser.errors);
    }

    /// <summary>protoc's C# naming: word breaks at non-alphanumerics and after digits; periods kept for namespaces.</summary>
    public static string PascalCase(string input, bool preservePeriods)
    {
        var result = new StringBuilder(input.Length);
        var capitalizeNext = true;
        foreach (var c in input)
        {
            if (c is >= 'a' and <= 'z')
            {
                result.Append(capitalizeNext ? char.ToUpperInvariant(c) : c);
                capitalizeNext = false;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                result.Append(c);
                capitalizeNext = false;
            }
            else if (c is >= '0' and <= '9')
            {
                result.Append(c);
                capitalizeNext = true;
            }
            else
            {
                if (c == '.' && preservePeriods)
                {
                    result.Append('.');
                }

                capitalizeNext = true;
            }
        }

        return result.ToString();
    }

    private Token? Peek(int offset = 0) => position + offset < tokens.Count ? tokens[position + offset] : null;

    private bool IsNext(string text, int offset = 0) => Peek(offset)?.Text == text && Peek(offset)!.Kind != TokenKind.String;

    private Token Next() => tokens[position++];

    private bool AtEnd => position >= tokens.Count;

    private void ParseFile()
    {
        while (!AtEnd)
        {
            var token = Next();
            switch (token.Text)
            {
                case "package" when token.Kind == TokenKind.Identifier:
                    package = ReadFullIdentifier();
                    SkipStatement();
                    break;
                case "option" when token.Kind == TokenKind.Identifier:
                    ReadFileOption();
                    break;
                case "message" when token.Kind == TokenKind.Identifier:
                    ParseMessage(package, "");
                    break;
                case "service" when token.Kind == TokenKind.Identifier:
                    ParseService(token);
                    break;
                case "enum" or "extend" when token.Kind == TokenKind.Identifier:
                    SkipDeclaration();
                    break;
                default:
                    // syntax, edition, import and stray ';': nothing the stubs need.
                    if (token.Text != ";")
                    {
                        SkipStatement();
                    }

                    break;
            }
        }
    }

    private void ReadFileOption()
    {
        var name = ReadOptionName();
        if (IsNext("="))
        {
            Next();
            var value = Peek();
            if (value is { Kind: TokenKind.String })
            {
                if (name == "csharp_namespace")
                {
                    csharpNamespace = value.Text;
                }
                else if (name == "csharp_umbrella_classname")
                {
                    umbrellaClass = value.Text;
                }
            }
        }

        SkipStatement();
    }

    private string ReadOptionName()
    {
        var name = new StringBuilder();
        while (!AtEnd && !IsNext("=") && !IsNext(";"))
        {
            name.Append(Next().Text);
        }

        return name.ToString();
    }

    private string ReadFullIdentifier()
    {
        var name = new StringBuilder();
        if (IsNext("."))
        {
            name.Append(Next().Text);
        }

        while (Peek() is { Kind: TokenKind.Identifier })
        {
            name.Append(Next().Text);
            if (!IsNext("."))
            {
                break;
            }

            name.Append(Next().Text);
        }

        return name.ToString();
    }

    private void ParseMessage(string scope, string csharpOuter)
    {
        var name = Next().Text;
        var protoName = scope.Length == 0 ? name : scope + "." + name;
        var csharpName = csharpOuter.Length == 0 ? name : csharpOuter + ".Types." + name;
        messages.Add((protoName, csharpName));
        if (!IsNext("{"))
        {
            errors.Add($"message {name}: expected '{{'");
            return;
        }

        Next();
        while (!AtEnd && !IsNext("}"))
        {
            // A nested declaration, as opposed to a field that happens to be called 'message' or 'enum'.
            if (Peek() is { Kind: TokenKind.Identifier, Text: "message" } && Peek(1)?.Kind == TokenKind.Identifier && IsNext("{", 2))
            {
                Next();
                ParseMessage(protoName, csharpName);
            }
            else if (IsNext("{"))
            {
                SkipBlock();
            }
            else
            {
                Next();
            }
        }

        if (!AtEnd)
        {
            Next();
        }
    }

    private void ParseService(Token serviceToken)
    {
        var name = Next().Text;
        var rpcs = new List<ProtoRpc>();
        if (!IsNext("{"))
        {
            errors.Add($"service {name}: expected '{{'");
            return;
        }

        Next();
        while (!AtEnd && !IsNext("}"))
        {
            var token = Next();
            if (token is { Kind: TokenKind.Identifier, Text: "rpc" })
            {
                var rpc = ParseRpc(token);
                if (rpc is not null)
                {
                    rpcs.Add(rpc);
                }
            }
            else if (token.Text == "option")
            {
                SkipStatement();
            }
            else if (token.Text != ";")
            {
                errors.Add($"service {name}: unexpected '{token.Text}' on line {token.Line}");
                SkipStatement();
            }
        }

        if (!AtEnd)
        {
            Next();
        }

        services.Add(new ProtoService(name, serviceToken.LeadingComment, services.Count, rpcs));
    }

    private ProtoRpc? ParseRpc(Token rpcToken)
    {
        var name = Next().Text;
        var inputRead = TryReadMessageType(out var inputType, out var clientStreaming);
        var returnsRead = inputRead && IsNext("returns");
        if (returnsRead)
        {
            Next();
        }

        if (!returnsRead || !TryReadMessageType(out var outputType, out var serverStreaming))
        {
            errors.Add($"rpc {name}: expected '(Request) returns (Response)' on line {rpcToken.Line}");
            SkipStatement();
            return null;
        }

        if (IsNext("{"))
        {
            SkipBlock();
            if (IsNext(";"))
            {
                Next();
            }
        }
        else if (IsNext(";"))
        {
            Next();
        }

        return new ProtoRpc(name, rpcToken.LeadingComment, inputType, clientStreaming, outputType, serverStreaming, rpcToken.Line);
    }

    private bool TryReadMessageType(out string type, out bool streaming)
    {
        type = "";
        streaming = false;
        if (!IsNext("("))
        {
            return false;
        }

        Next();
        // 'stream' followed by a type marks streaming; 'stream' alone would be a message named stream.
        if (Peek() is { Kind: TokenKind.Identifier, Text: "stream" } && !IsNext(")", 1))
        {
            Next();
            streaming = true;
        }

        type = ReadFullIdentifier();
        if (!IsNext(")") || type.Length == 0)
        {
            return false;
        }

        Next();
        return true;
    }

    /// <summary>Skips to the end of a statement: the next ';' outside braces, or the end of a block.</summary>
    private void SkipStatement()
    {
        while (!AtEnd)
        {
            if (IsNext("{"))
            {
                SkipBlock();
                if (IsNext(";"))
                {
                    Next();
                }

                return;
            }

            if (Next().Text == ";")
            {
                return;
            }
        }
    }

    private void SkipDeclaration()
    {
        while (!AtEnd && !IsNext("{"))
        {
            Next();
        }

        SkipBlock();
    }

    private void SkipBlock()
    {
        var depth = 0;
        while (!AtEnd)
        {
            var token = Next();
            if (token.Kind != TokenKind.Symbol)
            {
                continue;
            }

            if (token.Text == "{")
            {
                depth++;
            }
            else if (token.Text == "}" && --depth == 0)
            {
                return;
            }
        }
    }
}
