using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Formation.Application.Data;
using Formation.Application.Features.Data;
using Formation.Domain.DataImport;
using Formation.Domain.Text;

namespace Formation.Web.Features.Data;

/// <summary>An uploaded export waiting to be mapped, previewed and committed, and what the member chose for it so far.</summary>
/// <param name="Id">The random id the upload is kept under.</param>
/// <param name="FileName">The name the member's file had (shown and recorded; its extension picks the reader; never a path).</param>
/// <param name="MappingName">A saved or shipped mapping chosen for it, or null.</param>
/// <param name="MappingYaml">A mapping built on the page for this upload (takes precedence over <paramref name="MappingName"/>).</param>
/// <param name="Fixes">Corrected cells from the preview.</param>
/// <param name="Skipped">Lines left out in the preview.</param>
public sealed record StagedImport(
    string Id,
    string FileName,
    long Bytes,
    Guid UserId,
    DateTime UploadedAt,
    string? MappingName,
    string? MappingYaml,
    IReadOnlyList<StagedFix> Fixes,
    IReadOnlyList<int> Skipped)
{
    /// <summary>The corrections as the importer takes them.</summary>
    public ImportFixes ToFixes()
    {
        var fixes = new ImportFixes();
        foreach (var fix in Fixes)
        {
            if (MetricFields.TryParse(fix.Field, out var field))
            {
                fixes.Set(fix.Line, field, fix.Value);
            }
        }

        foreach (var line in Skipped)
        {
            fixes.Skip(line);
        }

        return fixes;
    }

    /// <summary>The mapping this upload is read with; null with a problem when none is chosen or it no longer reads.</summary>
    public (ImportMapping? Mapping, LocalizedText? Problem) Mapping(DatabaseTarget target, Guid organizationId)
    {
        if (MappingYaml is { } yaml)
        {
            var read = MappingReader.Read(yaml, "mapping.yaml");
            return read.IsValid ? (read.Value, null) : (null, new(read.Errors[0].Format(Language.Zh), read.Errors[0].Format(Language.En)));
        }

        return MappingName is { } name ? MappingCatalog.Find(target, organizationId, name) : (null, null);
    }
}

/// <summary>A cell the member corrected in the preview.</summary>
public sealed record StagedFix(int Line, string Field, string Value);

/// <summary>
/// Uploaded exports between upload and commit: each in its organisation's folder under the data directory, under a
/// random id (never a name the member chose), with a small JSON file of the choices made so far. Deleted after a
/// commit or a cancel; anything older than a day is swept away.
/// </summary>
public sealed partial class ImportStaging(string root)
{
    /// <summary>The largest upload the import endpoint accepts (<see cref="Infrastructure.FormationOptions.MaxImportBytes"/> may lower it).</summary>
    public const long MaxBytes = 200L * 1024 * 1024;

    /// <summary>How long an upload waits before it is swept away.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>The folder all organisations' uploads live under.</summary>
    public string Root { get; } = root;

    /// <summary>Whether <paramref name="id"/> has the shape of an id this class makes (so it can never name another path).</summary>
    public static bool IsId(string? id) => id is not null && IdShape().IsMatch(id);

    /// <summary>Keeps <paramref name="content"/> under a new id and returns what was recorded.</summary>
    public async Task<StagedImport> SaveAsync(Guid organizationId, Guid userId, string fileName, Stream content, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var folder = Folder(organizationId);
        Directory.CreateDirectory(folder);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        long bytes;
        var file = new FileStream(DataPath(organizationId, id), FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            await content.CopyToAsync(file, ct).ConfigureAwait(false);
            bytes = file.Length;
        }

        var name = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        var staged = new StagedImport(id, name.Length > 300 ? name[^300..] : name, bytes, userId, now, null, null, [], []);
        Update(organizationId, staged);
        return staged;
    }

    /// <summary>The upload <paramref name="id"/> of the organisation, or null (also for an id of another organisation).</summary>
    public StagedImport? Find(Guid organizationId, string? id)
    {
        if (!IsId(id) || !File.Exists(DataPath(organizationId, id!)) || !File.Exists(MetaPath(organizationId, id!)))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<StagedImport>(File.ReadAllText(MetaPath(organizationId, id!)), s_json);
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The organisation's uploads waiting to be committed, newest first.</summary>
    public IReadOnlyList<StagedImport> List(Guid organizationId)
    {
        var folder = Folder(organizationId);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(folder, "*.json")
            .Select(path => Find(organizationId, Path.GetFileNameWithoutExtension(path)))
            .OfType<StagedImport>()
            .OrderByDescending(s => s.UploadedAt)];
    }

    /// <summary>Records the member's choices for an upload.</summary>
    public void Update(Guid organizationId, StagedImport staged)
    {
        ArgumentNullException.ThrowIfNull(staged);
        if (!IsId(staged.Id))
        {
            throw new ArgumentException("Not a staging id.", nameof(staged));
        }

        var path = MetaPath(organizationId, staged.Id);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(staged, s_json));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Opens the uploaded bytes for reading.</summary>
    public FileStream OpenRead(Guid organizationId, string id) =>
        IsId(id) ? new FileStream(DataPath(organizationId, id), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16) : throw new ArgumentException("Not a staging id.", nameof(id));

    /// <summary>Removes an upload (after its commit, or when the member cancels it).</summary>
    public void Delete(Guid organizationId, string id)
    {
        if (!IsId(id))
        {
            return;
        }

        TryDelete(DataPath(organizationId, id));
        TryDelete(MetaPath(organizationId, id));
    }

    /// <summary>Removes every upload last written more than <see cref="Lifetime"/> before <paramref name="now"/>; returns how many files went.</summary>
    public int Sweep(DateTimeOffset now)
    {
        if (!Directory.Exists(Root))
        {
            return 0;
        }

        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                if (now.UtcDateTime - File.GetLastWriteTimeUtc(file) > Lifetime && TryDelete(file))
                {
                    removed++;
                }
            }

            if (!Directory.EnumerateFileSystemEntries(folder).Any())
            {
                try
                {
                    Directory.Delete(folder);
                }
                catch (IOException)
                {
                    // An upload arrived meanwhile.
                }
            }
        }

        return removed;
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // still open by a running commit; the next sweep takes it
        }
    }

    private string Folder(Guid organizationId) => Path.Combine(Root, organizationId.ToString("N"));

    private string DataPath(Guid organizationId, string id) => Path.Combine(Folder(organizationId), id + ".upload");

    private string MetaPath(Guid organizationId, string id) => Path.Combine(Folder(organizationId), id + ".json");

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex IdShape();
}

/// <summary>
/// Sweeps uploads nobody committed or cancelled, at start and once an hour. It runs on the system clock, not the app's
/// (which an operator may shift to rehearse follow-up): the files' ages are the file system's, in real time.
/// </summary>
public sealed partial class StagingSweepJob(ImportStaging staging, ILogger<StagingSweepJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                staging.Sweep(DateTimeOffset.UtcNow);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                SweepFailed(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping old import uploads failed: {Reason}")]
    private static partial void SweepFailed(ILogger logger, string reason);
}
