namespace Upstream.Deploy;

/// <summary>Where the repository is, found from the running assembly: the output goes to deploy/kubernetes beside the code.</summary>
public static class Repository
{
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Upstream.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run from inside the repository, or name the output folder.");
    }

    public static string KubernetesFolder() => Path.Combine(Root(), "deploy", "kubernetes");
}
