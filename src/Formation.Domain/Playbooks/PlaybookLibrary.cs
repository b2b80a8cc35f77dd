using System.Reflection;
using Formation.Domain.Yaml;

namespace Formation.Domain.Playbooks;

/// <summary>
/// The playbooks and vocabulary a plan is made from: those shipped in <c>playbooks/</c> (embedded in this
/// assembly) plus any a user adds or overrides. A user file with a shipped playbook's id replaces it whole.
/// </summary>
public sealed class PlaybookLibrary
{
    /// <summary>The name of the vocabulary file in a playbook folder.</summary>
    public const string VocabularyFileName = "vocabulary.yaml";

    private static readonly Lazy<PlaybookLibrary> s_shipped = new(LoadShipped);

    private PlaybookLibrary(
        IReadOnlyList<SourceText> files,
        IReadOnlyDictionary<string, Playbook> playbooks,
        IReadOnlyDictionary<string, Term> skills,
        IReadOnlyDictionary<string, Term> kpis)
    {
        Files = files;
        Playbooks = playbooks;
        Skills = skills;
        Kpis = kpis;
    }

    /// <summary>The playbooks shipped with the product.</summary>
    public static PlaybookLibrary Shipped => s_shipped.Value;

    /// <summary>Playbooks by id, in the order they were read.</summary>
    public IReadOnlyDictionary<string, Playbook> Playbooks { get; }

    /// <summary>The skill vocabulary.</summary>
    public IReadOnlyDictionary<string, Term> Skills { get; }

    /// <summary>The KPI vocabulary.</summary>
    public IReadOnlyDictionary<string, Term> Kpis { get; }

    private IReadOnlyList<SourceText> Files { get; }

    /// <summary>Builds a library from files; a file named <see cref="VocabularyFileName"/> is vocabulary, any other a playbook.</summary>
    public static LoadResult<PlaybookLibrary> Load(IEnumerable<SourceText> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return Text.InvariantCulture.Run(() => LoadInvariant(files.ToList()));
    }

    private static LoadResult<PlaybookLibrary> LoadInvariant(List<SourceText> list)
    {
        var errors = new List<ValidationError>();
        var skills = new Dictionary<string, Term>(StringComparer.Ordinal);
        var kpis = new Dictionary<string, Term>(StringComparer.Ordinal);
        foreach (var file in list.Where(IsVocabulary))
        {
            var (s, k) = PlaybookReader.ReadVocabulary(file, errors);
            s.ForEach(t => skills[t.Id] = t);
            k.ForEach(t => kpis[t.Id] = t);
        }

        var skillIds = skills.Keys.ToHashSet(StringComparer.Ordinal);
        var kpiIds = kpis.Keys.ToHashSet(StringComparer.Ordinal);
        var playbooks = new Dictionary<string, Playbook>(StringComparer.Ordinal);
        foreach (var file in list.Where(f => !IsVocabulary(f)))
        {
            if (PlaybookReader.ReadPlaybook(file, skillIds, kpiIds, errors) is { } playbook)
            {
                playbooks[playbook.Id] = playbook;
            }
        }

        return errors.Count > 0
            ? new LoadResult<PlaybookLibrary>(null, errors)
            : new LoadResult<PlaybookLibrary>(new PlaybookLibrary(list, playbooks, skills, kpis), errors);
    }

    /// <summary>This library with a user's files added: vocabulary entries merge, playbooks with a known id replace the old one.</summary>
    public LoadResult<PlaybookLibrary> With(IEnumerable<SourceText> userFiles)
    {
        ArgumentNullException.ThrowIfNull(userFiles);
        return Load(Files.Concat(userFiles));
    }

    private static bool IsVocabulary(SourceText file) =>
        Path.GetFileName(file.Name).Equals(VocabularyFileName, StringComparison.OrdinalIgnoreCase);

    private static PlaybookLibrary LoadShipped()
    {
        var assembly = typeof(PlaybookLibrary).Assembly;
        const string Prefix = "Formation.Domain.playbooks.";
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => new SourceText("playbooks/" + n[Prefix.Length..], ReadResource(assembly, n)))
            .ToList();
        var result = Load(files);
        if (!result.IsValid)
        {
            var details = string.Join(Environment.NewLine, result.Errors.Select(e => e.Format(Text.Language.En)));
            throw new InvalidOperationException("The shipped playbooks are invalid:" + Environment.NewLine + details);
        }

        return result.Value!;
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
