using System.Globalization;
using Formation.Application.Data;
using Formation.Application.Features.Data;
using Formation.Domain.DataImport;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static Formation.Web.Infrastructure.Ui;

namespace Formation.Web.Features.Data;

/// <summary>
/// The preview step: the whole file read with the chosen mapping and nothing written. Every rejected value is listed
/// with an input to correct it or a box to leave its line out; the corrections are kept with the upload and applied
/// on the next preview and on the commit, which starts here.
/// </summary>
public sealed class ImportPreviewModel(DatabaseTarget target, ImportStaging staging, ImportJobs jobs, TimeProvider clock) : OrgPageModel
{
    /// <summary>Rejected values shown with a correction input; the rest are counted.</summary>
    public const int ShownProblems = 500;

    public StagedImport Staged { get; private set; } = null!;

    public ImportMapping? Mapping { get; private set; }

    public ImportResult? Result { get; private set; }

    /// <summary>Why the file could not be previewed, or the request was refused, shown with a 4xx.</summary>
    public string? Error { get; private set; }

    public IActionResult OnGet(string id)
    {
        if (!Find(id))
        {
            return NotFound();
        }

        if (Staged.MappingName is null && Staged.MappingYaml is null)
        {
            return Redirect($"/o/{Organization.Id}/data/imports/{Staged.Id}");
        }

        return Preview() ?? Page();
    }

    /// <summary>Keeps the corrections sent (<c>fix.LINE.FIELD</c> inputs, <c>skip</c> boxes) with the upload, then previews again.</summary>
    public IActionResult OnPostFix(string id, bool reset)
    {
        if (!Find(id))
        {
            return NotFound();
        }

        if (!CanEdit)
        {
            return Denied();
        }

        var fixes = reset ? [] : Staged.Fixes.ToDictionary(f => (f.Line, f.Field), f => f.Value);
        var skipped = reset ? [] : Staged.Skipped.ToHashSet();
        foreach (var (key, values) in Request.Form)
        {
            if (!key.StartsWith("fix.", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = key.Split('.');
            if (parts.Length != 3 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var line) || line <= 0 ||
                !MetricFields.TryParse(parts[2], out var field) || MetricFields.Id(field) != parts[2])
            {
                return Bad(L($"更正“{key}”无效：应为 fix.行号.字段。", $"The correction \"{key}\" is not valid: expected fix.LINE.FIELD."));
            }

            var value = values.ToString();
            if (value.Length > MappingReader.MaxTextLength)
            {
                return Bad(L($"第 {line} 行 {MetricFields.Id(field)} 的更正超过 {MappingReader.MaxTextLength} 个字符。", $"The correction of line {line}, {MetricFields.Id(field)} is longer than {MappingReader.MaxTextLength} characters."));
            }

            // An input left as the file has it is no correction; one cleared back to the original drops an earlier correction.
            var original = Request.Form[$"was.{line}.{parts[2]}"].ToString();
            if (value == original && !fixes.ContainsKey((line, parts[2])))
            {
                continue;
            }

            fixes[(line, parts[2])] = value;
        }

        foreach (var text in Request.Form["skip"])
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var line) || line <= 0)
            {
                return Bad(L($"“{text}”不是有效的行号。", $"\"{text}\" is not a line number."));
            }

            skipped.Add(line);
        }

        staging.Update(Organization.Id, Staged with
        {
            Fixes = [.. fixes.Select(f => new StagedFix(f.Key.Line, f.Key.Field, f.Value)).OrderBy(f => f.Line)],
            Skipped = [.. skipped.Order()],
        });
        return Redirect($"/o/{Organization.Id}/data/imports/{Staged.Id}/preview");
    }

    /// <summary>Starts the commit in the background; 409 when the organisation has one running.</summary>
    public IActionResult OnPostCommit(string id)
    {
        if (!Find(id))
        {
            return NotFound();
        }

        if (!CanEdit)
        {
            return Denied();
        }

        var (mapping, problem) = Staged.Mapping(target, Organization.Id);
        if (mapping is null)
        {
            return Bad(problem is null ? L("请先选择列映射。", "Choose a column mapping first.") : T(problem));
        }

        if (jobs.StartCommit(Organization.Id, UserId, Staged, mapping) is null)
        {
            var running = jobs.Running(Organization.Id);
            Error = L($"本组织正在导入另一个文件（{running?.FileName}）；请等它完成后再导入。", $"Another file ({running?.FileName}) is being imported for this organisation; import this one when it has finished.");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        return Redirect($"/o/{Organization.Id}/data/imports/{Staged.Id}/progress");
    }

    /// <summary>The sample's money in the organisation's currency.</summary>
    public string Money(long amountE4) => DataText.Money(amountE4, Organization.Currency);

    private bool Find(string id)
    {
        Staged = staging.Find(Organization.Id, id)!;
        return Staged is not null;
    }

    private PageResult Bad(string message)
    {
        Error = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private PageResult? Preview()
    {
        var (mapping, problem) = Staged.Mapping(target, Organization.Id);
        if (mapping is null)
        {
            return Bad(problem is null ? L("请先选择列映射。", "Choose a column mapping first.") : T(problem));
        }

        Mapping = mapping;
        using var stream = staging.OpenRead(Organization.Id, Staged.Id);
        var opened = TableSources.Open(Staged.FileName, stream, mapping);
        if (opened.Source is not { } source)
        {
            return Bad($"{Staged.FileName}: {T(opened.Problem!)}");
        }

        try
        {
            using (source)
            {
                var request = new ImportRequest(Organization.Id, UserId, Staged.FileName, mapping, Staged.ToFixes());
                Result = new MetricImporter(target, clock).Preview(source, request, null, HttpContext.RequestAborted);
            }
        }
        catch (TableSourceException ex)
        {
            return Bad($"{Staged.FileName}: {T(ex.Reason)}");
        }
        catch (ImportException ex)
        {
            return Bad(T(ex.Problem));
        }

        return null;
    }
}
