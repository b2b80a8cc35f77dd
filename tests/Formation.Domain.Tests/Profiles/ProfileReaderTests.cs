using Formation.Domain.Planning;
using Formation.Domain.Playbooks;
using Formation.Domain.Profiles;
using Formation.Domain.Text;
using Formation.Domain.Yaml;

namespace Formation.Domain.Tests.Profiles;

public class ProfileReaderTests
{
    private const string Valid = """
        enterprise:
          name: Example Tea Co.
          kind: network-oriented
          industry: tea
          currency: CNY
          loadedCostPerPersonYear: 100000
        strategy:
          models: [search, platform-retail]
          annualBudget: 1500000
          goals:
            - { kpi: leads, target: 600, period: month }
          swot: { strengths: [gardens], weaknesses: [], opportunities: [], threats: [] }
          risks: [ { name: "Price war", likelihood: 3, impact: 4, mitigation: "Own brand" } ]
        department:
          functions: [platform, promotion, consulting, pr]
          consultingOwnedBy: marketing
        volume:
          inquiriesPerDay: 200
          peakHourShare: 0.15
          averageHandleSeconds: 360
          concurrentChats: 3
          serviceLevel: 0.8
          targetAnswerSeconds: 30
          shrinkage: 0.3
          coverageHoursPerDay: 12
          contentPiecesPerWeek: 10
          skuCount: 50
        outsourcing:
          quotes: { promotion: 200000 }
        team:
          - { name: Li Lei, post: promoter, skills: [seo, copywriting] }
        """;

    private static LoadResult<EnterpriseProfile> Read(string yaml) => ProfileReader.Read(yaml, "profile.yaml", PlaybookLibrary.Shipped);

    private static string Errors(LoadResult<EnterpriseProfile> r) => string.Join("\n", r.Errors.Select(e => e.Format(Language.En)));

    [Fact]
    public void Read_ProductExample_ReadsEverySection()
    {
        var result = Read(Valid);

        result.IsValid.ShouldBeTrue(Errors(result));
        var p = result.Value!;
        p.Enterprise.Name.ShouldBe("Example Tea Co.");
        p.Enterprise.Kind.ShouldBe(EnterpriseKind.NetworkOriented);
        p.Strategy.Models.ShouldBe(["search", "platform-retail"]);
        p.Strategy.AnnualBudget.ShouldBe(1_500_000m);
        p.Strategy.Goals.ShouldHaveSingleItem().ShouldBe(new Goal("leads", 600, GoalPeriod.Month));
        p.Strategy.Risks.ShouldHaveSingleItem().Score.ShouldBe(12);
        p.Department.Functions.ShouldBe([BusinessFunction.Platform, BusinessFunction.Promotion, BusinessFunction.Consulting, BusinessFunction.Pr]);
        p.Volume.InquiriesPerDay.ShouldBe(200);
        p.Volume.ConcurrentChats.ShouldBe(3);
        p.Volume.CoverageHoursPerDay.ShouldBe(12);
        p.Outsourcing.Quotes[BusinessFunction.Promotion].ShouldBe(200_000m);
        p.Team.ShouldHaveSingleItem().Skills.ShouldBe(["seo", "copywriting"]);
    }

    [Fact]
    public void Read_MinimalProfile_UsesDefaults()
    {
        var result = Read("""
            enterprise: { name: Small, kind: traditional }
            strategy: { models: [content-pr] }
            department: { functions: [pr] }
            """);

        result.IsValid.ShouldBeTrue(Errors(result));
        result.Value!.Enterprise.Currency.ShouldBe("CNY");
        result.Value.Enterprise.LoadedCostPerPersonYear.ShouldBe(100_000m);
        result.Value.Volume.ServiceLevel.ShouldBe(0.8);
        result.Value.Team.ShouldBeEmpty();
    }

    [Fact]
    public void Read_ManyProblems_ReportsEveryOneWithLineAndKey()
    {
        var yaml = Valid
            .Replace("  industry: tea", "  industry: tea\n  colour: green", StringComparison.Ordinal)          // line 5: unknown key
            .Replace("inquiriesPerDay: 200", "inquiriesPerDay: -5", StringComparison.Ordinal)                // negative volume
            .Replace("peakHourShare: 0.15", "peakHourShare: 1.5", StringComparison.Ordinal)                  // share outside 0-1
            .Replace("concurrentChats: 3", "concurrentChats: three", StringComparison.Ordinal)                // wrong type
            .Replace("models: [search, platform-retail]", "models: [search, tiktok-live]", StringComparison.Ordinal) // unknown playbook
            .Replace("functions: [platform, promotion, consulting, pr]", "functions: [platform, sales]", StringComparison.Ordinal) // unknown function
            .Replace("skills: [seo, copywriting]", "skills: [seo, juggling]", StringComparison.Ordinal);     // unknown skill

        var result = Read(yaml);

        result.IsValid.ShouldBeFalse();
        result.Value.ShouldBeNull();
        var errors = result.Errors.ToDictionary(e => e.Key, e => e);
        errors["enterprise.colour"].Line.ShouldBe(5);
        errors["enterprise.colour"].Message.En.ShouldContain("Unknown key \"colour\"");
        errors["strategy.models[1]"].Line.ShouldBe(9);
        errors["strategy.models[1]"].Message.En.ShouldContain("tiktok-live");
        errors["strategy.models[1]"].Message.En.ShouldContain("platform-retail"); // names the valid ids
        errors["department.functions[1]"].Line.ShouldBe(16);
        errors["volume.inquiriesPerDay"].Line.ShouldBe(19);
        errors["volume.inquiriesPerDay"].Message.En.ShouldContain("negative");
        errors["volume.peakHourShare"].Line.ShouldBe(20);
        errors["volume.peakHourShare"].Message.En.ShouldContain("1.5");
        errors["volume.concurrentChats"].Line.ShouldBe(22);
        errors["volume.concurrentChats"].Message.En.ShouldContain("number");
        errors["team[0].skills[1]"].Line.ShouldBe(32);
        result.Errors.ShouldAllBe(e => e.File == "profile.yaml" && e.Column > 0);
        result.Errors.ShouldAllBe(e => e.Message.Zh.Length > 0 && e.Message.En.Length > 0);
    }

    [Fact]
    public void Read_UnknownPostInTeam_IsReported()
    {
        var result = Read(Valid.Replace("post: promoter", "post: seo-guru", StringComparison.Ordinal));

        var error = result.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe("team[0].post");
        error.Line.ShouldBe(31);
        error.Message.En.ShouldContain("seo-guru");
    }

    [Fact]
    public void Read_UnknownKpi_IsReported()
    {
        var result = Read(Valid.Replace("kpi: leads", "kpi: happiness", StringComparison.Ordinal));

        result.Errors.ShouldHaveSingleItem().Key.ShouldBe("strategy.goals[0].kpi");
    }

    [Fact]
    public void Read_MissingRequiredSection_NamesIt()
    {
        var result = Read("""
            enterprise: { name: X, kind: traditional }
            strategy: { models: [search] }
            """);

        result.Errors.ShouldHaveSingleItem().Message.En.ShouldContain("\"department\" is missing");
    }

    [Fact]
    public void Read_QuotedNumber_IsAWrongType()
    {
        var result = Read(Valid.Replace("skuCount: 50", "skuCount: \"50\"", StringComparison.Ordinal));

        var error = result.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe("volume.skuCount");
        error.Message.En.ShouldContain("without quotes");
    }

    [Fact]
    public void Read_ListWhereMappingExpected_IsReported()
    {
        var result = Read(Valid.Replace("  quotes: { promotion: 200000 }", "  quotes: [promotion]", StringComparison.Ordinal));

        result.Errors.ShouldHaveSingleItem().Key.ShouldBe("outsourcing.quotes");
    }

    [Fact]
    public void Read_UnknownFunctionInQuotes_IsReported()
    {
        var result = Read(Valid.Replace("quotes: { promotion: 200000 }", "quotes: { marketing: 200000 }", StringComparison.Ordinal));

        result.Errors.ShouldHaveSingleItem().Key.ShouldBe("outsourcing.quotes.marketing");
    }

    [Fact]
    public void Read_PeakShareBelowAverageHour_IsInconsistent()
    {
        var result = Read(Valid.Replace("peakHourShare: 0.15", "peakHourShare: 0.05", StringComparison.Ordinal));

        var error = result.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe("volume.peakHourShare");
        error.Message.En.ShouldContain("1/12");
    }

    [Fact]
    public void Read_RiskOutsideScale_IsReported()
    {
        var result = Read(Valid.Replace("likelihood: 3", "likelihood: 9", StringComparison.Ordinal));

        result.Errors.ShouldHaveSingleItem().Key.ShouldBe("strategy.risks[0].likelihood");
    }

    [Fact]
    public void Read_MalformedYaml_GivesTheLineWithoutThrowing()
    {
        var result = Read("enterprise:\n  name: [unclosed\n  kind: traditional\n");

        var error = result.Errors.ShouldHaveSingleItem();
        error.Line.ShouldBeGreaterThan(0);
        error.Message.En.ShouldStartWith("YAML syntax error");
    }

    [Fact]
    public void Read_DuplicateKey_IsReported()
    {
        var result = Read("enterprise: { name: A, kind: traditional }\nenterprise: { name: B, kind: traditional }\n");

        result.Errors.ShouldHaveSingleItem().Message.En.ShouldContain("twice");
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void Read_EmptyFile_SaysSo(string yaml) =>
        Read(yaml).Errors.ShouldHaveSingleItem().Message.En.ShouldBe("The file is empty.");

    [Fact]
    public void Read_TopLevelList_IsReported() =>
        Read("- a\n- b\n").Errors.ShouldHaveSingleItem().Message.En.ShouldContain("mapping");

    [Fact]
    public void Read_FunctionBothInDepartmentAndElsewhere_IsReported()
    {
        var result = Read(Valid.Replace("  consultingOwnedBy: marketing", "  consultingOwnedBy: marketing\n  handledElsewhere: [pr]", StringComparison.Ordinal));

        result.Errors.ShouldHaveSingleItem().Key.ShouldBe("department.handledElsewhere");
    }

    [Fact]
    public void Read_QuoteForAFunctionOutsideTheDepartment_IsReported()
    {
        var result = Read(Valid.Replace("quotes: { promotion: 200000 }", "quotes: { it-support: 50000 }", StringComparison.Ordinal));

        var error = result.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe("outsourcing.quotes.it-support");
        error.Message.En.ShouldContain("not in department.functions");
    }

    [Fact]
    public void Read_KeepInHouseOutsideTheDepartment_IsReported() =>
        Read(Valid.Replace("  quotes: { promotion: 200000 }", "  quotes: { promotion: 200000 }\n  keepInHouse: [fulfilment]", StringComparison.Ordinal))
            .Errors.ShouldHaveSingleItem().Key.ShouldBe("outsourcing.keepInHouse");

    [Fact]
    public void Read_ZeroTarget_IsReported() =>
        Read(Valid.Replace("target: 600", "target: 0", StringComparison.Ordinal)).Errors.ShouldHaveSingleItem().Key.ShouldBe("strategy.goals[0].target");

    [Fact]
    public void Read_SameKpiTwiceForAPeriod_IsReported()
    {
        var yaml = Valid.Replace("    - { kpi: leads, target: 600, period: month }", "    - { kpi: leads, target: 600, period: month }\n    - { kpi: leads, target: 700, period: month }", StringComparison.Ordinal);

        Read(yaml).Errors.ShouldHaveSingleItem().Key.ShouldBe("strategy.goals[1]");
    }

    [Fact]
    public void Read_SamePersonTwice_IsReported()
    {
        var yaml = Valid + "\n  - { name: Li Lei, post: consultant, skills: [customer-service] }";

        Read(yaml).Errors.ShouldHaveSingleItem().Key.ShouldBe("team[1].name");
    }

    [Theory]
    [InlineData("shrinkage: 0.3", "shrinkage: 0.95", "volume.shrinkage")]
    [InlineData("loadedCostPerPersonYear: 100000", "loadedCostPerPersonYear: 1e40", "enterprise.loadedCostPerPersonYear")]
    [InlineData("consultingOwnedBy: marketing", "consultingOwnedBy: sales", "department.consultingOwnedBy")]
    public void Read_ImplausibleOrContradictoryValue_IsReportedAtItsKey(string from, string to, string key) =>
        Read(Valid.Replace(from, to, StringComparison.Ordinal)).Errors.ShouldHaveSingleItem().Key.ShouldBe(key);

    [Fact]
    public void Read_ContactCentreScaleLoad_IsReported()
    {
        // 9,000,000 a day × 0.15 × 360 s ÷ 1 ÷ 3600 s = 135,000 erlangs at the peak.
        var yaml = Valid.Replace("inquiriesPerDay: 200", "inquiriesPerDay: 9000000", StringComparison.Ordinal)
            .Replace("concurrentChats: 3", "concurrentChats: 1", StringComparison.Ordinal);

        var error = Read(yaml).Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe("volume.inquiriesPerDay");
        error.Message.En.ShouldContain("135,000 erlangs");
    }

    [Fact]
    public void Read_FiftyThousandLevelsOfNesting_IsRefusedWithoutExhaustingTheStack()
    {
        var yaml = "a: " + new string('[', 50_000) + new string(']', 50_000);

        var error = Read(yaml).Errors.ShouldHaveSingleItem();

        error.Message.En.ShouldContain("Nested deeper than 32");
        error.Line.ShouldBe(1);
    }

    [Fact]
    public void Read_AliasBomb_IsRefusedBeforeExpanding()
    {
        var items = string.Join(",", Enumerable.Repeat("zz", 300));
        var team = string.Join(",", Enumerable.Repeat("*t", 300));
        var yaml = $"s: &s [{items}]\nt: &t {{name: x, post: promoter, skills: *s}}\nteam: [{team}]\n";

        var error = Read(yaml).Errors.ShouldHaveSingleItem();

        error.Message.En.ShouldContain("anchors");
    }

    [Fact]
    public void Read_AliasUsedAsAKey_IsRefused()
    {
        var yaml = "x: &a0 [x, x, x]\ny: &a1 [*a0, *a0]\nz: {? *a1 : 1}\n";

        Read(yaml).Errors.ShouldHaveSingleItem().Message.En.ShouldContain("not supported");
    }

    [Fact]
    public void Read_ThousandsOfProblems_AreCappedAtAHundredAndSaySo()
    {
        var team = string.Join("\n", Enumerable.Range(0, 500).Select(i => $"  - {{ name: p{i}, post: nobody }}"));
        var yaml = Valid.Replace("team:\n  - { name: Li Lei, post: promoter, skills: [seo, copywriting] }", "team:\n" + team, StringComparison.Ordinal);

        var errors = Read(yaml).Errors;

        errors.Count.ShouldBe(101);
        errors[^1].Message.En.ShouldContain("Too many errors");
    }

    [Fact]
    public void Read_MergeKey_IsReportedNotMisread()
    {
        var result = Read(Valid.Replace("  industry: tea", "  <<: { industry: tea }", StringComparison.Ordinal));

        result.Errors.ShouldContain(e => e.Message.En.Contains("merge keys", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("retailer.yaml")]
    [InlineData("manufacturer.yaml")]
    [InlineData("b2b-leads.yaml")]
    [InlineData("consumer-brand.yaml")]
    [InlineData("mismatched-team.yaml")]
    public void Read_ShippedExample_IsValid(string name) =>
        TestProfiles.LoadExample(name).Enterprise.Name.ShouldNotBeNullOrWhiteSpace();
}
