using Formation.Application.Data;
using Formation.Domain.Planning;
using Formation.Domain.Playbooks;
using Formation.Domain.Profiles;
using Formation.Domain.Yaml;
using Microsoft.EntityFrameworkCore;

namespace Formation.Application.Features.Planning;

/// <summary>The outcome of saving a profile.</summary>
public sealed record SaveResult(ProfileDraft? Draft, IReadOnlyList<ValidationError> Errors, ProfileDraft? Conflict)
{
    public bool Saved => Draft is not null;
}

/// <summary>Two plan versions side by side.</summary>
public sealed record VersionComparison(
    PlanVersion Before,
    PlanVersion After,
    Blueprint BeforePlan,
    Blueprint AfterPlan,
    IReadOnlyList<PostChange> Posts,
    IReadOnlyList<Finding> FindingsAdded,
    IReadOnlyList<Finding> FindingsResolved);

/// <summary>A post's head count in two versions; 0 where it does not exist.</summary>
public sealed record PostChange(string Post, decimal Before, decimal After)
{
    public bool Added => Before == 0 && After > 0;

    public bool Removed => Before > 0 && After == 0;
}

/// <summary>
/// The organisation's plan: the working profile, the blueprint computed from it, and the accepted
/// versions. Works on the context's organisation (<see cref="AppDbContext.OrganizationId"/>).
/// </summary>
public sealed class Plans(AppDbContext db, PlaybookLibrary library, TimeProvider clock, BlueprintCache cache, IPlanChanges changes)
{
    public const string ProfileSourceName = "profile.yaml";

    public Task<ProfileDraft?> DraftAsync(CancellationToken ct = default) => db.ProfileDrafts.AsNoTracking().SingleOrDefaultAsync(ct);

    /// <summary>Reads a profile's text against the library.</summary>
    public LoadResult<EnterpriseProfile> Read(string yaml, string sourceName = ProfileSourceName) => ProfileReader.Read(yaml, sourceName, library);

    /// <summary>The blueprint of a valid profile text, or the validation errors.</summary>
    public (Blueprint? Blueprint, IReadOnlyList<ValidationError> Errors) Compute(string yaml, string sourceName = ProfileSourceName) =>
        cache.GetOrCompute(yaml, sourceName, library, () =>
        {
            var read = Read(yaml, sourceName);
            return read.IsValid ? (BlueprintEngine.Plan(read.Value!, library), []) : (null, read.Errors);
        });

    /// <summary>
    /// Replaces the working profile when it is valid and nobody saved since <paramref name="expectedRevision"/>
    /// (null: overwrite whatever is there). Nothing is written when the text is invalid.
    /// </summary>
    public async Task<SaveResult> SaveDraftAsync(string yaml, int? expectedRevision, Guid userId, string sourceName = ProfileSourceName, CancellationToken ct = default)
    {
        var read = Read(yaml, sourceName);
        if (!read.IsValid)
        {
            return new SaveResult(null, read.Errors, null);
        }

        var draft = await db.ProfileDrafts.SingleOrDefaultAsync(ct).ConfigureAwait(false);
        if (draft is not null && expectedRevision is { } expected && draft.Revision != expected)
        {
            return new SaveResult(null, [], draft);
        }

        if (draft is null)
        {
            draft = new ProfileDraft { OrganizationId = db.OrganizationId, Yaml = yaml, Revision = 1, UpdatedBy = userId, UpdatedAt = clock.GetUtcNow().UtcDateTime };
            db.ProfileDrafts.Add(draft);
        }
        else
        {
            draft.Yaml = yaml;
            draft.Revision++;
            draft.UpdatedBy = userId;
            draft.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        }

        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another save won the race between our read and write (concurrency token or the primary key).
            db.ChangeTracker.Clear();
            return new SaveResult(null, [], await db.ProfileDrafts.AsNoTracking().SingleOrDefaultAsync(ct).ConfigureAwait(false));
        }

        await changes.ChangedAsync(db.OrganizationId, ct).ConfigureAwait(false);
        return new SaveResult(draft, [], null);
    }

    /// <summary>Accepts the working profile as the next plan version; null when there is no valid profile.</summary>
    public async Task<PlanVersion?> AcceptAsync(Guid userId, string? note, CancellationToken ct = default)
    {
        var draft = await DraftAsync(ct).ConfigureAwait(false);
        if (draft is null || Compute(draft.Yaml).Blueprint is not { } blueprint)
        {
            return null;
        }

        // Two accepts at once compute the same next number; the unique index lets one win and the other retries.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await AddVersionAsync(draft, blueprint, userId, note, ct).ConfigureAwait(false);
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<PlanVersion> AddVersionAsync(ProfileDraft draft, Blueprint blueprint, Guid userId, string? note, CancellationToken ct)
    {
        var number = (await db.PlanVersions.MaxAsync(v => (int?)v.Number, ct).ConfigureAwait(false) ?? 0) + 1;
        var version = new PlanVersion
        {
            OrganizationId = db.OrganizationId,
            Id = Guid.CreateVersion7(),
            Number = number,
            ProfileYaml = draft.Yaml,
            Headcount = blueprint.Headcount.Total,
            TotalAnnualCost = blueprint.Cost.TotalAnnual,
            ErrorCount = blueprint.Findings.Count(f => f.Severity == Severity.Error),
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            CreatedBy = userId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.PlanVersions.Add(version);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await changes.ChangedAsync(db.OrganizationId, ct).ConfigureAwait(false);
        return version;
    }

    public Task<List<PlanVersion>> VersionsAsync(CancellationToken ct = default) =>
        db.PlanVersions.AsNoTracking().OrderByDescending(v => v.Number).ToListAsync(ct);

    public Task<PlanVersion?> VersionAsync(int number, CancellationToken ct = default) =>
        db.PlanVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Number == number, ct);

    /// <summary>The blueprint of an accepted version, recomputed from its profile with the current playbooks.</summary>
    public Blueprint BlueprintOf(PlanVersion version) =>
        Compute((version ?? throw new ArgumentNullException(nameof(version))).ProfileYaml).Blueprint
        ?? throw new InvalidOperationException($"Plan version {version.Number} no longer reads with the current playbooks.");

    /// <summary>Head count, cost, posts and findings of two versions side by side; null when either does not exist.</summary>
    public async Task<VersionComparison?> CompareAsync(int before, int after, CancellationToken ct = default)
    {
        var a = await VersionAsync(before, ct).ConfigureAwait(false);
        var b = await VersionAsync(after, ct).ConfigureAwait(false);
        if (a is null || b is null)
        {
            return null;
        }

        var (pa, pb) = (BlueprintOf(a), BlueprintOf(b));
        var ids = pa.Posts.Select(p => p.Id).Concat(pb.Posts.Select(p => p.Id)).Distinct(StringComparer.Ordinal)
            .OrderBy(PostCatalog.IndexOf).ToList();
        var posts = ids.Select(id => new PostChange(
            id,
            pa.Posts.FirstOrDefault(p => p.Id == id)?.Headcount ?? 0,
            pb.Posts.FirstOrDefault(p => p.Id == id)?.Headcount ?? 0)).ToList();
        static (string, string?) Key(Finding f) => (f.Rule, f.Subject);
        var before2 = pa.Findings.Select(Key).ToHashSet();
        var after2 = pb.Findings.Select(Key).ToHashSet();
        return new VersionComparison(a, b, pa, pb, posts,
            pb.Findings.Where(f => !before2.Contains(Key(f))).ToList(),
            pa.Findings.Where(f => !after2.Contains(Key(f))).ToList());
    }
}
