using Formation.Domain.Text;

namespace Formation.Domain.Yaml;

/// <summary>One thing wrong with an input file, located precisely enough to fix it.</summary>
/// <param name="File">The file (or other source name) the text came from.</param>
/// <param name="Line">1-based line; 0 when the problem is not at a line (e.g. a missing file).</param>
/// <param name="Column">1-based column; 0 when unknown.</param>
/// <param name="Key">The dotted path of the key at fault, such as <c>volume.peakHourShare</c> or <c>team[1].post</c>.</param>
/// <param name="Message">What is wrong and what is expected.</param>
public sealed record ValidationError(string File, int Line, int Column, string Key, LocalizedText Message)
{
    /// <summary>"file:line:column: key: message", the form editors and terminals link to.</summary>
    public string Format(Language language)
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        return string.IsNullOrEmpty(Key) ? $"{where}: {Message.Get(language)}" : $"{where}: {Key}: {Message.Get(language)}";
    }
}

/// <summary>A value read from a file, or the reasons it could not be.</summary>
public sealed record LoadResult<T>(T? Value, IReadOnlyList<ValidationError> Errors)
    where T : class
{
    /// <summary>True when the value was read without any error.</summary>
    public bool IsValid => Value is not null && Errors.Count == 0;
}
