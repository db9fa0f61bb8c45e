using Upstream.Deploy.Kubernetes;
using Upstream.Deploy.Model;
using YamlDotNet.RepresentationModel;

namespace Upstream.Deploy.Tests.Infrastructure;

/// <summary>The manifests generated once per test run from the real app model, every document parsed.</summary>
public sealed class GeneratedManifests : IAsyncLifetime
{
    public ManifestSet Set { get; private set; } = new(new Dictionary<string, string>());

    public IReadOnlyList<(string File, YamlMappingNode Document)> Documents { get; private set; } = [];

    public IReadOnlyList<AppProject> Projects { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Set = ManifestSet.From(await AppModelReader.ReadAsync());
        Documents = Set.Files.SelectMany(f => YamlNodes.Parse(f.Value).Select(d => (f.Key, d))).ToList();
        Projects = await AppProject.ReadAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public IEnumerable<YamlMappingNode> OfKind(string kind) => Documents.Select(d => d.Document).Where(d => d.At("kind").Text() == kind);

    public YamlMappingNode Find(string kind, string name) => Assert.Single(OfKind(kind), d => d.At("metadata", "name").Text() == name);

    public YamlNode Container(string name) => Assert.Single(Find("Deployment", name).At("spec", "template", "spec", "containers").Items());
}

[CollectionDefinition(Name)]
public sealed class ManifestsCollection : ICollectionFixture<GeneratedManifests>
{
    public const string Name = "Generated manifests";
}
