namespace Upstream.Testing.Hosting;

public static class Repository
{
    /// <summary>The checkout the tests were built from (the folder holding Upstream.sln).</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Upstream.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Upstream.sln not found above the output folder (run from inside the repository).");
    }
}
