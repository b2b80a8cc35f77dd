using System.Text;
using System.Text.Json;
using Formation.Application.Data;
using Formation.Application.Features.Planning;
using Formation.Application.Reports;
using Formation.Domain.Planning;
using Formation.Domain.Reporting;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace Formation.Web.Features.Org;

/// <summary>The blueprint of the working profile or of an accepted version, and its exports.</summary>
[OutputCache(PolicyName = OrganizationPageCachePolicy.Name)]
public sealed class BlueprintModel(Plans plans) : OrgPageModel
{
    public Blueprint? Blueprint { get; private set; }

    public PlanVersion? Version { get; private set; }

    public string OrgChartJson { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(int? version)
    {
        if (await LoadAsync(version) is { } missing)
        {
            return missing;
        }

        var b = Blueprint!;
        OrgChartJson = JsonSerializer.Serialize(Node(BlueprintEngine.Owner, Ui.T(PostCatalog.TitleOf(BlueprintEngine.Owner)), 1, b))
            .Replace("</", "<\\/", StringComparison.Ordinal);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(int? version, string? format)
    {
        if (await LoadAsync(version) is { } missing)
        {
            return missing;
        }

        var language = Ui.Language;
        var name = $"{FileNames.Safe(Organization.Name)}-blueprint{(Version is null ? "" : $"-v{Version.Number}")}-{(language == Domain.Text.Language.Zh ? "zh" : "en")}";
        return format switch
        {
            "pdf" => File(BlueprintPdf.Render(Blueprint!, language), "application/pdf", name + ".pdf"),
            "xlsx" => File(BlueprintXlsx.Render(Blueprint!, language), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx"),
            "md" => File(Encoding.UTF8.GetBytes(BlueprintMarkdown.Render(Blueprint!, language)), "text/markdown; charset=utf-8", name + ".md"),
            "json" => File(Encoding.UTF8.GetBytes(BlueprintJson.Serialize(Blueprint!, language)), "application/json", name + ".json"),
            _ => BadRequest(),
        };
    }

    private async Task<IActionResult?> LoadAsync(int? version)
    {
        if (version is { } number)
        {
            Version = await plans.VersionAsync(number, HttpContext.RequestAborted);
            if (Version is null)
            {
                return NotFound();
            }

            Blueprint = plans.BlueprintOf(Version);
            return null;
        }

        var draft = await plans.DraftAsync(HttpContext.RequestAborted);
        if (draft is null)
        {
            return Redirect($"/o/{Organization.Id}");
        }

        Blueprint = plans.Compute(draft.Yaml).Blueprint;
        return Blueprint is null ? Redirect($"/o/{Organization.Id}/profile") : null;
    }

    private static Dictionary<string, object> Node(string id, string title, decimal headcount, Blueprint b) => new()
    {
        ["name"] = $"{title} ×{Ui.Count(headcount)}",
        ["children"] = b.Posts.Where(p => p.ReportsTo == id).Select(p => Node(p.Id, Ui.T(p.Title), p.Headcount, b)).ToList(),
    };
}
