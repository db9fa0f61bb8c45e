using Upstream.Deploy.Kubernetes;
using Upstream.Deploy.Tests.Infrastructure;

namespace Upstream.Deploy.Tests;

/// <summary>Connection strings and signing keys come only from the Secret, and the Secret is written without a value.</summary>
[Collection(ManifestsCollection.Name)]
public sealed class SecretTests(GeneratedManifests manifests)
{
    [Fact]
    public void The_secret_template_names_every_key_and_holds_no_value()
    {
        var secret = manifests.Find("Secret", WorkloadManifests.SecretName);
        Assert.False(secret.Has("data"));
        var keys = secret.At("stringData").Entries();
        Assert.Contains("signing-key", keys.Keys);
        Assert.Contains("messaging", keys.Keys);
        Assert.All(manifests.Projects.Where(p => !p.IsPublic), p => Assert.Contains($"{p.Name}db", keys.Keys));
        Assert.All(keys.Values, value => Assert.Equal("", value.Text()));
    }

    [Fact]
    public void Connection_strings_and_the_signing_key_are_read_from_the_secret_and_never_written_in_plain()
    {
        var keys = manifests.Find("Secret", WorkloadManifests.SecretName).At("stringData").Entries().Keys.ToHashSet();
        foreach (var project in manifests.Projects)
        {
            var secretSettings = manifests.Container(project.Name).At("env").Items().ToDictionary(e => e.At("name").Text());
            Assert.Contains("Authentication__SigningKey", secretSettings.Keys);
            Assert.All(secretSettings.Values, setting =>
            {
                Assert.False(setting.Has("value"));
                Assert.Equal(WorkloadManifests.SecretName, setting.At("valueFrom", "secretKeyRef", "name").Text());
                Assert.Contains(setting.At("valueFrom", "secretKeyRef", "key").Text(), keys);
            });
        }

        foreach (var configMap in manifests.OfKind("ConfigMap"))
        {
            Assert.All(configMap.At("data").Entries(), entry =>
            {
                Assert.DoesNotContain("ConnectionStrings", entry.Key, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("SigningKey", entry.Key, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("password", entry.Value.Text(), StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("amqp", entry.Value.Text(), StringComparison.OrdinalIgnoreCase);
            });
        }
    }
}
