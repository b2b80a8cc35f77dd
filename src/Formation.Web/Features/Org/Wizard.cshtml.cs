using Formation.Application.Features.Planning;
using Formation.Domain.Planning;
using Formation.Domain.Playbooks;
using Formation.Domain.Yaml;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Formation.Web.Features.Org;

/// <summary>
/// The planning wizard: enterprise → strategy (SWOT, models, goals, budget, risks) → department (functions,
/// volumes, quotes, team) → review → accept. Checks each step before moving on, with messages at the fields.
/// </summary>
public sealed class WizardModel(Plans plans, PlaybookLibrary library, IOptions<FormationOptions> options) : OrgPageModel
{
    public const int Review = 4;

    public int Step { get; private set; } = 1;

    public WizardForm Form { get; private set; } = WizardForm.Blank();

    public IReadOnlyList<ValidationError> Errors { get; private set; } = [];

    public Blueprint? Blueprint { get; private set; }

    public PlaybookLibrary Library => library;

    public IEnumerable<ValidationError> ErrorsFor(string key) => Errors.Where(e => e.Key == key || e.Key.StartsWith(key + ".", StringComparison.Ordinal) || e.Key.StartsWith(key + "[", StringComparison.Ordinal));

    /// <summary>Errors of this step that no field shows.</summary>
    public IEnumerable<ValidationError> StepErrors(int step, IReadOnlySet<string> shown) =>
        Errors.Where(e => (WizardForm.StepOf(e.Key) == step || (step == Review && WizardForm.StepOf(e.Key) == 0)) && !shown.Contains(e.Key));

    public async Task<IActionResult> OnGetAsync(int? step)
    {
        var draft = await plans.DraftAsync(HttpContext.RequestAborted);
        if (draft is not null && plans.Read(draft.Yaml).Value is { } profile)
        {
            Form = WizardForm.From(profile);
        }

        Step = Math.Clamp(step ?? 1, 1, Review);
        if (Step == Review)
        {
            Check();
        }

        return Page();
    }

    public IActionResult OnPostGo(int from, int to)
    {
        if (!CanEdit)
        {
            return Denied();
        }

        Form = WizardForm.FromRequest(Request.Form);
        from = Math.Clamp(from, 1, Review);
        to = Math.Clamp(to, 1, Review);
        Check();
        var blocking = to > from ? Errors.Where(e => WizardForm.StepOf(e.Key) is var s && s >= 1 && s <= from).ToList() : [];
        if (blocking.Count > 0)
        {
            Step = WizardForm.StepOf(blocking[0].Key);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Step = to;
        if (to != Review)
        {
            Errors = [];
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(bool accept, string? note)
    {
        if (!CanEdit)
        {
            return Denied();
        }

        if (note is { Length: > 500 })
        {
            return BadRequest();
        }

        Form = WizardForm.FromRequest(Request.Form);
        var yaml = Form.ToYaml();
        if (System.Text.Encoding.UTF8.GetByteCount(yaml) > options.Value.MaxUploadBytes)
        {
            return StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var result = await plans.SaveDraftAsync(yaml, null, UserId, "wizard", HttpContext.RequestAborted);
        if (!result.Saved)
        {
            Step = Review;
            Check();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (accept)
        {
            var version = await plans.AcceptAsync(UserId, note, HttpContext.RequestAborted);
            return Redirect($"/o/{Organization.Id}/versions?accepted={version?.Number}");
        }

        return Redirect($"/o/{Organization.Id}/blueprint");
    }

    private void Check()
    {
        var (blueprint, errors) = plans.Compute(Form.ToYaml(), "wizard");
        (Blueprint, Errors) = (blueprint, errors);
    }
}
