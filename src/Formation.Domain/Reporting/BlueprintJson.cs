using System.Text.Json;
using System.Text.Json.Serialization;
using Formation.Domain.Planning;
using Formation.Domain.Profiles;
using Formation.Domain.Staffing;
using Formation.Domain.Text;

namespace Formation.Domain.Reporting;

/// <summary>
/// The blueprint's JSON contract (camelCase), shared by the CLI and the web API so both speak the same
/// document. Texts are given in the requested language; ids are language-neutral.
/// </summary>
public static class BlueprintJson
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new PlainDecimalConverter() },
    };

    /// <summary>Writes decimals without the scale arithmetic leaves behind: 45000, not 45000.0.</summary>
    private sealed class PlainDecimalConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.ToString("0.############################", System.Globalization.CultureInfo.InvariantCulture), skipInputValidation: true);
    }

    /// <summary>The blueprint as an indented JSON document.</summary>
    public static string Serialize(Blueprint blueprint, Language language) =>
        JsonSerializer.Serialize(ToDocument(blueprint, language), s_options);

    /// <summary>A plan document as indented JSON, with the contract's formatting.</summary>
    public static string Serialize(PlanDocument document) => JsonSerializer.Serialize(document, s_options);

    /// <summary>An Erlang C answer as JSON.</summary>
    public static string Serialize(ErlangCResult result) =>
        JsonSerializer.Serialize(ToDocument(result), s_options);

    /// <summary>The document object, for hosts that serialize themselves.</summary>
    public static PlanDocument ToDocument(Blueprint blueprint, Language language)
    {
        ArgumentNullException.ThrowIfNull(blueprint);
        string T(LocalizedText text) => text.Get(language);
        return new PlanDocument(
            new EnterpriseDocument(blueprint.EnterpriseName, blueprint.Kind == EnterpriseKind.Traditional ? "traditional" : "network-oriented", blueprint.Currency),
            blueprint.Models,
            language.ToId(),
            new AssumptionsDocument(R(blueprint.Assumptions.WorkHoursPerWeek), R(blueprint.Assumptions.Shrinkage), R(blueprint.Assumptions.ProductiveHoursPerPersonWeek), blueprint.Assumptions.LoadedCostPerPersonYear),
            new HeadcountDocument(blueprint.Headcount.Total, blueprint.Headcount.ByFunction.ToDictionary(p => p.Key.ToId(), p => p.Value)),
            blueprint.Posts.Select(p => new PostDocument(
                p.Id, T(p.Title), p.Function.ToId(), p.Headcount, p.ReportsTo,
                p.Phases.Select(ph => ph.ToId()).ToList(),
                p.Duties.Select(d => new DutyDocument(d.Phase.ToId(), T(d.Text))).ToList(),
                p.Skills,
                p.Justification.Select(T).ToList(),
                R(p.WorkloadHoursPerWeek), R(p.WorkloadFte), R(p.SetupHours), p.People)).ToList(),
            blueprint.Consulting is { } c ? new ConsultingDocument(
                c.Peak.Agents, c.Positions, R(c.Peak.ServiceLevel), R(c.Peak.AsaSeconds), R(c.Peak.ProbabilityOfWait), R(c.Peak.Occupancy),
                R(c.Peak.TrafficErlangs), R(c.Peak.EffectiveHandleSeconds), R(c.PeakContactsPerHour), c.OffPeakAgents, R(c.SeatHoursPerWeek),
                R(c.HandleHoursPerWeek), c.DedicatedDesk, R(c.DeskOccupancy)) : null,
            new CostDocument(blueprint.Cost.InHouseAnnual, blueprint.Cost.ByFunction.ToDictionary(p => p.Key.ToId(), p => p.Value),
                blueprint.Cost.OutsourcingAnnual, blueprint.Cost.TotalAnnual, blueprint.Cost.Budget, blueprint.Currency),
            blueprint.MakeOrBuy.Select(m => new MakeOrBuyDocument(
                m.Function.ToId(), m.InHouseHeadcount, m.InHouseAnnual, m.OutsourceAnnual, m.Saving,
                m.Recommendation == MakeOrBuyRecommendation.Outsource ? "outsource" : "in-house", m.KeptInHouse)).ToList(),
            blueprint.Findings.Select(f => new FindingDocument(f.Rule, f.Severity.ToString().ToLowerInvariant(), T(f.Message), f.Subject)).ToList(),
            blueprint.Roadmap.Select(s => new RoadmapDocument(s.Stage, T(s.Name), T(s.Gate),
                s.Hires.Select(h => new HireDocument(h.Post, h.Headcount)).ToList())).ToList(),
            blueprint.Activities.Select(a => new ActivityDocument(
                a.Activity.Id, a.Activity.Playbook, a.Activity.Module, T(a.Activity.Name), a.Activity.Function.ToId(), a.Activity.Phase.ToId(),
                a.Post, a.Activity.Post, OwnerId(a.Owner), a.Activity.Skills, R(a.HoursPerWeek), R(a.Activity.Effort.SetupHours),
                a.Activity.Cadence.ToId(), a.Activity.Kpis,
                new CheckpointDocument(T(a.Activity.Checkpoint.Evidence), a.Activity.Checkpoint.Frequency.ToId(), a.CheckedBy))).ToList(),
            blueprint.Goals.Select(g => new GoalDocument(
                g.Goal.Kpi, T(blueprint.NameOf(g.Goal.Kpi)), g.Goal.Target, g.Goal.Period.ToString().ToLowerInvariant(), g.Posts, g.Others)).ToList(),
            new OrgChartDocument([
                new OrgNodeDocument(BlueprintEngine.Owner, language == Language.Zh ? "老板" : "Owner", null, 1),
                .. blueprint.Posts.Select(p => new OrgNodeDocument(p.Id, T(p.Title), p.ReportsTo, p.Headcount)),
            ]));
    }

    /// <summary>The Erlang C document.</summary>
    public static ErlangCDocument ToDocument(ErlangCResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ErlangCDocument(R(result.TrafficErlangs), result.Agents, result.Positions, R(result.ServiceLevel),
            R(result.AsaSeconds), R(result.ProbabilityOfWait), R(result.Occupancy), R(result.EffectiveHandleSeconds));
    }

    private static string OwnerId(ActivityOwner owner) => owner.ToId();

    private static double R(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}

#pragma warning disable CA1002, SA1402 // the contract's shapes belong together
public sealed record PlanDocument(
    EnterpriseDocument Enterprise,
    IReadOnlyList<string> Models,
    string Language,
    AssumptionsDocument Assumptions,
    HeadcountDocument Headcount,
    IReadOnlyList<PostDocument> Posts,
    ConsultingDocument? Consulting,
    CostDocument Cost,
    IReadOnlyList<MakeOrBuyDocument> MakeOrBuy,
    IReadOnlyList<FindingDocument> Findings,
    IReadOnlyList<RoadmapDocument> Roadmap,
    IReadOnlyList<ActivityDocument> Activities,
    IReadOnlyList<GoalDocument> Goals,
    OrgChartDocument OrgChart);

public sealed record GoalDocument(string Kpi, string Name, decimal Target, string Period, IReadOnlyList<string> Posts, IReadOnlyList<string> OwnedOutside);

public sealed record EnterpriseDocument(string Name, string Kind, string Currency);

public sealed record AssumptionsDocument(double WorkHoursPerWeek, double Shrinkage, double ProductiveHoursPerPersonWeek, decimal LoadedCostPerPersonYear);

public sealed record HeadcountDocument(decimal Total, IReadOnlyDictionary<string, decimal> ByFunction);

public sealed record PostDocument(
    string Id, string Title, string Function, decimal Headcount, string ReportsTo, IReadOnlyList<string> Phases,
    IReadOnlyList<DutyDocument> Duties, IReadOnlyList<string> Skills, IReadOnlyList<string> Justification,
    double WorkloadHoursPerWeek, double WorkloadFte, double SetupHours, IReadOnlyList<string> People);

public sealed record DutyDocument(string Phase, string Text);

public sealed record ConsultingDocument(
    int Agents, decimal Positions, double ServiceLevel, double AsaSeconds, double ProbabilityOfWait, double Occupancy,
    double TrafficErlangs, double EffectiveHandleSeconds, double PeakContactsPerHour, int OffPeakAgents, double SeatHoursPerWeek,
    double HandleHoursPerWeek, bool DedicatedDesk, double DeskOccupancy);

public sealed record CostDocument(decimal InHouseAnnual, IReadOnlyDictionary<string, decimal> ByFunction, decimal OutsourcingAnnual, decimal TotalAnnual, decimal? Budget, string Currency);

public sealed record MakeOrBuyDocument(string Function, decimal InHouseHeadcount, decimal InHouseAnnual, decimal OutsourceAnnual, decimal Saving, string Recommendation, bool KeptInHouse);

public sealed record FindingDocument(string Rule, string Severity, string Message, string? Subject);

public sealed record RoadmapDocument(int Stage, string Name, string Gate, IReadOnlyList<HireDocument> Hires);

public sealed record HireDocument(string Post, decimal Headcount);

public sealed record ActivityDocument(
    string Id, string Playbook, string Module, string Name, string Function, string Phase, string? Post, string PlaybookPost, string Owner,
    IReadOnlyList<string> Skills, double HoursPerWeek, double SetupHours, string Cadence, IReadOnlyList<string> Kpis, CheckpointDocument Checkpoint);

public sealed record CheckpointDocument(string Evidence, string Frequency, string CheckedBy);

public sealed record OrgChartDocument(IReadOnlyList<OrgNodeDocument> Nodes);

public sealed record OrgNodeDocument(string Id, string Title, string? ReportsTo, decimal Headcount);

public sealed record ErlangCDocument(
    double TrafficErlangs, int Agents, int Positions, double ServiceLevel, double AsaSeconds, double ProbabilityOfWait, double Occupancy, double EffectiveHandleSeconds);
#pragma warning restore CA1002, SA1402
