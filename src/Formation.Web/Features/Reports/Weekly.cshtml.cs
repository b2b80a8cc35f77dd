using System.Text;
using Formation.Application.Data;
using Formation.Application.Features.Work;
using Formation.Application.Reports;
using Formation.Domain.Planning;
using Formation.Domain.Reporting;
using Formation.Domain.WorkPlans;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Formation.Web.Features.Reports;

/// <summary>
/// The weekly report of a week and a scope, with its Markdown and PDF downloads. Owners, managers and supervisors
/// read any scope and see the capacity table; staff read their own report; viewers the department's.
/// </summary>
public sealed class WeeklyModel(WeeklyReports reports, TimeProvider clock) : OrgPageModel
{
    public IsoWeek Week { get; private set; }

    public ReportScope Scope { get; private set; } = ReportScope.Department;

    /// <summary>Why the request could not be answered (bad week or scope), shown with status 400.</summary>
    public string? Error { get; private set; }

    /// <summary>Null when there is no accepted plan yet.</summary>
    public WeeklyReportResult? Result { get; private set; }

    public WeeklyReportView? View { get; private set; }

    /// <summary>Owners, managers and supervisors choose any scope and see every post's load.</summary>
    public bool Manages => Role is Role.Owner or Role.Manager or Role.Supervisor;

    public async Task<IActionResult> OnGetAsync(string? week, string? scope) =>
        await LoadAsync(week, scope) ?? Page();

    public async Task<IActionResult> OnGetExportAsync(string? week, string? scope, string? format)
    {
        Week = CurrentWeek();
        if (format is not ("md" or "pdf"))
        {
            Error = Ui.L("导出格式只能是 md 或 pdf。", "The export format must be md or pdf.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (await LoadAsync(week, scope) is { } failed)
        {
            return failed;
        }

        if (View is null)
        {
            return NotFound();
        }

        var language = Ui.Language;
        var name = $"{FileNames.Safe(Organization.Name)}-weekly-{Week}-{ScopeName()}-{(language == Domain.Text.Language.Zh ? "zh" : "en")}";
        return format == "pdf"
            ? File(WeeklyReportPdf.Render(View, language), "application/pdf", name + ".pdf")
            : File(Encoding.UTF8.GetBytes(WeeklyReportMarkdown.Render(View, language)), "text/markdown; charset=utf-8", name + ".md");
    }

    /// <summary>The address of this page for another week or scope.</summary>
    public string Link(IsoWeek week, ReportScope? scope = null, string? format = null) =>
        $"/o/{Organization.Id}/reports/weekly?week={week}&scope={Uri.EscapeDataString((scope ?? Scope).ToString())}{(format is null ? "" : $"&handler=Export&format={format}")}";

    private string ScopeName() =>
        Scope.Function is { } f ? f.ToId() : Scope.Person is { } p && Result?.Report.NameOf(p) is { } n ? FileNames.Safe(n) : "department";

    /// <summary>Reads the week and scope, checks the role, builds the report; a result when the page should not render.</summary>
    private async Task<IActionResult?> LoadAsync(string? week, string? scope)
    {
        Week = CurrentWeek();
        if (week is not null)
        {
            if (!IsoWeek.TryParse(week, out var parsed))
            {
                return Bad(Ui.L($"“{week}”不是有效的周次，请写成 2026-W48 这样的 ISO 周（年-W周数）。", $"\"{week}\" is not a week: write an ISO week such as 2026-W48 (year-W and the week number)."));
            }

            Week = parsed;
        }

        if (!ReportScope.TryParse(scope ?? (Role == Role.Staff ? $"person:{UserId}" : null), out var s))
        {
            return Bad(Ui.L($"“{scope}”不是有效的范围：可用 department、function:<职能> 或 person:<成员 id>。", $"\"{scope}\" is not a scope: use department, function:<function id> or person:<member id>."));
        }

        Scope = s;
        var allowed = Manages
            || (Role == Role.Staff && Scope.Person == UserId)
            || (Role == Role.Viewer && Scope.IsDepartment);
        if (!allowed)
        {
            return Denied();
        }

        Result = await reports.BuildAsync(Week, HttpContext.RequestAborted);
        if (Result is null)
        {
            return null;
        }

        if (Scope.Person is { } person && Result.Report.People.All(p => p.Person.UserId != person))
        {
            if (person != UserId)
            {
                return NotFound();
            }

            // A member on no post and owning no task: their report is simply empty.
            Result = Result with { Report = Result.Report with { People = [.. Result.Report.People, new PersonReport(new ReportPerson(UserId, Ui.L("我", "Me"), 0), [], new ReportSection([], [], [], [], [], []))] } };
        }

        View = WeeklyReportView.Of(Result.Report, Scope, Ui.Language, Organization.Name, includeCapacity: Manages);
        return null;
    }

    private IsoWeek CurrentWeek() => IsoWeek.Containing(Formation.Domain.Text.TimeZones.Today(clock.GetUtcNow(), Organization.TimeZone));

    private PageResult Bad(string message)
    {
        Error = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
