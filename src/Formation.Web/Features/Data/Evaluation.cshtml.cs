using System.Globalization;
using Formation.Application.Features.Data;
using Formation.Application.Reports;
using Formation.Domain.Text;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Formation.Web.Features.Data;

/// <summary>
/// The evaluation phase's effect analysis (PRODUCT §2.3, §3 M4) of a period (all channels or one), a campaign or a
/// module, with PDF and XLSX downloads. Every member reads it.
/// </summary>
public sealed class EvaluationModel(EvaluationReports reports) : OrgPageModel
{
    /// <summary>The longest period a report covers, so a typing slip in a year cannot ask for centuries.</summary>
    public const int MaxDays = 3_660;

    public EvaluationChoices Choices { get; private set; } = new([], [], []);

    public EvaluationReport? Report { get; private set; }

    /// <summary>Why there is no report, shown with status 400 or 404.</summary>
    public string? Error { get; private set; }

    /// <summary>Why no report is shown although the request was fine (nothing to report on yet).</summary>
    public string? Notice { get; private set; }

    public string? From { get; private set; }

    public string? To { get; private set; }

    public long? CampaignId { get; private set; }

    public long? ChannelId { get; private set; }

    public string? ModuleId { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? from, string? to, string? campaign, string? module, string? channel, CancellationToken ct) =>
        await LoadAsync(from, to, campaign, module, channel, ct) ?? Page();

    public async Task<IActionResult> OnGetExportAsync(string? from, string? to, string? campaign, string? module, string? channel, string? format, CancellationToken ct)
    {
        if (format is not ("pdf" or "xlsx"))
        {
            Choices = await reports.ChoicesAsync(ct);
            return Fail(StatusCodes.Status400BadRequest, Ui.L($"导出格式只能是 pdf 或 xlsx：{format}", $"The export format must be pdf or xlsx: {format}"));
        }

        if (await LoadAsync(from, to, campaign, module, channel, ct) is { } failed)
        {
            return failed;
        }

        if (Report is not { } report)
        {
            return Fail(StatusCodes.Status400BadRequest, Notice ?? Ui.L("没有可导出的报告。", "There is no report to export."));
        }

        var language = Ui.Language;
        var scope = report.Scope.Kind switch
        {
            EvaluationScopeKind.Campaign => "campaign-" + report.Scope.CampaignId!.Value.ToString(CultureInfo.InvariantCulture),
            EvaluationScopeKind.Module => "module-" + FileNames.Safe(report.Scope.ModuleId!),
            _ => report.Scope.ChannelId is { } c ? "channel-" + c.ToString(CultureInfo.InvariantCulture) : "all",
        };
        var name = $"{FileNames.Safe(Organization.Name)}-evaluation-{scope}-{Day(report.Range.From)}-{Day(report.Range.To)}-{(language == Language.Zh ? "zh" : "en")}";
        return format == "pdf"
            ? File(EvaluationPdf.Render(report, language), "application/pdf", name + ".pdf")
            : File(EvaluationXlsx.Render(report, language), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
    }

    /// <summary>A download link of the report shown, with its scope and period.</summary>
    public string ExportLink(string format) => $"{Query()}&handler=export&format={format}";

    /// <summary>This page with the report's scope and period.</summary>
    public string Query()
    {
        var query = new List<string>();
        if (Report is { } r)
        {
            query.Add("from=" + Day(r.Range.From));
            query.Add("to=" + Day(r.Range.To));
        }

        if (CampaignId is { } campaign)
        {
            query.Add("campaign=" + campaign.ToString(CultureInfo.InvariantCulture));
        }
        else if (ModuleId is { } module)
        {
            query.Add("module=" + Uri.EscapeDataString(module));
        }
        else if (ChannelId is { } channel)
        {
            query.Add("channel=" + channel.ToString(CultureInfo.InvariantCulture));
        }

        return $"/o/{Organization.Id}/data/evaluation?{string.Join('&', query)}";
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Reads the scope and period and builds the report; a result when the page should not render the report.</summary>
    private async Task<IActionResult?> LoadAsync(string? from, string? to, string? campaign, string? module, string? channel, CancellationToken ct)
    {
        Choices = await reports.ChoicesAsync(ct);
        (From, To) = (from, to);
        DayRange? range = null;
        if (!string.IsNullOrEmpty(from) || !string.IsNullOrEmpty(to))
        {
            if (!TryDate(from, out var f))
            {
                return Fail(StatusCodes.Status400BadRequest, Ui.L($"“起始日期”不是 yyyy-MM-dd 格式的日期：{from}", $"\"From\" is not a date in the form yyyy-MM-dd: {from}"));
            }

            if (!TryDate(to, out var t))
            {
                return Fail(StatusCodes.Status400BadRequest, Ui.L($"“结束日期”不是 yyyy-MM-dd 格式的日期：{to}", $"\"To\" is not a date in the form yyyy-MM-dd: {to}"));
            }

            if (t < f)
            {
                return Fail(StatusCodes.Status400BadRequest, Ui.L("结束日期早于起始日期。", "\"To\" is before \"From\"."));
            }

            if (t.DayNumber - f.DayNumber + 1 > MaxDays)
            {
                return Fail(StatusCodes.Status400BadRequest, Ui.L($"期间最长 {MaxDays} 天。", $"A period can be at most {MaxDays} days long."));
            }

            range = new DayRange(f, t);
        }

        var given = new[] { campaign, module, channel }.Count(v => !string.IsNullOrEmpty(v));
        if (given > 1)
        {
            return Fail(StatusCodes.Status400BadRequest, Ui.L("推广活动、业务模块和渠道只能选一个。", "Choose one of campaign, module or channel, not several."));
        }

        EvaluationScope scope;
        if (!string.IsNullOrEmpty(campaign))
        {
            if (!long.TryParse(campaign, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return Fail(StatusCodes.Status400BadRequest, Ui.L($"推广活动编号应是数字：{campaign}", $"A campaign is given by its number: {campaign}"));
            }

            CampaignId = id;
            scope = EvaluationScope.Campaign(id);
        }
        else if (!string.IsNullOrEmpty(module))
        {
            ModuleId = module;
            scope = EvaluationScope.Module(module);
        }
        else if (!string.IsNullOrEmpty(channel))
        {
            if (!long.TryParse(channel, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return Fail(StatusCodes.Status400BadRequest, Ui.L($"渠道编号应是数字：{channel}", $"A channel is given by its number: {channel}"));
            }

            ChannelId = id;
            scope = EvaluationScope.Period(id);
        }
        else
        {
            scope = EvaluationScope.Period();
        }

        var result = await reports.BuildAsync(scope, range, ct);
        if (result.Problem == EvaluationProblem.NoPeriod)
        {
            // Nothing to report on yet (no dates, no data): the form is shown with the reason, not an error.
            Notice = Ui.T(result.Message!);
            return null;
        }

        if (result.Report is null)
        {
            var status = result.Problem == EvaluationProblem.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
            return Fail(status, Ui.T(result.Message!));
        }

        Report = result.Report;
        return null;
    }

    private PageResult Fail(int status, string message)
    {
        Error = message;
        Response.StatusCode = status;
        return Page();
    }

    // The ends of the range are kept to years a report can mean, so the period before never falls off the calendar.
    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && date.Year is >= 1900 and <= 2999;
}
