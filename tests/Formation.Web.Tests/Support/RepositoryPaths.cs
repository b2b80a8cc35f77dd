namespace Formation.Web.Tests.Support;

/// <summary>Finds files of the repository from the test binaries' folder.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding <c>Formation.slnx</c>.</summary>
    public static string Root { get; } = FindRoot();

    public static string Example(string fileName) => Path.Combine(Root, "examples", fileName);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Formation.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains Formation.slnx.");
    }
}
