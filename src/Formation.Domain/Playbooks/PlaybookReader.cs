using System.Text.RegularExpressions;
using Formation.Domain.Planning;
using Formation.Domain.Text;
using Formation.Domain.Yaml;
using YamlDotNet.RepresentationModel;

namespace Formation.Domain.Playbooks;

/// <summary>A file's name and text, read by whoever owns the I/O.</summary>
public sealed record SourceText(string Name, string Text);

/// <summary>Reads vocabulary and playbook files (docs/playbook-format.md), reporting every problem with its line.</summary>
internal static partial class PlaybookReader
{
    private static readonly Dictionary<string, BusinessFunction> s_functions =
        Enum.GetValues<BusinessFunction>().ToDictionary(f => f.ToId(), StringComparer.Ordinal);

    private static readonly Dictionary<string, Phase> s_phases =
        Enum.GetValues<Phase>().ToDictionary(p => p.ToId(), StringComparer.Ordinal);

    private static readonly Dictionary<string, Cadence> s_cadences =
        Enum.GetValues<Cadence>().ToDictionary(c => c.ToId(), StringComparer.Ordinal);

    private static readonly Dictionary<string, Cadence> s_frequencies =
        s_cadences.Where(p => p.Value != Cadence.Once).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static readonly Dictionary<string, VolumeDriver> s_drivers =
        Enum.GetValues<VolumeDriver>().ToDictionary(d => d.ToId(), StringComparer.Ordinal);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    public static (List<Term> Skills, List<Term> Kpis) ReadVocabulary(SourceText file, List<ValidationError> errors)
    {
        var reader = new YamlReader(file.Name);
        var skills = new List<Term>();
        var kpis = new List<Term>();
        var root = reader.Map(reader.Parse(file.Text), "");
        if (root is not null)
        {
            skills.AddRange(root.Optional("skills", (n, k) => Terms(reader, n, k)) ?? []);
            kpis.AddRange(root.Optional("kpis", (n, k) => Terms(reader, n, k)) ?? []);
            root.Finish();
        }

        errors.AddRange(reader.Errors);
        return (skills, kpis);
    }

    public static Playbook? ReadPlaybook(
        SourceText file,
        IReadOnlySet<string> skills,
        IReadOnlySet<string> kpis,
        List<ValidationError> errors)
    {
        var reader = new YamlReader(file.Name);
        var root = reader.Map(reader.Parse(file.Text), "");
        if (root is null)
        {
            errors.AddRange(reader.Errors);
            return null;
        }

        var id = root.Required("id", (n, k) => Id(reader, n, k));
        var name = root.Required("name", reader.Localized);
        var summary = root.Optional("summary", reader.Localized) ?? name;
        var modules = root.Required("modules", (n, k) => Modules(reader, n, k)) ?? [];
        var moduleIds = modules.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var activities = new List<Activity>();
        var activityIds = new HashSet<string>(StringComparer.Ordinal);
        if (root.Take("activities") is { } activitiesNode && reader.Sequence(activitiesNode, "activities") is { } items)
        {
            foreach (var (node, key) in items)
            {
                if (ReadActivity(reader, node, key, id ?? "?", moduleIds, skills, kpis) is { } activity)
                {
                    if (!activityIds.Add(activity.Id))
                    {
                        reader.Error(node, key + ".id", new($"活动 id \"{activity.Id}\" 重复。", $"Activity id \"{activity.Id}\" is used twice."));
                    }

                    activities.Add(activity);
                }
            }
        }
        else if (!root.Has("activities"))
        {
            root.Missing("activities");
        }

        root.Finish();
        errors.AddRange(reader.Errors);
        return reader.Errors.Count == 0 && id is not null && name is not null
            ? new Playbook(id, name, summary ?? name, modules, activities, file.Name)
            : null;
    }

    private static List<Term> Terms(YamlReader reader, YamlNode node, string key) =>
        NamedIds(reader, node, key).Select(t => new Term(t.Id, t.Name)).ToList();

    private static List<PlaybookModule> Modules(YamlReader reader, YamlNode node, string key) =>
        NamedIds(reader, node, key).Select(t => new PlaybookModule(t.Id, t.Name)).ToList();

    /// <summary>A list of <c>{ id, name: { zh, en } }</c> entries, each id once.</summary>
    private static List<(string Id, LocalizedText Name)> NamedIds(YamlReader reader, YamlNode node, string key)
    {
        var entries = new List<(string Id, LocalizedText Name)>();
        foreach (var (child, childKey) in reader.Sequence(node, key) ?? [])
        {
            var map = reader.Map(child, childKey);
            if (map is null)
            {
                continue;
            }

            var id = map.Required("id", (n, k) => Id(reader, n, k));
            var name = map.Required("name", reader.Localized);
            map.Finish();
            if (id is not null && entries.Any(e => e.Id == id))
            {
                reader.Error(child, childKey + ".id", new($"id \"{id}\" 重复。", $"Id \"{id}\" is used twice."));
            }
            else if (id is not null && name is not null)
            {
                entries.Add((id, name));
            }
        }

        return entries;
    }

    private static Activity? ReadActivity(
        YamlReader reader,
        YamlNode node,
        string key,
        string playbookId,
        HashSet<string> moduleIds,
        IReadOnlySet<string> skills,
        IReadOnlySet<string> kpis)
    {
        var map = reader.Map(node, key);
        if (map is null)
        {
            return null;
        }

        var errorsBefore = reader.Errors.Count;
        var id = map.Required("id", (n, k) => Id(reader, n, k));
        var module = map.Required("module", (n, k) => reader.String(n, k));
        if (module is not null && !moduleIds.Contains(module))
        {
            reader.Error(map.Take("module"), map.KeyOf("module"), YamlReader.Unknown(module, new("模块", "module"), moduleIds));
        }

        var name = map.Required("name", reader.Localized);
        var function = map.RequiredValue("function", (n, k) => reader.OneOf(n, k, s_functions, new("职能", "function")));
        var post = map.Required("post", (n, k) => WorkingPost(reader, n, k));
        if (post is not null && function is { } f && PostCatalog.Get(post).Function != f)
        {
            var postFunction = PostCatalog.Get(post).Function.ToId();
            reader.Error(map.Take("post"), map.KeyOf("post"), new(
                $"岗位 \"{post}\" 属于职能 \"{postFunction}\"，与活动的职能 \"{f.ToId()}\" 不一致。",
                $"Post \"{post}\" belongs to function \"{postFunction}\", not to the activity's function \"{f.ToId()}\"."));
        }

        var phase = map.RequiredValue("phase", (n, k) => reader.OneOf(n, k, s_phases, new("阶段", "phase")));
        var activitySkills = map.Optional("skills", (n, k) => KnownIds(reader, n, k, skills, new("技能", "skill"))) ?? [];
        var effort = map.Required("effort", (n, k) => ReadEffort(reader, n, k, function));
        var cadence = map.RequiredValue("cadence", (n, k) => reader.OneOf(n, k, s_cadences, new("频率", "cadence")));
        var activityKpis = map.Optional("kpis", (n, k) => KnownIds(reader, n, k, kpis, new("KPI", "KPI"))) ?? [];
        var checkpoint = map.Required("checkpoint", (n, k) => ReadCheckpoint(reader, n, k));
        map.Finish();

        if (reader.Errors.Count > errorsBefore || id is null || name is null || function is null || post is null ||
            phase is null || effort is null || cadence is null || checkpoint is null || module is null)
        {
            return null;
        }

        return new Activity($"{playbookId}/{id}", playbookId, module, name, function.Value, post, phase.Value,
            activitySkills, effort, cadence.Value, activityKpis, checkpoint);
    }

    private static Effort? ReadEffort(YamlReader reader, YamlNode node, string key, BusinessFunction? function)
    {
        var map = reader.Map(node, key);
        if (map is null)
        {
            return null;
        }

        var hours = map.OptionalValue("hoursPerWeek", (n, k) => reader.Number(n, k, 0, 168));
        UnitEffort? perUnit = null;
        if (map.Take("perUnit") is { } unitNode && reader.Map(unitNode, map.KeyOf("perUnit")) is { } unit)
        {
            var driver = unit.RequiredValue("driver", (n, k) => reader.OneOf(n, k, s_drivers, new("业务量驱动项", "volume driver")));
            var unitHours = unit.RequiredValue("hours", (n, k) => reader.Number(n, k, 0, 1000));
            unit.Finish();
            if (driver is { } d && unitHours is { } h)
            {
                perUnit = new UnitEffort(d, h);
            }
        }

        var setup = map.OptionalValue("setupHours", (n, k) => reader.Number(n, k, 0, 100_000));
        var erlang = map.OptionalValue("erlangC", reader.Bool) ?? false;
        map.Finish();
        if (hours is null && perUnit is null && setup is null && !erlang)
        {
            reader.Error(node, key, new(
                "至少需要 hoursPerWeek、perUnit、setupHours 或 erlangC 之一。",
                "Needs at least one of hoursPerWeek, perUnit, setupHours or erlangC."));
            return null;
        }

        if (erlang && function is { } f && f != BusinessFunction.Consulting)
        {
            reader.Error(node, key + ".erlangC", new("只有咨询职能的活动可以用 Erlang C 计算。", "Only consulting activities can be sized by Erlang C."));
            return null;
        }

        return new Effort(hours ?? 0, perUnit, setup ?? 0, erlang);
    }

    private static Checkpoint? ReadCheckpoint(YamlReader reader, YamlNode node, string key)
    {
        var map = reader.Map(node, key);
        if (map is null)
        {
            return null;
        }

        var evidence = map.Required("evidence", reader.Localized);
        var frequency = map.RequiredValue("frequency", (n, k) => reader.OneOf(n, k, s_frequencies, new("检查频率", "frequency")));
        var checkedBy = map.Required("checkedBy", (n, k) => AnyPost(reader, n, k));
        map.Finish();
        return evidence is null || frequency is null || checkedBy is null ? null : new Checkpoint(evidence, frequency.Value, checkedBy);
    }

    private static string? Id(YamlReader reader, YamlNode node, string key)
    {
        var id = reader.String(node, key);
        if (id is not null && !IsValidId(id))
        {
            reader.Error(node, key, new(
                $"id \"{id}\" 只能包含小写字母、数字和连字符。",
                $"Id \"{id}\" may hold only lower-case letters, digits and '-'."));
            return null;
        }

        return id;
    }

    private static string? AnyPost(YamlReader reader, YamlNode node, string key)
    {
        var id = reader.String(node, key);
        if (id is not null && !PostCatalog.TryGet(id, out _))
        {
            reader.Error(node, key, YamlReader.Unknown(id, new("岗位", "post"), PostCatalog.All.Select(p => p.Id)));
            return null;
        }

        return id;
    }

    private static string? WorkingPost(YamlReader reader, YamlNode node, string key)
    {
        var id = AnyPost(reader, node, key);
        if (id is not null && (PostCatalog.Get(id).IsSupervisor || id == PostCatalog.Specialist))
        {
            reader.Error(node, key, new(
                $"活动应由具体执行岗位承担，\"{id}\" 由人员配置规则生成。",
                $"Activities name the working post that does them; \"{id}\" is created by the staffing rules."));
            return null;
        }

        return id;
    }

    internal static IReadOnlyList<string>? KnownIds(YamlReader reader, YamlNode node, string key, IReadOnlySet<string> known, LocalizedText what)
    {
        var items = reader.Sequence(node, key);
        if (items is null)
        {
            return null;
        }

        var values = new List<string>();
        foreach (var (child, childKey) in items)
        {
            var value = reader.String(child, childKey);
            if (value is null)
            {
                continue;
            }

            if (!known.Contains(value))
            {
                reader.Error(child, childKey, YamlReader.Unknown(value, what, known.Order(StringComparer.Ordinal)));
            }
            else if (!values.Contains(value))
            {
                values.Add(value);
            }
        }

        return values;
    }
}
