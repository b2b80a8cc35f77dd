using Formation.Domain.DataImport;

namespace Formation.Application.Features.Data;

/// <summary>What reading (and, when committed, writing) a file came to.</summary>
/// <param name="Committed">True when the rows are in the database; false for a preview or a refused import (nothing was written).</param>
/// <param name="ImportId">The committed import's number.</param>
/// <param name="Problems">The first <see cref="MetricRowReader.KeptProblems"/> rejected values, by line.</param>
/// <param name="ProblemCount">All rejected values.</param>
/// <param name="Accepted">Rows that passed every check.</param>
/// <param name="Written">Rows written (commit only).</param>
/// <param name="Replaced">Existing rows replaced by the file's row with the same key (commit only).</param>
/// <param name="Removed">Existing rows of the file's campaigns and days that the file no longer has (commit only).</param>
/// <param name="NewChannels">Channels the import creates.</param>
/// <param name="NewCampaigns">Campaigns the import creates.</param>
/// <param name="Sample">The first accepted rows, for the preview.</param>
public sealed record ImportResult(
    bool Committed,
    long? ImportId,
    IReadOnlyList<ImportProblem> Problems,
    int ProblemCount,
    int Accepted,
    int Rejected,
    int Blank,
    int Summary,
    int Duplicates,
    int LeftOut,
    long Written,
    long Replaced,
    long Removed,
    DateOnly? FirstDay,
    DateOnly? LastDay,
    IReadOnlyList<string> NewChannels,
    IReadOnlyList<string> NewCampaigns,
    IReadOnlyList<MetricRecord> Sample,
    int HeaderLine,
    IReadOnlyList<string> Header)
{
    /// <summary>Whether the file may be committed: readable and nothing rejected.</summary>
    public bool CanCommit => ProblemCount == 0 && Accepted > 0;
}

/// <summary>Who imports what: the organisation, the member (null from the command line), the file's name and its mapping.</summary>
public sealed record ImportRequest(Guid OrganizationId, Guid? UserId, string FileName, ImportMapping Mapping, ImportFixes? Fixes = null);
