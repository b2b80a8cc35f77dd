using System.Globalization;
using Formation.Domain.Planning;
using Formation.Domain.Profiles;
using Microsoft.Extensions.Primitives;
using YamlDotNet.Serialization;

namespace Formation.Web.Features.Org;

/// <summary>
/// The wizard's values, keyed by their profile path ("enterprise.name", "strategy.goals[0].target"), so the
/// profile reader's errors land on the field they are about. Turns into profile YAML and back.
/// </summary>
public sealed class WizardForm
{
    public const int GoalRows = 5;
    public const int RiskRows = 3;
    public const int TeamRows = 8;

    public static readonly string[] VolumeKeys =
    [
        "inquiriesPerDay", "peakHourShare", "averageHandleSeconds", "concurrentChats", "serviceLevel", "targetAnswerSeconds",
        "shrinkage", "coverageHoursPerDay", "operatingDaysPerWeek", "contentPiecesPerWeek", "skuCount", "ordersPerDay",
    ];

    private static readonly HashSet<string> s_numbers =
    [
        "enterprise.loadedCostPerPersonYear", "enterprise.workHoursPerWeek", "strategy.annualBudget",
        .. VolumeKeys.Select(k => "volume." + k),
    ];

    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    public string Get(string key) => _values.TryGetValue(key, out var v) && v.Count > 0 ? v[0] : "";

    public IReadOnlyList<string> All(string key) => _values.TryGetValue(key, out var v) ? v : [];

    public bool Has(string key, string value) => All(key).Contains(value);

    public void Set(string key, params string[] values) => _values[key] = [.. values.Where(v => v is not null)];

    public IEnumerable<KeyValuePair<string, List<string>>> Entries => _values;

    /// <summary>The step a profile key belongs to (1 enterprise, 2 strategy, 3 department), 0 when none.</summary>
    public static int StepOf(string key) =>
        key.StartsWith("enterprise", StringComparison.Ordinal) ? 1
        : key.StartsWith("strategy", StringComparison.Ordinal) ? 2
        : key.StartsWith("department", StringComparison.Ordinal) || key.StartsWith("volume", StringComparison.Ordinal) ||
          key.StartsWith("outsourcing", StringComparison.Ordinal) || key.StartsWith("team", StringComparison.Ordinal) ? 3
        : 0;

    public static WizardForm FromRequest(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var w = new WizardForm();
        foreach (var (key, values) in form)
        {
            if (key.StartsWith("enterprise.", StringComparison.Ordinal) || key.StartsWith("strategy.", StringComparison.Ordinal) ||
                key.StartsWith("department.", StringComparison.Ordinal) || key.StartsWith("volume.", StringComparison.Ordinal) ||
                key.StartsWith("outsourcing.", StringComparison.Ordinal) || key.StartsWith("team[", StringComparison.Ordinal))
            {
                w._values[key] = [.. ((StringValues)values).Where(v => v is not null).Select(v => v!.Trim())];
            }
        }

        return w;
    }

    /// <summary>A form with sensible starting values.</summary>
    public static WizardForm Blank()
    {
        var w = new WizardForm();
        w.Set("enterprise.kind", "network-oriented");
        w.Set("enterprise.currency", "CNY");
        w.Set("enterprise.loadedCostPerPersonYear", "100000");
        w.Set("enterprise.workHoursPerWeek", "40");
        w.Set("department.consultingOwnedBy", "marketing");
        var v = new VolumeInfo();
        w.Set("volume.peakHourShare", Num(v.PeakHourShare));
        w.Set("volume.averageHandleSeconds", Num(v.AverageHandleSeconds));
        w.Set("volume.concurrentChats", Num(v.ConcurrentChats));
        w.Set("volume.serviceLevel", Num(v.ServiceLevel));
        w.Set("volume.targetAnswerSeconds", Num(v.TargetAnswerSeconds));
        w.Set("volume.shrinkage", Num(v.Shrinkage));
        w.Set("volume.coverageHoursPerDay", Num(v.CoverageHoursPerDay));
        w.Set("volume.operatingDaysPerWeek", Num(v.OperatingDaysPerWeek));
        return w;
    }

    /// <summary>A form filled from a valid profile.</summary>
    public static WizardForm From(EnterpriseProfile p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var w = Blank();
        w.Set("enterprise.name", p.Enterprise.Name);
        w.Set("enterprise.kind", p.Enterprise.Kind == EnterpriseKind.Traditional ? "traditional" : "network-oriented");
        w.Set("enterprise.industry", p.Enterprise.Industry ?? "");
        w.Set("enterprise.currency", p.Enterprise.Currency);
        w.Set("enterprise.loadedCostPerPersonYear", p.Enterprise.LoadedCostPerPersonYear.ToString(CultureInfo.InvariantCulture));
        w.Set("enterprise.workHoursPerWeek", Num(p.Enterprise.WorkHoursPerWeek));
        w.Set("strategy.models", [.. p.Strategy.Models]);
        w.Set("strategy.annualBudget", p.Strategy.AnnualBudget?.ToString(CultureInfo.InvariantCulture) ?? "");
        for (var i = 0; i < p.Strategy.Goals.Count && i < GoalRows; i++)
        {
            var g = p.Strategy.Goals[i];
            w.Set($"strategy.goals[{i}].kpi", g.Kpi);
            w.Set($"strategy.goals[{i}].target", g.Target.ToString(CultureInfo.InvariantCulture));
            w.Set($"strategy.goals[{i}].period", g.Period.ToString().ToLowerInvariant());
        }

        w.Set("strategy.swot.strengths", string.Join("\n", p.Strategy.Swot.Strengths));
        w.Set("strategy.swot.weaknesses", string.Join("\n", p.Strategy.Swot.Weaknesses));
        w.Set("strategy.swot.opportunities", string.Join("\n", p.Strategy.Swot.Opportunities));
        w.Set("strategy.swot.threats", string.Join("\n", p.Strategy.Swot.Threats));
        for (var i = 0; i < p.Strategy.Risks.Count && i < RiskRows; i++)
        {
            var r = p.Strategy.Risks[i];
            w.Set($"strategy.risks[{i}].name", r.Name);
            w.Set($"strategy.risks[{i}].likelihood", Num(r.Likelihood));
            w.Set($"strategy.risks[{i}].impact", Num(r.Impact));
            w.Set($"strategy.risks[{i}].mitigation", r.Mitigation ?? "");
        }

        w.Set("department.functions", [.. p.Department.Functions.Select(f => f.ToId())]);
        w.Set("department.consultingOwnedBy", p.Department.ConsultingOwnedBy == ConsultingOwner.Sales ? "sales" : "marketing");
        w.Set("department.handledElsewhere", [.. p.Department.HandledElsewhere.Select(f => f.ToId())]);
        var v = p.Volume;
        double[] volumes = [v.InquiriesPerDay, v.PeakHourShare, v.AverageHandleSeconds, v.ConcurrentChats, v.ServiceLevel, v.TargetAnswerSeconds,
            v.Shrinkage, v.CoverageHoursPerDay, v.OperatingDaysPerWeek, v.ContentPiecesPerWeek, v.SkuCount, v.OrdersPerDay];
        for (var i = 0; i < VolumeKeys.Length; i++)
        {
            w.Set("volume." + VolumeKeys[i], Num(volumes[i]));
        }

        foreach (var (function, quote) in p.Outsourcing.Quotes)
        {
            w.Set($"outsourcing.quotes.{function.ToId()}", quote.ToString(CultureInfo.InvariantCulture));
        }

        w.Set("outsourcing.keepInHouse", [.. p.Outsourcing.KeepInHouse.Select(f => f.ToId())]);
        for (var i = 0; i < p.Team.Count && i < TeamRows; i++)
        {
            w.Set($"team[{i}].name", p.Team[i].Name);
            w.Set($"team[{i}].post", p.Team[i].Post);
            w.Set($"team[{i}].skills", string.Join(", ", p.Team[i].Skills));
        }

        return w;
    }

    /// <summary>The profile YAML these values describe; empty rows are left out, and a value that is not a number stays text so the reader names it.</summary>
    public string ToYaml()
    {
        var enterprise = Section(("name", Get("enterprise.name")), ("kind", Get("enterprise.kind")), ("industry", Get("enterprise.industry")),
            ("currency", Get("enterprise.currency")), ("loadedCostPerPersonYear", Value("enterprise.loadedCostPerPersonYear")), ("workHoursPerWeek", Value("enterprise.workHoursPerWeek")));

        var goals = Enumerable.Range(0, GoalRows).Where(i => Get($"strategy.goals[{i}].kpi").Length > 0 || Get($"strategy.goals[{i}].target").Length > 0)
            .Select(i => (object)Row(("kpi", Get($"strategy.goals[{i}].kpi")), ("target", Value($"strategy.goals[{i}].target")), ("period", Get($"strategy.goals[{i}].period")))).ToList();
        var risks = Enumerable.Range(0, RiskRows).Where(i => Get($"strategy.risks[{i}].name").Length > 0)
            .Select(i => (object)Row(("name", Get($"strategy.risks[{i}].name")), ("likelihood", Value($"strategy.risks[{i}].likelihood")),
                ("impact", Value($"strategy.risks[{i}].impact")), ("mitigation", Get($"strategy.risks[{i}].mitigation")))).ToList();
        var strategy = Section(("models", All("strategy.models").ToList()), ("annualBudget", Value("strategy.annualBudget")), ("goals", goals),
            ("swot", Section(("strengths", Lines("strategy.swot.strengths")), ("weaknesses", Lines("strategy.swot.weaknesses")),
                ("opportunities", Lines("strategy.swot.opportunities")), ("threats", Lines("strategy.swot.threats")))),
            ("risks", risks));

        var department = Section(("functions", All("department.functions").ToList()), ("consultingOwnedBy", Get("department.consultingOwnedBy")),
            ("handledElsewhere", All("department.handledElsewhere").ToList()));
        var volume = Section([.. VolumeKeys.Select(k => (k, Value("volume." + k)))]);
        var quotes = Section([.. Ids.SelectableFunctionIds.Select(f => (f, Value($"outsourcing.quotes.{f}")))]);
        var outsourcing = Section(("quotes", quotes), ("keepInHouse", All("outsourcing.keepInHouse").ToList()));
        var team = Enumerable.Range(0, TeamRows).Where(i => Get($"team[{i}].name").Length > 0 || Get($"team[{i}].post").Length > 0)
            .Select(i => (object)Row(("name", Get($"team[{i}].name")), ("post", Get($"team[{i}].post")),
                ("skills", Get($"team[{i}].skills").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()))).ToList();

        var root = Section(("enterprise", enterprise), ("strategy", strategy), ("department", department), ("volume", volume), ("outsourcing", outsourcing), ("team", team));
        return new SerializerBuilder().Build().Serialize(root);
    }

    private object? Value(string key)
    {
        var text = Get(key);
        if (text.Length == 0)
        {
            return null;
        }

        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : text;
    }

    private List<string> Lines(string key) => Get(key).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>A mapping without the empty entries, so an untouched field falls back to the profile's default.</summary>
    private static Dictionary<string, object>? Section(params (string Key, object? Value)[] entries)
    {
        var map = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            switch (value)
            {
                case null:
                case string { Length: 0 }:
                case System.Collections.ICollection { Count: 0 }:
                    continue;
                default:
                    map[key] = value;
                    break;
            }
        }

        return map.Count == 0 ? null : map;
    }

    private static Dictionary<string, object> Row(params (string Key, object? Value)[] entries) => Section(entries) ?? [];

    private static string Num(double value) => value.ToString(CultureInfo.InvariantCulture);
}
