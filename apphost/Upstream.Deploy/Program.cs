using Upstream.Deploy;
using Upstream.Deploy.Kubernetes;
using Upstream.Deploy.Model;

// Writes the Kubernetes manifests from the app host's model: `dotnet run --project apphost/Upstream.Deploy [-- FOLDER]`
// (default deploy/kubernetes at the repository root). Regenerate after any change to the app host.
var folder = args.Length > 0 ? args[0] : Repository.KubernetesFolder();
var model = await AppModelReader.ReadAsync();
var files = ManifestSet.From(model);
files.WriteTo(folder);
Console.WriteLine($"Wrote {files.Files.Count} files for {model.Workloads.Count} workloads ({string.Join(", ", model.Workloads.Select(w => w.Name))}) to {folder}");
