using System.Text;
using Formation.Application.Data;
using Formation.Application.Features.Planning;
using Formation.Domain.Yaml;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Formation.Web.Features.Org;

/// <summary>The profile as YAML: edit, upload, download. Invalid text is shown with its errors and never saved.</summary>
public sealed class ProfileModel(Plans plans, IOptions<FormationOptions> options) : OrgPageModel
{
    public string Yaml { get; private set; } = "";

    public int Revision { get; private set; }

    public IReadOnlyList<ValidationError> Errors { get; private set; } = [];

    public ProfileDraft? Conflict { get; private set; }

    public bool Saved { get; private set; }

    public async Task OnGetAsync()
    {
        var draft = await plans.DraftAsync(HttpContext.RequestAborted);
        (Yaml, Revision) = draft is null ? ("", 0) : (draft.Yaml, draft.Revision);
    }

    public async Task<IActionResult> OnGetDownloadAsync()
    {
        var draft = await plans.DraftAsync(HttpContext.RequestAborted);
        return draft is null
            ? NotFound()
            : File(Encoding.UTF8.GetBytes(draft.Yaml), "application/yaml", $"{FileNames.Safe(Organization.Name)}-profile.yaml");
    }

    public async Task<IActionResult> OnPostSaveAsync(string? yaml, int? revision)
    {
        if (!CanEdit)
        {
            return Denied();
        }

        if (yaml is null || Encoding.UTF8.GetByteCount(yaml) > options.Value.MaxUploadBytes)
        {
            return StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        return await SaveAsync(yaml, revision is > 0 ? revision : null, Plans.ProfileSourceName);
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file)
    {
        if (!CanEdit)
        {
            return Denied();
        }

        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("Yaml", Ui.L("请选择一个 YAML 文件。", "Choose a YAML file."));
            await OnGetAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (file.Length > options.Value.MaxUploadBytes)
        {
            return StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        string text;
        using (var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            text = await reader.ReadToEndAsync(HttpContext.RequestAborted);
        }

        // An upload replaces whatever is there: the user chose the file deliberately.
        return await SaveAsync(text, null, Path.GetFileName(file.FileName));
    }

    private async Task<IActionResult> SaveAsync(string yaml, int? revision, string sourceName)
    {
        var result = await plans.SaveDraftAsync(yaml, revision, UserId, sourceName, HttpContext.RequestAborted);
        Yaml = yaml;
        if (result.Saved)
        {
            return Redirect($"/o/{Organization.Id}/blueprint");
        }

        Errors = result.Errors;
        Conflict = result.Conflict;
        Revision = revision ?? 0;
        Response.StatusCode = Conflict is not null ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return Page();
    }
}
