using System.Diagnostics;
using Formation.Domain.Planning;
using Formation.Domain.Playbooks;
using Formation.Domain.Profiles;
using Formation.Domain.Text;

namespace Formation.Application.Tests.Reports;

/// <summary>Blueprints planned from the repository's example profiles, and the temp files reports are written to.</summary>
internal static class ReportExamples
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The blueprint the engine plans for <c>examples/<paramref name="fileName"/></c>.</summary>
    public static Blueprint Plan(string fileName)
    {
        var path = Path.Combine(RepositoryRoot, "examples", fileName);
        var result = ProfileReader.Read(File.ReadAllText(path), path, PlaybookLibrary.Shipped);
        result.Errors.ShouldBeEmpty(string.Join("\n", result.Errors.Select(e => e.Format(Language.En))));
        return BlueprintEngine.Plan(result.Value!, PlaybookLibrary.Shipped);
    }

    /// <summary>Writes the bytes to a new file under the temp folder and returns its path.</summary>
    public static string WriteTemp(byte[] bytes, string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "formation-reports");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(name)}-{Guid.NewGuid():N}{Path.GetExtension(name)}");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Runs a command-line tool and returns what it wrote; fails the test when it is missing or fails.</summary>
    public static string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} is not installed (Debian: apt-get install poppler-utils).", e);
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            process.ExitCode.ShouldBe(0, $"{tool} {string.Join(' ', arguments)} failed: {stderr.Result}");
            return stdout;
        }
    }

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
