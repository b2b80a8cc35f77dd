using Formation.Domain.Planning;
using Formation.Domain.Playbooks;
using Formation.Domain.Profiles;
using Formation.Domain.Text;
using Formation.Domain.Yaml;
using Spectre.Console;

namespace Formation.Cli;

/// <summary>Reads the files a command needs and reports what is wrong with them, never with a stack trace.</summary>
internal static class Inputs
{
    /// <summary>The shipped playbooks plus those in <paramref name="userFolder"/>; null after printing errors.</summary>
    public static PlaybookLibrary? Library(IAnsiConsole console, string? userFolder, Language language)
    {
        if (userFolder is null)
        {
            return PlaybookLibrary.Shipped;
        }

        if (!Directory.Exists(userFolder))
        {
            Problem(console, language, new($"找不到 playbook 文件夹：{userFolder}", $"Playbook folder not found: {userFolder}"));
            return null;
        }

        var files = new List<SourceText>();
        foreach (var path in Directory.EnumerateFiles(userFolder)
                     .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                     .Order(StringComparer.Ordinal))
        {
            try
            {
                files.Add(new SourceText(path, File.ReadAllText(path)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Problem(console, language, new($"无法读取 playbook 文件 {path}：{ex.Message}", $"Cannot read playbook file {path}: {ex.Message}"));
                return null;
            }
        }

        var result = PlaybookLibrary.Shipped.With(files);
        if (!result.IsValid)
        {
            Errors(console, language, result.Errors);
            return null;
        }

        return result.Value;
    }

    /// <summary>The profile at <paramref name="path"/>; null after printing every error with its line.</summary>
    public static EnterpriseProfile? Profile(IAnsiConsole console, string path, PlaybookLibrary library, Language language)
    {
        if (!File.Exists(path))
        {
            Problem(console, language, new($"找不到企业档案文件：{path}", $"Profile file not found: {path}"));
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Problem(console, language, new($"无法读取 {path}：{ex.Message}", $"Cannot read {path}: {ex.Message}"));
            return null;
        }

        var result = ProfileReader.Read(text, path, library);
        if (!result.IsValid)
        {
            Errors(console, language, result.Errors);
            return null;
        }

        return result.Value;
    }

    /// <summary>Loads the library and the profile and plans; null after printing what was wrong.</summary>
    public static Blueprint? Plan(IAnsiConsole console, string profilePath, string? playbookFolder, Language language)
    {
        var library = Library(console, playbookFolder, language);
        var profile = library is null ? null : Profile(console, profilePath, library, language);
        return profile is null ? null : BlueprintEngine.Plan(profile, library!);
    }

    public static void Problem(IAnsiConsole console, Language language, LocalizedText message) =>
        console.MarkupLine($"[red]{Markup.Escape(message.Get(language))}[/]");

    private static void Errors(IAnsiConsole console, Language language, IReadOnlyList<ValidationError> errors)
    {
        var header = language == Language.Zh ? $"发现 {errors.Count} 处错误：" : $"{errors.Count} error(s) found:";
        console.MarkupLine($"[red]{Markup.Escape(header)}[/]");
        foreach (var error in errors)
        {
            console.MarkupLine($"  [red]✗[/] {Markup.Escape(error.Format(language))}");
        }
    }
}
