using Formation.Domain.Playbooks;
using Formation.Domain.Profiles;
using Formation.Domain.Text;

namespace Formation.Benchmarks;

/// <summary>Finds the repository's files and reads example profiles for the benchmarks' setup.</summary>
internal static class RepoFiles
{
    private const string SolutionFile = "Formation.slnx";

    /// <summary>The folder holding Formation.slnx, found by walking up from the benchmark's binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Full path of a file given relative to the repository root.</summary>
    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    /// <summary>Parses a profile and fails loudly if it is invalid, so a benchmark never times an error path.</summary>
    public static EnterpriseProfile ReadProfile(string text, string path)
    {
        var result = ProfileReader.Read(text, path, PlaybookLibrary.Shipped);
        if (!result.IsValid || result.Value is null)
        {
            var errors = string.Join(Environment.NewLine, result.Errors.Select(e => e.Format(Language.En)));
            throw new InvalidOperationException($"{path} is not a valid profile:{Environment.NewLine}{errors}");
        }

        return result.Value;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No {SolutionFile} found above {AppContext.BaseDirectory}.");
    }
}
