using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Upstream.Protos.Generator;

namespace Upstream.Grpc.Tests.Generator;

/// <summary>Runs the stub generator on .proto text, as the build does, and compiles what it writes.</summary>
internal static class GeneratorHarness
{
    public static (ImmutableArray<string> Sources, ImmutableArray<Diagnostic> Diagnostics) Run(params (string Path, string Text)[] protos)
    {
        var compilation = CSharpCompilation.Create("Empty", references: References());
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            generators: [new GrpcStubGenerator().AsSourceGenerator()],
            additionalTexts: [.. protos.Select(proto => (AdditionalText)new ProtoText(proto.Path, proto.Text))]);
        driver = driver.RunGenerators(compilation);
        var result = driver.GetRunResult();
        return ([.. result.GeneratedTrees.Select(tree => tree.GetText().ToString())], result.Diagnostics);
    }

    /// <summary>Compiles generated stubs (plus any test source) against the real Upstream.Grpc and Upstream.Protos.</summary>
    public static Assembly Compile(IEnumerable<string> sources)
    {
        var compilation = CSharpCompilation.Create(
            "GeneratedStubs" + Guid.NewGuid().ToString("N"),
            sources.Select(source => CSharpSyntaxTree.ParseText(source)),
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var problems = emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToList();
        Assert.True(emitted.Success && problems.Count == 0, string.Join(Environment.NewLine, problems));
        return Assembly.Load(image.ToArray());
    }

    /// <summary>A file of the repository's protos/ folder, found from the test's output folder.</summary>
    public static (string Path, string Text) RepositoryProto(string relativePath)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "protos", relativePath);
            if (File.Exists(candidate))
            {
                return (candidate, File.ReadAllText(candidate));
            }
        }

        throw new FileNotFoundException("protos/" + relativePath + " was not found above " + AppContext.BaseDirectory);
    }

    private static List<MetadataReference> References()
    {
        // Touch the assemblies the stubs use so they are loaded, then reference everything loaded.
        _ = typeof(Method<,>);
        _ = typeof(global::Grpc.Testing.SimpleRequest);
        _ = typeof(Google.Protobuf.IMessage);
        return [.. AppDomain.CurrentDomain.GetAssemblies()
            .Where(assembly => !assembly.IsDynamic && assembly.Location.Length > 0)
            .Select(assembly => MetadataReference.CreateFromFile(assembly.Location))];
    }

    private sealed class ProtoText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
