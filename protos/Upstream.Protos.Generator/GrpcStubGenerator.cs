using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Upstream.Protos.Generator;

/// <summary>
/// Emits gRPC stubs for every service in the .proto files given as AdditionalFiles. Grpc.Tools compiles the
/// messages (protoc); this adds what its gRPC plugin would, against Upstream.Grpc instead of Grpc.Core.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GrpcStubGenerator : IIncrementalGenerator
{
    private static readonly DiagnosticDescriptor ProtoError = new(
        "UPG001", "Cannot generate gRPC stubs", "{0}", "Upstream.Protos.Generator", DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>The well-known types protoc maps to Google.Protobuf.WellKnownTypes (they are not among our files).</summary>
    private static readonly string[] WellKnownTypes =
    [
        "Any", "Api", "BoolValue", "BytesValue", "DoubleValue", "Duration", "Empty", "Field", "FieldMask", "FloatValue",
        "Int32Value", "Int64Value", "ListValue", "Method", "Mixin", "Option", "SourceContext", "StringValue", "Struct",
        "Timestamp", "Type", "UInt32Value", "UInt64Value", "Value",
    ];

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".proto", System.StringComparison.OrdinalIgnoreCase))
            .Select(static (text, cancellationToken) => ProtoParser.Parse(text.Path, text.GetText(cancellationToken)?.ToString() ?? ""))
            .Collect();
        context.RegisterSourceOutput(files, static (output, parsed) => Generate(output, parsed));
    }

    private static void Generate(SourceProductionContext output, ImmutableArray<ProtoFile> files)
    {
        var types = new Dictionary<string, string>();
        foreach (var name in WellKnownTypes)
        {
            types["google.protobuf." + name] = "global::Google.Protobuf.WellKnownTypes." + name;
        }

        foreach (var file in files)
        {
            foreach (var message in file.Messages)
            {
                types[message.ProtoName] = message.CSharpName;
            }
        }

        var hints = new HashSet<string>();
        foreach (var file in files.OrderBy(static f => f.Path, System.StringComparer.Ordinal))
        {
            var errors = new List<string>(file.Errors.Select(error => file.Path + ": " + error));
            if (file.Services.Count > 0)
            {
                var source = StubEmitter.Emit(file, types, errors);
                var hint = (file.Package.Length == 0 ? "" : file.Package + ".") + System.IO.Path.GetFileNameWithoutExtension(file.Path) + ".Grpc.g.cs";
                var unique = hint;
                for (var n = 2; !hints.Add(unique); n++)
                {
                    unique = n + "." + hint;
                }

                output.AddSource(unique, SourceText.From(source, Encoding.UTF8));
            }

            foreach (var error in errors)
            {
                output.ReportDiagnostic(Diagnostic.Create(ProtoError, Location.None, error));
            }
        }
    }
}
