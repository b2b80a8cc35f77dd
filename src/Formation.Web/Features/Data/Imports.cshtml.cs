using Formation.Application.Data;
using Formation.Domain.DataImport;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static Formation.Web.Infrastructure.Ui;

namespace Formation.Web.Features.Data;

/// <summary>
/// Past imports and the upload that starts a new one. The file is kept in the organisation's staging folder under a
/// random id until it is committed or cancelled; the next step maps its columns.
/// </summary>
[RequestSizeLimit(ImportStaging.MaxBytes + UploadOverhead)]
[RequestFormLimits(MultipartBodyLengthLimit = 2 * (ImportStaging.MaxBytes + UploadOverhead))]
public sealed class ImportsModel(AppDbContext db, ImportStaging staging, IOptions<FormationOptions> options, TimeProvider clock) : OrgPageModel
{
    /// <summary>Room for the form's other fields around a file of the largest size, so an oversized file is told, not cut off.</summary>
    private const long UploadOverhead = 1024 * 1024;

    public sealed record Row(MetricImport Import, string? Who);

    public List<Row> Rows { get; private set; } = [];

    public IReadOnlyList<StagedImport> Waiting { get; private set; } = [];

    /// <summary>Why the upload was refused, shown with a 4xx.</summary>
    public string? Error { get; private set; }

    public long MaxBytes => options.Value.MaxImportBytes;

    public static string Accept => string.Join(",", TableSources.TextExtensions.Concat(TableSources.WorkbookExtensions));

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file)
    {
        if (!CanEdit)
        {
            return Denied();
        }

        if (file is null || file.Length == 0)
        {
            return await RefusedAsync(StatusCodes.Status400BadRequest, L("请选择要导入的 CSV 或 XLSX 文件。", "Choose a CSV or XLSX file to import."));
        }

        var name = Path.GetFileName(file.FileName);
        if (file.Length > MaxBytes)
        {
            return await RefusedAsync(StatusCodes.Status413PayloadTooLarge, L(
                $"文件 {name}（{DataText.Size(file.Length)}）超过了 {DataText.Size(MaxBytes)} 的上限：请按月份或渠道拆分后分别导入。",
                $"The file {name} ({DataText.Size(file.Length)}) is larger than the {DataText.Size(MaxBytes)} limit: split it by month or channel and import the parts."));
        }

        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!TableSources.TextExtensions.Contains(extension) && !TableSources.WorkbookExtensions.Contains(extension))
        {
            var problem = TableSources.Open(name, Stream.Null, ShippedMappings.Standard).Problem!;
            return await RefusedAsync(StatusCodes.Status400BadRequest, T(problem));
        }

        StagedImport staged;
        var upload = file.OpenReadStream();
        await using (upload.ConfigureAwait(false))
        {
            staged = await staging.SaveAsync(Organization.Id, UserId, name, upload, clock.GetUtcNow().UtcDateTime, HttpContext.RequestAborted);
        }

        // A workbook is opened now, so a damaged or mislabelled one is told at once rather than after mapping.
        if (TableSources.WorkbookExtensions.Contains(extension))
        {
            using var stream = staging.OpenRead(Organization.Id, staged.Id);
            var opened = TableSources.Open(name, stream, ShippedMappings.Standard);
            opened.Source?.Dispose();
            if (opened.Problem is { } problem)
            {
                stream.Dispose();
                staging.Delete(Organization.Id, staged.Id);
                return await RefusedAsync(StatusCodes.Status400BadRequest, $"{name}: {T(problem)}");
            }
        }

        return Redirect($"/o/{Organization.Id}/data/imports/{staged.Id}");
    }

    private async Task<IActionResult> RefusedAsync(int status, string message)
    {
        Error = message;
        await LoadAsync();
        Response.StatusCode = status;
        return Page();
    }

    private async Task LoadAsync()
    {
        var imports = await db.MetricImports.AsNoTracking().OrderByDescending(i => i.Id).Take(200).ToListAsync(HttpContext.RequestAborted);
        var userIds = imports.Select(i => i.UserId).OfType<Guid>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, HttpContext.RequestAborted);
        Rows = [.. imports.Select(i => new Row(i, i.UserId is { } u ? names.GetValueOrDefault(u) : null))];
        Waiting = staging.List(Organization.Id);
    }
}
