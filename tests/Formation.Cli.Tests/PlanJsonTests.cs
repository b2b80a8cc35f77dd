using System.Text.Json;
using System.Text.Json.Nodes;
using Formation.Cli.Tests.Support;

namespace Formation.Cli.Tests;

/// <summary><c>formation plan PROFILE --format json</c>: the blueprint's JSON contract.</summary>
public sealed class PlanJsonTests
{
    private static readonly string[] s_postVocabulary =
    [
        "manager", "planner", "specialist", "frontend-editor", "backend-engineer", "copy-planner", "promoter", "consultant",
        "pr-specialist", "website-supervisor", "promotion-supervisor", "consulting-supervisor", "it-technician", "fulfilment-clerk",
    ];

    private static readonly string[] s_severities = ["error", "warning", "info"];

    private static string Retailer => RepositoryPaths.Example("retailer.yaml");

    private static string B2bLeads => RepositoryPaths.Example("b2b-leads.yaml");

    [Fact]
    public async Task Plan_RetailerAsJson_ExitsZeroWithParsableJson()
    {
        var run = await CliRunner.RunAsync("plan", Retailer, "--format", "json", "--lang", "en");

        run.ExitCode.ShouldBe(ExitCodes.Ok);
        Should.NotThrow(() => JsonDocument.Parse(run.Output).Dispose());
    }

    [Fact]
    public async Task Plan_RetailerAsJson_HasContractFields()
    {
        var plan = await PlanAsync(Retailer);

        plan.ShouldHaveProperties("headcount", "posts", "consulting", "cost", "makeOrBuy", "findings", "roadmap", "activities");

        var headcount = plan["headcount"].ShouldBeOfType<JsonObject>();
        headcount.ShouldHaveProperties("total", "byFunction");
        headcount["total"]!.GetValueKind().ShouldBe(JsonValueKind.Number);
        headcount["byFunction"].ShouldBeOfType<JsonObject>();

        var posts = plan["posts"].ShouldBeOfType<JsonArray>();
        posts.ShouldNotBeEmpty();
        foreach (var post in posts.Select(p => p.ShouldBeOfType<JsonObject>()))
        {
            post.ShouldHaveProperties("id", "title", "function", "headcount", "reportsTo", "phases", "duties", "skills", "justification");
            post["id"]!.GetValueKind().ShouldBe(JsonValueKind.String);
            post["title"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
            post["function"]!.GetValueKind().ShouldBe(JsonValueKind.String);
            post["headcount"]!.GetValueKind().ShouldBe(JsonValueKind.Number);
            post["reportsTo"]!.GetValueKind().ShouldBe(JsonValueKind.String);
            post["phases"].ShouldBeOfType<JsonArray>().ShouldNotBeEmpty();
            post["duties"].ShouldBeOfType<JsonArray>().ShouldNotBeEmpty();
            post["skills"].ShouldBeOfType<JsonArray>();
            post["justification"].ShouldBeOfType<JsonArray>().ShouldNotBeEmpty();
        }

        if (plan["consulting"] is { } consulting)
        {
            consulting.ShouldBeOfType<JsonObject>().ShouldHaveProperties("agents", "positions", "serviceLevel", "asaSeconds", "probabilityOfWait", "occupancy");
        }

        var cost = plan["cost"].ShouldBeOfType<JsonObject>();
        cost.ShouldHaveProperties("inHouseAnnual", "byFunction");
        cost["inHouseAnnual"]!.GetValueKind().ShouldBe(JsonValueKind.Number);
        cost["byFunction"].ShouldBeOfType<JsonObject>();

        foreach (var decision in plan["makeOrBuy"].ShouldBeOfType<JsonArray>())
        {
            decision.ShouldBeOfType<JsonObject>().ShouldHaveProperties("function", "inHouseAnnual", "outsourceAnnual", "saving", "recommendation");
        }

        foreach (var finding in plan["findings"].ShouldBeOfType<JsonArray>())
        {
            finding.ShouldBeOfType<JsonObject>().ShouldHaveProperties("rule", "severity", "message");
        }

        var roadmap = plan["roadmap"].ShouldBeOfType<JsonArray>();
        roadmap.ShouldNotBeEmpty();
        foreach (var stage in roadmap)
        {
            stage.ShouldBeOfType<JsonObject>().ShouldHaveProperties("stage", "name", "gate");
        }

        plan["activities"].ShouldBeOfType<JsonArray>().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Plan_RetailerAsJson_PropertyNamesAreCamelCase()
    {
        var plan = await PlanAsync(Retailer);
        var names = new List<string>();

        CollectPropertyNames(plan, names);

        names.ShouldNotBeEmpty();
        names.Where(n => !char.IsAsciiLetterLower(n[0]) || !n.All(char.IsAsciiLetterOrDigit)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("retailer.yaml")]
    [InlineData("b2b-leads.yaml")]
    [InlineData("consumer-brand.yaml")]
    [InlineData("manufacturer.yaml")]
    [InlineData("mismatched-team.yaml")]
    public async Task Plan_ExampleAsJson_PostIdsBelongToVocabulary(string example)
    {
        var plan = await PlanAsync(RepositoryPaths.Example(example));

        var ids = Posts(plan).Select(p => p["id"]!.GetValue<string>()).ToList();

        ids.ShouldNotBeEmpty();
        ids.ShouldAllBe(id => s_postVocabulary.Contains(id));
        ids.ShouldBeUnique();
    }

    [Theory]
    [InlineData("retailer.yaml")]
    [InlineData("b2b-leads.yaml")]
    [InlineData("consumer-brand.yaml")]
    [InlineData("manufacturer.yaml")]
    [InlineData("mismatched-team.yaml")]
    public async Task Plan_ExampleAsJson_TotalEqualsSumOfPostHeadcounts(string example)
    {
        var plan = await PlanAsync(RepositoryPaths.Example(example));

        var total = plan["headcount"]!["total"]!.GetValue<decimal>();
        var sum = Posts(plan).Sum(p => p["headcount"]!.GetValue<decimal>());

        total.ShouldBeGreaterThan(0);
        total.ShouldBe(sum);
    }

    [Theory]
    [InlineData("retailer.yaml")]
    [InlineData("b2b-leads.yaml")]
    [InlineData("mismatched-team.yaml")]
    public async Task Plan_ExampleAsJson_HeadcountByFunctionEqualsPostsOfThatFunction(string example)
    {
        var plan = await PlanAsync(RepositoryPaths.Example(example));

        var byFunction = plan["headcount"]!["byFunction"]!.AsObject()
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<decimal>());
        var fromPosts = Posts(plan)
            .GroupBy(p => p["function"]!.GetValue<string>())
            .ToDictionary(g => g.Key, g => g.Sum(p => p["headcount"]!.GetValue<decimal>()));

        byFunction.OrderBy(p => p.Key, StringComparer.Ordinal).ShouldBe(fromPosts.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("retailer.yaml")]
    [InlineData("b2b-leads.yaml")]
    [InlineData("consumer-brand.yaml")]
    [InlineData("manufacturer.yaml")]
    [InlineData("mismatched-team.yaml")]
    public async Task Plan_ExampleAsJson_EveryReportingLineLeadsToOwner(string example)
    {
        var plan = await PlanAsync(RepositoryPaths.Example(example));
        var reportsTo = Posts(plan).ToDictionary(p => p["id"]!.GetValue<string>(), p => p["reportsTo"]!.GetValue<string>());

        foreach (var id in reportsTo.Keys)
        {
            var current = id;
            var steps = 0;
            while (current != "owner")
            {
                reportsTo.ShouldContainKey(current, $"{id} reports (indirectly) to {current}, which is neither a post nor the owner");
                current = reportsTo[current];
                steps++;
                steps.ShouldBeLessThanOrEqualTo(reportsTo.Count, $"the reporting line of {id} loops");
            }
        }
    }

    [Theory]
    [InlineData("retailer.yaml")]
    [InlineData("b2b-leads.yaml")]
    [InlineData("consumer-brand.yaml")]
    public async Task Plan_ExampleAsJson_InHouseCostIsHeadcountTimesLoadedCost(string example)
    {
        var path = RepositoryPaths.Example(example);
        var loadedCost = YamlFile.Decimal(YamlFile.Load(path), "enterprise", "loadedCostPerPersonYear");

        var plan = await PlanAsync(path);

        var headcount = plan["headcount"]!["byFunction"]!.AsObject();
        var cost = plan["cost"]!.AsObject();
        var costByFunction = cost["byFunction"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<decimal>());
        costByFunction.Keys.Order(StringComparer.Ordinal).ShouldBe(headcount.Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var (function, count) in headcount)
        {
            costByFunction[function].ShouldBe(count!.GetValue<decimal>() * loadedCost, function);
        }

        cost["inHouseAnnual"]!.GetValue<decimal>().ShouldBe(costByFunction.Values.Sum());
    }

    [Fact]
    public async Task Plan_RetailerAsJson_MakeOrBuyComparesEachQuote()
    {
        var profile = YamlFile.Load(Retailer);
        var quotes = ((YamlDotNet.RepresentationModel.YamlMappingNode)YamlFile.At(profile, "outsourcing", "quotes")).Children
            .ToDictionary(p => p.Key.ToString(), p => decimal.Parse(p.Value.ToString(), System.Globalization.CultureInfo.InvariantCulture));

        var plan = await PlanAsync(Retailer);

        var decisions = plan["makeOrBuy"]!.AsArray().Select(d => d!.AsObject()).ToList();
        decisions.Select(d => d["function"]!.GetValue<string>()).Order(StringComparer.Ordinal).ShouldBe(quotes.Keys.Order(StringComparer.Ordinal));
        foreach (var decision in decisions)
        {
            var function = decision["function"]!.GetValue<string>();
            var inHouse = decision["inHouseAnnual"]!.GetValue<decimal>();
            var outsource = decision["outsourceAnnual"]!.GetValue<decimal>();
            var saving = decision["saving"]!.GetValue<decimal>();
            outsource.ShouldBe(quotes[function]);
            saving.ShouldBe(inHouse - outsource);
            decision["recommendation"]!.GetValue<string>().ShouldBe(saving > 0 ? "outsource" : "in-house", function);
        }
    }

    [Fact]
    public async Task Plan_RetailerAsJson_OutsourcedFunctionHasNoInHousePosts()
    {
        var plan = await PlanAsync(Retailer);

        var outsourced = plan["makeOrBuy"]!.AsArray()
            .Where(d => d!["recommendation"]!.GetValue<string>() == "outsource")
            .Select(d => d!["function"]!.GetValue<string>())
            .ToList();

        outsourced.ShouldNotBeEmpty();
        foreach (var function in outsourced)
        {
            Posts(plan).ShouldNotContain(p => p["function"]!.GetValue<string>() == function);
            plan["headcount"]!["byFunction"]!.AsObject().ContainsKey(function).ShouldBeFalse();
        }

        if (outsourced.Contains("consulting"))
        {
            plan["consulting"].ShouldBeNull();
        }
    }

    [Theory]
    [InlineData("retailer.yaml")]
    [InlineData("mismatched-team.yaml")]
    public async Task Plan_ExampleAsJson_FindingsHaveStableRuleIdsAndKnownSeverities(string example)
    {
        var plan = await PlanAsync(RepositoryPaths.Example(example));

        var findings = plan["findings"]!.AsArray().Select(f => f!.AsObject()).ToList();

        findings.ShouldNotBeEmpty();
        foreach (var finding in findings)
        {
            var rule = finding["rule"]!.GetValue<string>();
            rule.ShouldMatch("^[A-Z]+(-[A-Z]+)*$");
            finding["severity"]!.GetValue<string>().ShouldBeOneOf(s_severities);
            finding["message"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public async Task Plan_RetailerAsJson_RoadmapStagesAreNumberedAndHireTheWholeBlueprint()
    {
        var plan = await PlanAsync(Retailer);

        var stages = plan["roadmap"]!.AsArray().Select(s => s!.AsObject()).ToList();

        stages.Select(s => s["stage"]!.GetValue<int>()).ShouldBe(Enumerable.Range(1, stages.Count));
        stages.ShouldAllBe(s => !string.IsNullOrWhiteSpace(s["name"]!.GetValue<string>()) && !string.IsNullOrWhiteSpace(s["gate"]!.GetValue<string>()));
        var hired = stages.SelectMany(s => s["hires"]!.AsArray()).Sum(h => h!["headcount"]!.GetValue<decimal>());
        hired.ShouldBe(plan["headcount"]!["total"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Plan_RetailerAsJson_ActivitiesComeFromTheChosenModels()
    {
        var models = YamlFile.Strings(YamlFile.Load(Retailer), "strategy", "models");

        var plan = await PlanAsync(Retailer);

        var activities = plan["activities"]!.AsArray().Select(a => a!.AsObject()).ToList();
        activities.Select(a => a["playbook"]!.GetValue<string>()).Distinct().Order(StringComparer.Ordinal).ShouldBe(models.Order(StringComparer.Ordinal));
        var postIds = Posts(plan).Select(p => p["id"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var activity in activities.Where(a => a["owner"]!.GetValue<string>() == "in-house"))
        {
            postIds.ShouldContain(activity["post"]!.GetValue<string>(), activity["id"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Plan_B2bLeadsAsJson_ConsultingMeetsServiceLevelTargetWithFewestAgents()
    {
        var profile = YamlFile.Load(B2bLeads);
        var targetLevel = YamlFile.Double(profile, "volume", "serviceLevel");
        var targetSeconds = YamlFile.Double(profile, "volume", "targetAnswerSeconds");

        var plan = await PlanAsync(B2bLeads);

        var consulting = plan["consulting"].ShouldBeOfType<JsonObject>();
        var agents = consulting["agents"]!.GetValue<int>();
        var traffic = consulting["trafficErlangs"]!.GetValue<double>();
        var handle = consulting["effectiveHandleSeconds"]!.GetValue<double>();
        traffic.ShouldBeGreaterThan(0);
        ((double)agents).ShouldBeGreaterThan(traffic);
        consulting["serviceLevel"]!.GetValue<double>().ShouldBeGreaterThanOrEqualTo(targetLevel);
        consulting["occupancy"]!.GetValue<double>().ShouldBe(traffic / agents, 1e-3);
        consulting["positions"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(agents);
        ErlangReference.ServiceLevel(traffic, agents, handle, targetSeconds).ShouldBe(consulting["serviceLevel"]!.GetValue<double>(), 1e-3);
        ErlangReference.ServiceLevel(traffic, agents - 1, handle, targetSeconds).ShouldBeLessThan(targetLevel);
    }

    [Fact]
    public async Task Plan_B2bLeadsAsJson_ConsultingLoadFollowsProfileVolume()
    {
        var profile = YamlFile.Load(B2bLeads);
        var perDay = YamlFile.Double(profile, "volume", "inquiriesPerDay");
        var peakShare = YamlFile.Double(profile, "volume", "peakHourShare");
        var handleSeconds = YamlFile.Double(profile, "volume", "averageHandleSeconds");
        var chats = (int)YamlFile.Double(profile, "volume", "concurrentChats");
        double[] concurrencyFactors = [1, 1.7, 2.5, 2.9, 3.5];

        var plan = await PlanAsync(B2bLeads);

        var consulting = plan["consulting"].ShouldBeOfType<JsonObject>();
        var effectiveHandle = handleSeconds / concurrencyFactors[chats - 1];
        consulting["peakContactsPerHour"]!.GetValue<double>().ShouldBe(perDay * peakShare, 1e-3);
        consulting["effectiveHandleSeconds"]!.GetValue<double>().ShouldBe(effectiveHandle, 1e-3);
        consulting["trafficErlangs"]!.GetValue<double>().ShouldBe(perDay * peakShare * effectiveHandle / 3600, 1e-3);
        var consultants = Posts(plan).Single(p => p["id"]!.GetValue<string>() == "consultant");
        consultants["headcount"]!.GetValue<decimal>().ShouldBeGreaterThanOrEqualTo(consulting["positions"]!.GetValue<int>());
    }

    [Fact]
    public async Task Plan_SameProfileTwice_GivesIdenticalJson()
    {
        var first = await CliRunner.RunAsync("plan", Retailer, "--format", "json", "--lang", "en");
        var second = await CliRunner.RunAsync("plan", Retailer, "--format", "json", "--lang", "en");

        first.ExitCode.ShouldBe(ExitCodes.Ok);
        second.Output.ShouldBe(first.Output);
    }

    [Fact]
    public async Task Plan_LangZhAsJson_GivesChineseTitlesWithTheSameNumbers()
    {
        var english = await PlanAsync(Retailer, "en");
        var chinese = await PlanAsync(Retailer, "zh");

        chinese["language"]!.GetValue<string>().ShouldBe("zh");
        var manager = Posts(chinese).Single(p => p["id"]!.GetValue<string>() == "manager");
        manager["title"]!.GetValue<string>().ShouldBe("网络营销经理");
        chinese["headcount"]!.ToJsonString().ShouldBe(english["headcount"]!.ToJsonString());
        chinese["cost"]!.ToJsonString().ShouldBe(english["cost"]!.ToJsonString());
    }

    private static async Task<JsonObject> PlanAsync(string profile, string language = "en")
    {
        var run = await CliRunner.RunAsync("plan", profile, "--format", "json", "--lang", language);
        run.ExitCode.ShouldBe(ExitCodes.Ok, run.Output);
        return JsonNode.Parse(run.Output).ShouldBeOfType<JsonObject>();
    }

    private static List<JsonObject> Posts(JsonObject plan) =>
        plan["posts"]!.AsArray().Select(p => p!.AsObject()).ToList();

    private static void CollectPropertyNames(JsonNode? node, List<string> names)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    names.Add(name);

                    // byFunction is keyed by function ids (data, such as "it-support"), not by property names.
                    if (name != "byFunction")
                    {
                        CollectPropertyNames(value, names);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    CollectPropertyNames(item, names);
                }

                break;
            default:
                break;
        }
    }
}

/// <summary>Shouldly-style checks for JSON objects.</summary>
internal static class JsonAssertions
{
    public static void ShouldHaveProperties(this JsonObject obj, params string[] names)
    {
        foreach (var name in names)
        {
            obj.ContainsKey(name).ShouldBeTrue($"missing property \"{name}\" in {obj.ToJsonString()[..Math.Min(200, obj.ToJsonString().Length)]}");
        }
    }
}
