using System.Globalization;
using Formation.Domain.Planning;
using Formation.Domain.Playbooks;
using Formation.Domain.Text;
using Formation.Domain.Yaml;
using YamlDotNet.RepresentationModel;

namespace Formation.Domain.Profiles;

/// <summary>
/// Reads an enterprise profile (PRODUCT §5) and checks it against the playbook library, reporting every
/// unknown key, wrong type, out-of-range number and unknown id with its file, line and key.
/// </summary>
public static class ProfileReader
{
    private static readonly Dictionary<string, EnterpriseKind> s_kinds = new(StringComparer.Ordinal)
    {
        ["network-oriented"] = EnterpriseKind.NetworkOriented,
        ["traditional"] = EnterpriseKind.Traditional,
    };

    private static readonly Dictionary<string, ConsultingOwner> s_owners = new(StringComparer.Ordinal)
    {
        ["marketing"] = ConsultingOwner.Marketing,
        ["sales"] = ConsultingOwner.Sales,
    };

    private static readonly Dictionary<string, GoalPeriod> s_periods =
        Enum.GetValues<GoalPeriod>().ToDictionary(p => p.ToString().ToLowerInvariant(), StringComparer.Ordinal);

    private static readonly Dictionary<string, BusinessFunction> s_functions = Ids.SelectableFunctionIds
        .ToDictionary(id => id, id => Ids.TryParseFunction(id, out var f) ? f : default, StringComparer.Ordinal);

    /// <summary>Above this, "shrinkage" would leave a person less than a day a week for work: surely a typo.</summary>
    public const double MaxShrinkage = 0.8;

    /// <summary>The largest peak-hour consulting load a department plan takes, in erlangs.</summary>
    public const double MaxPeakErlangs = 100_000;

    /// <summary>Reads and validates a profile's text.</summary>
    /// <param name="text">The YAML text.</param>
    /// <param name="source">The file name to report errors against.</param>
    /// <param name="library">The playbooks and vocabulary the ids must come from.</param>
    public static LoadResult<EnterpriseProfile> Read(string text, string source, PlaybookLibrary library)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(library);
        return InvariantCulture.Run(() => ReadInvariant(text, source, library));
    }

    private static LoadResult<EnterpriseProfile> ReadInvariant(string text, string source, PlaybookLibrary library)
    {
        var reader = new YamlReader(source);
        var root = reader.Map(reader.Parse(text), "");
        if (root is null)
        {
            return new LoadResult<EnterpriseProfile>(null, reader.Errors);
        }

        var enterprise = root.Required("enterprise", (n, k) => ReadEnterprise(reader, n, k));
        var strategy = root.Required("strategy", (n, k) => ReadStrategy(reader, n, k, library));
        var department = root.Required("department", (n, k) => ReadDepartment(reader, n, k));
        var volume = root.Optional("volume", (n, k) => ReadVolume(reader, n, k)) ?? new VolumeInfo();
        var outsourcing = root.Optional("outsourcing", (n, k) => ReadOutsourcing(reader, n, k, department)) ?? OutsourcingInfo.None;
        var team = root.Optional("team", (n, k) => ReadTeam(reader, n, k, library)) ?? [];
        root.Finish();

        if (reader.Errors.Count > 0 || enterprise is null || strategy is null || department is null)
        {
            return new LoadResult<EnterpriseProfile>(null, reader.Errors);
        }

        return new LoadResult<EnterpriseProfile>(new EnterpriseProfile(enterprise, strategy, department, volume, outsourcing, team), []);
    }

    private static EnterpriseInfo? ReadEnterprise(YamlReader reader, YamlNode node, string key)
    {
        var map = reader.Map(node, key);
        if (map is null)
        {
            return null;
        }

        var name = map.Required("name", (n, k) => reader.String(n, k));
        var kind = map.RequiredValue("kind", (n, k) => reader.OneOf(n, k, s_kinds, new("企业类型", "enterprise kind")));
        var industry = map.Optional("industry", (n, k) => reader.String(n, k, required: false));
        var currency = map.Optional("currency", (n, k) => Currency(reader, n, k)) ?? "CNY";
        var cost = map.OptionalValue("loadedCostPerPersonYear", (n, k) => reader.Decimal(n, k)) ?? 100_000m;
        var hours = map.OptionalValue("workHoursPerWeek", (n, k) => reader.Number(n, k, 1, 80)) ?? 40;
        map.Finish();
        return name is null || kind is null ? null : new EnterpriseInfo(name, kind.Value, industry, currency, cost, hours);
    }

    private static string? Currency(YamlReader reader, YamlNode node, string key)
    {
        var code = reader.String(node, key);
        if (code is not null && (code.Length != 3 || !code.All(char.IsAsciiLetterUpper)))
        {
            reader.Error(node, key, new($"货币应为三位大写 ISO 4217 代码，如 CNY（当前为 \"{code}\"）。", $"Expected a three-letter ISO 4217 code such as CNY (is \"{code}\")."));
            return null;
        }

        return code;
    }

    private static StrategyInfo? ReadStrategy(YamlReader reader, YamlNode node, string key, PlaybookLibrary library)
    {
        var map = reader.Map(node, key);
        if (map is null)
        {
            return null;
        }

        var models = map.Required("models", (n, k) => Models(reader, n, k, library));
        var budget = map.OptionalValue("annualBudget", (n, k) => reader.Decimal(n, k));
        var goals = map.Optional("goals", (n, k) => Goals(reader, n, k, library)) ?? [];
        var swot = map.Optional("swot", (n, k) => ReadSwot(reader, n, k)) ?? Swot.Empty;
        var risks = map.Optional("risks", (n, k) => Risks(reader, n, k)) ?? [];
        map.Finish();
        return models is null ? null : new StrategyInfo(models, budget, goals, swot, risks);
    }

    private static List<string>? Models(YamlReader reader, YamlNode node, string key, PlaybookLibrary library)
    {
        var ids = reader.StringList(node, key);
        if (ids is null)
        {
            return null;
        }

        var items = (YamlSequenceNode)node;
        var models = new List<string>();
        for (var i = 0; i < ids.Count; i++)
        {
            var child = items.Children[i];
            if (!library.Playbooks.ContainsKey(ids[i]))
            {
                reader.Error(child, $"{key}[{i}]", YamlReader.Unknown(ids[i], new("营销模式（playbook）", "playbook"), library.Playbooks.Keys));
            }
            else if (models.Contains(ids[i]))
            {
                reader.Error(child, $"{key}[{i}]", new($"模式 \"{ids[i]}\" 重复。", $"Model \"{ids[i]}\" is listed twice."));
            }
            else
            {
                models.Add(ids[i]);
            }
        }

        if (ids.Count == 0)
        {
            reader.Error(node, key, new("至少选择一种营销模式。", "Choose at least one model."));
            return null;
        }

        return models;
    }

    private static List<Goal> Goals(YamlReader reader, YamlNode node, string key, PlaybookLibrary library)
    {
        var goals = new List<Goal>();
        foreach (var (child, childKey) in reader.Sequence(node, key) ?? [])
        {
            var map = reader.Map(child, childKey);
            if (map is null)
            {
                continue;
            }

            var kpi = map.Required("kpi", (n, k) => reader.String(n, k));
            if (kpi is not null && !library.Kpis.ContainsKey(kpi))
            {
                reader.Error(map.Take("kpi"), map.KeyOf("kpi"), YamlReader.Unknown(kpi, new("KPI", "KPI"), library.Kpis.Keys));
                kpi = null;
            }

            var target = map.RequiredValue("target", (n, k) => reader.Decimal(n, k));
            var period = map.OptionalValue("period", (n, k) => reader.OneOf(n, k, s_periods, new("周期", "period"))) ?? GoalPeriod.Month;
            map.Finish();
            if (target == 0)
            {
                reader.Error(map.Take("target"), map.KeyOf("target"), new("目标值应大于 0。", "The target must be above 0."));
            }
            else if (kpi is not null && target is not null)
            {
                if (goals.Any(g => g.Kpi == kpi && g.Period == period))
                {
                    reader.Error(child, childKey, new($"KPI \"{kpi}\" 在同一周期已有目标。", $"KPI \"{kpi}\" already has a goal for this period."));
                }

                goals.Add(new Goal(kpi, target.Value, period));
            }
        }

        return goals;
    }

    private static Swot ReadSwot(YamlReader reader, YamlNode node, string key)
    {
        var map = reader.Map(node, key);
        if (map is null)
        {
            return Swot.Empty;
        }

        var swot = new Swot(
            map.Optional("strengths", reader.StringList) ?? [],
            map.Optional("weaknesses", reader.StringList) ?? [],
            map.Optional("opportunities", reader.StringList) ?? [],
            map.Optional("threats", reader.StringList) ?? []);
        map.Finish();
        return swot;
    }

    private static List<Risk> Risks(YamlReader reader, YamlNode node, string key)
    {
        var risks = new List<Risk>();
        foreach (var (child, childKey) in reader.Sequence(node, key) ?? [])
        {
            var map = reader.Map(child, childKey);
            if (map is null)
            {
                continue;
            }

            var name = map.Required("name", (n, k) => reader.String(n, k));
            var likelihood = map.RequiredValue("likelihood", (n, k) => reader.Int(n, k, 1, 5));
            var impact = map.RequiredValue("impact", (n, k) => reader.Int(n, k, 1, 5));
            var mitigation = map.Optional("mitigation", (n, k) => reader.String(n, k, required: false));
            map.Finish();
            if (name is not null && likelihood is not null && impact is not null)
            {
                risks.Add(new Risk(name, likelihood.Value, impact.Value, mitigation));
            }
        }

        return risks;
    }

    private static DepartmentInfo? ReadDepartment(YamlReader reader, YamlNode node, string key)
    {
        var map = reader.Map(node, key);
        if (map is null)
        {
            return null;
        }

        var functions = map.Required("functions", (n, k) => Functions(reader, n, k));
        var owner = map.OptionalValue("consultingOwnedBy", (n, k) => reader.OneOf(n, k, s_owners, new("咨询归属", "consulting owner"))) ?? ConsultingOwner.Marketing;
        var elsewhere = map.Optional("handledElsewhere", (n, k) => Functions(reader, n, k)) ?? [];
        map.Finish();
        if (functions is null)
        {
            return null;
        }

        if (owner == ConsultingOwner.Sales && functions.Contains(BusinessFunction.Consulting))
        {
            reader.Error(map.Take("consultingOwnedBy"), map.KeyOf("consultingOwnedBy"), new(
                "在线咨询归销售部时，不要把 consulting 列入 department.functions。",
                "With consulting owned by sales, do not list consulting in department.functions."));
        }

        foreach (var f in elsewhere.Where(functions.Contains))
        {
            reader.Error(map.Take("handledElsewhere"), map.KeyOf("handledElsewhere"), new(
                $"职能 \"{f.ToId()}\" 不能既由本部门负责又由其他部门负责。",
                $"Function \"{f.ToId()}\" cannot be both in the department and handled elsewhere."));
        }

        return new DepartmentInfo(functions, owner, elsewhere);
    }

    private static List<BusinessFunction>? Functions(YamlReader reader, YamlNode node, string key)
    {
        var items = reader.Sequence(node, key);
        if (items is null)
        {
            return null;
        }

        var functions = new List<BusinessFunction>();
        foreach (var (child, childKey) in items)
        {
            if (reader.OneOf(child, childKey, s_functions, new("职能", "function")) is { } f)
            {
                if (functions.Contains(f))
                {
                    reader.Error(child, childKey, new($"职能 \"{f.ToId()}\" 重复。", $"Function \"{f.ToId()}\" is listed twice."));
                }
                else
                {
                    functions.Add(f);
                }
            }
        }

        return functions;
    }

    private static VolumeInfo? ReadVolume(YamlReader reader, YamlNode node, string key)
    {
        var map = reader.Map(node, key);
        if (map is null)
        {
            return null;
        }

        var d = new VolumeInfo();
        var v = d with
        {
            InquiriesPerDay = map.OptionalValue("inquiriesPerDay", (n, k) => reader.Number(n, k, 0, 10_000_000)) ?? d.InquiriesPerDay,
            PeakHourShare = map.OptionalValue("peakHourShare", (n, k) => reader.Number(n, k, 0, 1, minExclusive: true)) ?? d.PeakHourShare,
            AverageHandleSeconds = map.OptionalValue("averageHandleSeconds", (n, k) => reader.Number(n, k, 0, 86_400, minExclusive: true)) ?? d.AverageHandleSeconds,
            ConcurrentChats = map.OptionalValue("concurrentChats", (n, k) => reader.Int(n, k, 1, 5)) ?? d.ConcurrentChats,
            ServiceLevel = map.OptionalValue("serviceLevel", (n, k) => reader.Number(n, k, 0, 1, minExclusive: true, maxExclusive: true)) ?? d.ServiceLevel,
            TargetAnswerSeconds = map.OptionalValue("targetAnswerSeconds", (n, k) => reader.Number(n, k, 0, 3600)) ?? d.TargetAnswerSeconds,
            Shrinkage = map.OptionalValue("shrinkage", (n, k) => reader.Number(n, k, 0, MaxShrinkage)) ?? d.Shrinkage,
            CoverageHoursPerDay = map.OptionalValue("coverageHoursPerDay", (n, k) => reader.Number(n, k, 1, 24)) ?? d.CoverageHoursPerDay,
            OperatingDaysPerWeek = map.OptionalValue("operatingDaysPerWeek", (n, k) => reader.Int(n, k, 1, 7)) ?? d.OperatingDaysPerWeek,
            MaxOccupancy = map.OptionalValue("maxOccupancy", (n, k) => reader.Number(n, k, 0, 1, minExclusive: true)),
            ContentPiecesPerWeek = map.OptionalValue("contentPiecesPerWeek", (n, k) => reader.Number(n, k, 0, 100_000)) ?? d.ContentPiecesPerWeek,
            SkuCount = map.OptionalValue("skuCount", (n, k) => reader.Number(n, k, 0, 10_000_000)) ?? d.SkuCount,
            OrdersPerDay = map.OptionalValue("ordersPerDay", (n, k) => reader.Number(n, k, 0, 10_000_000)) ?? d.OrdersPerDay,
        };
        {
            var average = 1 / v.CoverageHoursPerDay;
            if (v.PeakHourShare < average - 1e-9)
            {
                var shown = average.ToString("0.###", CultureInfo.InvariantCulture);
                reader.Error(map.Take("peakHourShare") ?? node, map.KeyOf("peakHourShare"), new(
                    $"高峰小时占比不能低于平均每小时占比 1/{v.CoverageHoursPerDay:0.#} = {shown}。",
                    $"The peak-hour share cannot be below the average hourly share 1/{v.CoverageHoursPerDay:0.#} = {shown}."));
            }
        }

        var load = v.InquiriesPerDay * v.PeakHourShare * v.AverageHandleSeconds / Staffing.ErlangC.ConcurrencyFactor(v.ConcurrentChats) / 3600;
        if (load > MaxPeakErlangs)
        {
            reader.Error(map.Take("inquiriesPerDay") ?? node, map.KeyOf("inquiriesPerDay"), new(
                $"高峰小时负荷为 {load:#,0} 爱尔兰，超过 {MaxPeakErlangs:#,0}：这已是呼叫中心的规模，超出一个部门的规划范围。请检查咨询量与处理时长。",
                $"The peak-hour load is {load:#,0} erlangs, over {MaxPeakErlangs:#,0}: a contact-centre scale beyond one department's plan. Check the inquiries and handle time."));
        }

        map.Finish();
        return v;
    }

    private static OutsourcingInfo? ReadOutsourcing(YamlReader reader, YamlNode node, string key, DepartmentInfo? department)
    {
        void NotInDepartment(YamlNode at, string atKey, BusinessFunction function)
        {
            if (department is not null && !department.Functions.Contains(function))
            {
                reader.Error(at, atKey, new(
                    $"职能 \"{function.ToId()}\" 不在 department.functions 中。请先把它加入部门职能，计划会比较自建与外包的成本。",
                    $"Function \"{function.ToId()}\" is not in department.functions. Add it there; the plan then compares doing it in-house with the quote."));
            }
        }

        var map = reader.Map(node, key);
        if (map is null)
        {
            return null;
        }

        var quotes = new Dictionary<BusinessFunction, decimal>();
        if (map.Take("quotes") is { } quotesNode && reader.Map(quotesNode, map.KeyOf("quotes")) is { } quoteMap)
        {
            foreach (var (name, keyNode, value) in quoteMap.Entries())
            {
                var quoteKey = quoteMap.KeyOf(name);
                if (!s_functions.TryGetValue(name, out var function))
                {
                    reader.Error(keyNode, quoteKey, YamlReader.Unknown(name, new("职能", "function"), s_functions.Keys));
                }
                else if (reader.Decimal(value, quoteKey) is { } amount)
                {
                    NotInDepartment(keyNode, quoteKey, function);
                    quotes[function] = amount;
                }
            }
        }

        var keep = map.Optional("keepInHouse", (n, k) => Functions(reader, n, k)) ?? [];
        foreach (var function in keep)
        {
            NotInDepartment(map.Take("keepInHouse")!, map.KeyOf("keepInHouse"), function);
        }

        map.Finish();
        return new OutsourcingInfo(quotes, keep);
    }

    private static List<TeamMember> ReadTeam(YamlReader reader, YamlNode node, string key, PlaybookLibrary library)
    {
        var team = new List<TeamMember>();
        var skillIds = library.Skills.Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var (child, childKey) in reader.Sequence(node, key) ?? [])
        {
            var map = reader.Map(child, childKey);
            if (map is null)
            {
                continue;
            }

            var name = map.Required("name", (n, k) => reader.String(n, k));
            var post = map.Required("post", (n, k) => reader.String(n, k));
            if (post is not null && !PostCatalog.TryGet(post, out _))
            {
                reader.Error(map.Take("post"), map.KeyOf("post"), YamlReader.Unknown(post, new("岗位", "post"), PostCatalog.All.Select(p => p.Id)));
                post = null;
            }

            var skills = map.Optional("skills", (n, k) => PlaybookReader.KnownIds(reader, n, k, skillIds, new("技能", "skill"))) ?? [];
            map.Finish();
            if (name is not null && team.Any(m => m.Name == name))
            {
                reader.Error(map.Take("name"), map.KeyOf("name"), new($"成员 \"{name}\" 出现了两次；同名的人请加以区分。", $"\"{name}\" is listed twice; tell people with the same name apart."));
            }
            else if (name is not null && post is not null)
            {
                team.Add(new TeamMember(name, post, skills));
            }
        }

        return team;
    }
}
