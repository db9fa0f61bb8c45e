using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Upstream.ServiceDefaults.Data;

/// <summary>
/// One versioned schema change: a SQL file `Data/Migrations/NNNN_description.sql` embedded in the service's
/// assembly. Written by hand (EF's scaffolding tools are not available here), checked against the EF model
/// by <see cref="SchemaAgreement"/>.
/// </summary>
public sealed partial record Migration(int Version, string Name, string Sql)
{
    public const string ResourcePrefix = "migrations/";

    /// <summary>Detects a migration edited after it was applied somewhere.</summary>
    public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    public static IReadOnlyList<Migration> FromAssembly(Assembly assembly) => FromAssemblies([assembly]);

    /// <summary>
    /// The service's migrations together with those of shared libraries it uses (messaging's are numbered 9000+),
    /// applied as one ordered list; a version may appear only once across all of them.
    /// </summary>
    public static IReadOnlyList<Migration> FromAssemblies(IEnumerable<Assembly> assemblies)
    {
        var migrations = new List<Migration>();
        foreach (var assembly in assemblies.Distinct())
        {
            migrations.AddRange(ReadAssembly(assembly));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}.");
        }

        return [.. migrations.OrderBy(m => m.Version)];
    }

    private static List<Migration> ReadAssembly(Assembly assembly)
    {
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var file = resource[ResourcePrefix.Length..];
            var match = FileName().Match(file);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration '{file}' must be named NNNN_description.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value, reader.ReadToEnd()));
        }

        return migrations;
    }

    [GeneratedRegex(@"^(\d+)_([A-Za-z0-9_\-]+)\.sql$")]
    private static partial Regex FileName();
}
