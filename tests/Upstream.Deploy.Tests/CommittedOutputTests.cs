using Upstream.Deploy.Tests.Infrastructure;

namespace Upstream.Deploy.Tests;

/// <summary>deploy/kubernetes is what the app model generates today: a service added to the app host shows up here until regenerated.</summary>
[Collection(ManifestsCollection.Name)]
public sealed class CommittedOutputTests(GeneratedManifests manifests)
{
    [Fact]
    public void The_committed_manifests_are_the_generated_ones()
    {
        var folder = Repository.KubernetesFolder();
        var committed = Directory.EnumerateFiles(folder, "*.yaml").ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
        const string Advice = "deploy/kubernetes is out of date: run `dotnet run --project apphost/Upstream.Deploy` and commit the result.";
        Assert.True(committed.Keys.Order().SequenceEqual(manifests.Set.Files.Keys.Order()), Advice);
        Assert.All(manifests.Set.Files, file => Assert.True(committed[file.Key] == file.Value, $"{file.Key}: {Advice}"));
    }
}
