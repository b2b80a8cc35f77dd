using Formation.Domain.Planning;
using Formation.Domain.Playbooks;
using Formation.Domain.Profiles;
using static Formation.Domain.Planning.BusinessFunction;

namespace Formation.Domain.Tests.Planning;

/// <summary>Each consistency rule: a case that trips it and the nearest case that does not.</summary>
public class FindingRulesTests
{
    private static List<Finding> Findings(Blueprint b, string rule) => b.Findings.Where(f => f.Rule == rule).ToList();

    private static EnterpriseProfile RetailDesk(params TeamMember[] team) => TestProfiles.Network("platform-retail") with
    {
        Department = new DepartmentInfo([Platform, Promotion, Consulting], ConsultingOwner.Marketing, [Fulfilment]),
        Volume = new VolumeInfo { InquiriesPerDay = 300, AverageHandleSeconds = 300, ConcurrentChats = 3, TargetAnswerSeconds = 30, CoverageHoursPerDay = 12 },
        Team = team,
    };

    private static string[] SkillsOf(string playbook, string post) =>
        PlaybookLibrary.Shipped.Playbooks[playbook].Activities.Where(a => a.Post == post).SelectMany(a => a.Skills)
            .Concat(PostCatalog.Get(post).CoreSkills).Distinct().ToArray();

    [Fact]
    public void SkillMismatch_SearchSpecialistOnPlatformRetailPromoterPost_IsAnError()
    {
        var blueprint = RetailDesk(new TeamMember("Wang", PostCatalog.Promoter, ["seo", "sem", "keyword-research"])).Plan();

        var finding = Findings(blueprint, FindingRules.SkillMismatch).ShouldHaveSingleItem();
        finding.Severity.ShouldBe(Severity.Error);
        finding.Subject.ShouldBe("Wang");
        finding.Message.En.ShouldContain("promoter");
        finding.Message.Zh.ShouldContain("岗位与技能不匹配");
        blueprint.HasErrors.ShouldBeTrue();
    }

    [Fact]
    public void SkillMismatch_PromoterWithThePostsSkills_IsNotReported()
    {
        var blueprint = RetailDesk(new TeamMember("Li", PostCatalog.Promoter, SkillsOf("platform-retail", PostCatalog.Promoter))).Plan();

        Findings(blueprint, FindingRules.SkillMismatch).ShouldBeEmpty();
        Findings(blueprint, FindingRules.SkillGap).ShouldNotContain(f => f.Subject == PostCatalog.Promoter);
    }

    [Fact]
    public void SkillMismatch_PersonOnAPostTheStrategyDoesNotNeed_IsAWarningWithTheBestFit()
    {
        var blueprint = RetailDesk(new TeamMember("Zhou", PostCatalog.PrSpecialist, SkillsOf("platform-retail", PostCatalog.FrontendEditor))).Plan();

        var finding = Findings(blueprint, FindingRules.SkillMismatch).ShouldHaveSingleItem();
        finding.Severity.ShouldBe(Severity.Warning);
        finding.Message.En.ShouldContain("front-end designer and editor");
    }

    [Fact]
    public void SkillGap_PostHoldersMissingRequiredSkills_IsReportedPerPost()
    {
        var skills = SkillsOf("platform-retail", PostCatalog.FrontendEditor);
        var blueprint = RetailDesk(new TeamMember("Zhao", PostCatalog.FrontendEditor, skills.Skip(1).ToArray())).Plan();

        var finding = Findings(blueprint, FindingRules.SkillGap).ShouldHaveSingleItem();
        finding.Subject.ShouldBe(PostCatalog.FrontendEditor);
        finding.Severity.ShouldBe(Severity.Warning);
        finding.Message.En.ShouldContain(PlaybookLibrary.Shipped.Skills[skills[0]].Name.En);
    }

    [Fact]
    public void SkillGap_NoTeamGiven_IsNotReported() =>
        Findings(RetailDesk().Plan(), FindingRules.SkillGap).ShouldBeEmpty();

    [Fact]
    public void ActivityUnowned_ModelNeedsFunctionsTheDepartmentLacks_IsAnErrorPerFunction()
    {
        var blueprint = TestProfiles.Network("platform-retail").WithFunctions(Platform, Promotion).Plan();

        var findings = Findings(blueprint, FindingRules.ActivityUnowned);
        findings.Select(f => f.Subject).ShouldBe(["consulting", "fulfilment"], ignoreOrder: true);
        findings.ShouldAllBe(f => f.Severity == Severity.Error);
        blueprint.Activities.Where(a => a.Activity.Function == Consulting).ShouldAllBe(a => a.Owner == ActivityOwner.Unowned && a.Post == null);
    }

    [Fact]
    public void ActivityUnowned_FunctionsHandledBySalesOrElsewhere_IsNotReported()
    {
        var profile = TestProfiles.Network("platform-retail") with
        {
            Department = new DepartmentInfo([Platform, Promotion], ConsultingOwner.Sales, [Fulfilment]),
        };

        Findings(profile.Plan(), FindingRules.ActivityUnowned).ShouldBeEmpty();
    }

    [Fact]
    public void KpiUnowned_GoalNoActivityDrives_IsAnErrorNamingModelsThatWould()
    {
        var blueprint = TestProfiles.Network("search").WithGoals(new Goal("followers", 1000, GoalPeriod.Month)).Plan();

        var finding = Findings(blueprint, FindingRules.KpiUnowned).ShouldHaveSingleItem();
        finding.Severity.ShouldBe(Severity.Error);
        finding.Subject.ShouldBe("followers");
        finding.Message.En.ShouldContain("new-media");
    }

    [Fact]
    public void KpiUnowned_GoalDrivenByAPlannedActivity_IsNotReported() =>
        Findings(TestProfiles.Network("search").WithGoals(new Goal("organic-traffic", 1000, GoalPeriod.Month)).Plan(), FindingRules.KpiUnowned).ShouldBeEmpty();

    [Fact]
    public void Goals_NameThePostsThatDriveThem()
    {
        var blueprint = TestProfiles.LoadExample("retailer.yaml").Plan();

        var orders = blueprint.Goals.Single(g => g.Goal.Kpi == "orders");
        orders.Posts.ShouldContain(PostCatalog.Promoter);
        orders.Others.ShouldContain("outsourced"); // the consulting agency converts chats into orders
        foreach (var goal in blueprint.Goals)
        {
            goal.Posts.ShouldAllBe(p => blueprint.Posts.Any(x => x.Id == p));
            goal.Posts.ShouldAllBe(p => blueprint.Activities.Any(a => a.Post == p && a.Activity.Kpis.Contains(goal.Goal.Kpi)));
        }
    }

    [Fact]
    public void KpiUnowned_GoalDrivenOnlyByUnownedActivities_IsReported()
    {
        // Only consulting drives service-level; without a consulting function nobody owns it.
        var blueprint = TestProfiles.Network("platform-retail").WithFunctions(Platform, Promotion)
            .WithGoals(new Goal("service-level", 0.8m, GoalPeriod.Month)).Plan();

        Findings(blueprint, FindingRules.KpiUnowned).ShouldHaveSingleItem().Message.En.ShouldContain(FindingRules.ActivityUnowned);
    }

    [Fact]
    public void PlatformMin_TraditionalEnterpriseRunningThePlatformWithOnePost_IsAWarning()
    {
        var blueprint = TestProfiles.Traditional("search").Plan();

        var finding = Findings(blueprint, FindingRules.PlatformMin).ShouldHaveSingleItem();
        finding.Severity.ShouldBe(Severity.Warning);
        blueprint.Posts.Where(p => p.Id is PostCatalog.FrontendEditor or PostCatalog.BackendEngineer).Sum(p => p.Headcount).ShouldBeLessThan(2);
    }

    [Fact]
    public void PlatformMin_NetworkPlan_MeetsTheMinimum() =>
        Findings(TestProfiles.Network("search").Plan(), FindingRules.PlatformMin).ShouldBeEmpty();

    [Fact]
    public void PlatformMin_ExistingTeamWithOnePlatformPerson_IsAWarning()
    {
        var blueprint = TestProfiles.Network("search").WithTeam(new TeamMember("Sun", PostCatalog.BackendEngineer, ["web-development"])).Plan();

        Findings(blueprint, FindingRules.PlatformMin).ShouldHaveSingleItem().Message.En.ShouldContain("current team has 1");
    }

    [Fact]
    public void PromotionCopy_PromotionWithoutCopyPlannerPost_IsAWarning() =>
        Findings(TestProfiles.Traditional("content-pr").WithFunctions(Promotion, Pr).Plan(), FindingRules.PromotionCopy)
            .ShouldHaveSingleItem().Severity.ShouldBe(Severity.Warning);

    [Fact]
    public void PromotionCopy_TeamOfPromotersWithoutCopyPlanner_IsAWarning()
    {
        var blueprint = TestProfiles.Network("search").WithTeam(
            new TeamMember("A", PostCatalog.Promoter, ["seo"]),
            new TeamMember("B", PostCatalog.Promoter, ["sem"])).Plan();

        Findings(blueprint, FindingRules.PromotionCopy).ShouldHaveSingleItem().Message.En.ShouldContain("2 promoters and no copy planner");
    }

    [Fact]
    public void PromotionCopy_NetworkPlanWithCopyPlanner_IsNotReported() =>
        Findings(TestProfiles.Network("search").Plan(), FindingRules.PromotionCopy).ShouldBeEmpty();

    [Fact]
    public void SpanOfControl_SupervisorOverFive_IsAWarning()
    {
        var blueprint = RetailDesk().Plan();
        var supervisor = blueprint.Posts.Single(p => p.Id == PostCatalog.ConsultingSupervisor);
        var span = blueprint.Posts.Where(p => p.ReportsTo == supervisor.Id).Sum(p => p.Headcount);

        span.ShouldBeGreaterThan(5);
        Findings(blueprint, FindingRules.SpanOfControl).ShouldContain(f => f.Subject == PostCatalog.ConsultingSupervisor && f.Severity == Severity.Warning);
    }

    [Fact]
    public void SpanOfControl_ManagerOverFiveWithoutSupervisorPosts_IsAWarning()
    {
        // PR has no supervisor post in the sources, so six PR people all report to the manager.
        var library = TestPlaybooks.WithActivity("pr-big", "pr", PostCatalog.PrSpecialist, 168);

        var blueprint = TestProfiles.Network("pr-big").WithFunctions(Pr).Plan(library);

        Findings(blueprint, FindingRules.SpanOfControl).ShouldHaveSingleItem().Subject.ShouldBe(PostCatalog.Manager);
    }

    [Fact]
    public void SpanOfControl_SmallTeam_IsNotReported() =>
        Findings(TestProfiles.Network("search").Plan(), FindingRules.SpanOfControl).ShouldBeEmpty();

    [Fact]
    public void DeptSize_NetworkDepartmentUnderThree_IsAWarning()
    {
        var library = TestPlaybooks.WithActivity("pr-one", "pr", PostCatalog.PrSpecialist, 20);

        var blueprint = TestProfiles.Network("pr-one").WithFunctions(Pr).Plan(library);

        blueprint.Headcount.Total.ShouldBeLessThan(3);
        Findings(blueprint, FindingRules.DeptSize).ShouldHaveSingleItem().Severity.ShouldBe(Severity.Warning);
    }

    [Fact]
    public void DeptSize_NetworkDepartmentOverTen_IsAWarning()
    {
        var blueprint = RetailDesk().Plan();

        blueprint.Headcount.Total.ShouldBeGreaterThan(10);
        Findings(blueprint, FindingRules.DeptSize).ShouldHaveSingleItem().Message.En.ShouldContain("over the 3–10");
    }

    [Fact]
    public void DeptSize_TraditionalOverThree_IsInformation()
    {
        var blueprint = (RetailDesk() with { Enterprise = RetailDesk().Enterprise with { Kind = EnterpriseKind.Traditional } }).Plan();

        blueprint.Headcount.Total.ShouldBeGreaterThan(3);
        Findings(blueprint, FindingRules.DeptSize).ShouldHaveSingleItem().Severity.ShouldBe(Severity.Info);
    }

    [Fact]
    public void DeptSize_UsualNetworkDepartment_IsNotReported() =>
        Findings(TestProfiles.Network("search").Plan(), FindingRules.DeptSize).ShouldBeEmpty();

    [Fact]
    public void BudgetOver_CostAboveBudget_IsAnErrorWithTheAmounts()
    {
        var blueprint = TestProfiles.Network("search").WithBudget(200_000m).Plan();

        var finding = Findings(blueprint, FindingRules.BudgetOver).ShouldHaveSingleItem();
        finding.Severity.ShouldBe(Severity.Error);
        var over = blueprint.Cost.TotalAnnual - 200_000m;
        finding.Message.En.ShouldContain($"CNY {over:#,0} over");
    }

    [Fact]
    public void BudgetOver_CostWithinBudget_IsNotReported() =>
        Findings(TestProfiles.Network("search").WithBudget(10_000_000m).Plan(), FindingRules.BudgetOver).ShouldBeEmpty();

    [Fact]
    public void BudgetOver_CountsOutsourcingContracts()
    {
        var library = TestPlaybooks.WithActivity("pr-heavy", "pr", PostCatalog.PrSpecialist, 84);
        var profile = TestProfiles.Network("search", "pr-heavy").WithFunctions(Platform, Promotion, Pr).WithQuote(Pr, 200_000m);
        var cost = profile.Plan(library).Cost;

        Findings(profile.WithBudget(cost.InHouseAnnual + 100_000m).Plan(library), FindingRules.BudgetOver).ShouldHaveSingleItem();
        Findings(profile.WithBudget(cost.TotalAnnual).Plan(library), FindingRules.BudgetOver).ShouldBeEmpty();
    }

    [Fact]
    public void ServiceLevel_TooFewConsultantsInTheTeam_IsAnErrorWithTheAchievedLevel()
    {
        var blueprint = RetailDesk(new TeamMember("Chen", PostCatalog.Consultant, ["customer-service"])).Plan();

        var finding = Findings(blueprint, FindingRules.ServiceLevel).ShouldHaveSingleItem();
        finding.Severity.ShouldBe(Severity.Error);
        finding.Message.En.ShouldContain("the one consultant on duty");
        finding.Message.En.ShouldContain("target of 80%");
    }

    [Fact]
    public void ServiceLevel_EnoughConsultants_IsNotReported()
    {
        var plan = RetailDesk().Plan();
        var needed = (int)plan.Posts.Single(p => p.Id == PostCatalog.Consultant).Headcount;
        var team = Enumerable.Range(0, needed).Select(i => new TeamMember($"C{i}", PostCatalog.Consultant, ["customer-service", "sales-communication"])).ToArray();

        Findings(RetailDesk(team).Plan(), FindingRules.ServiceLevel).ShouldBeEmpty();
    }

    [Fact]
    public void ServiceLevel_SingleSharedPostAnsweringInquiries_IsAWarning()
    {
        var profile = TestProfiles.Traditional("lead-generation").WithFunctions(Consulting)
            .WithVolume(v => v with { InquiriesPerDay = 30, AverageHandleSeconds = 240, TargetAnswerSeconds = 20 });

        var blueprint = profile.Plan();

        blueprint.Posts.ShouldHaveSingleItem().Id.ShouldBe(PostCatalog.Specialist);
        Findings(blueprint, FindingRules.ServiceLevel).ShouldHaveSingleItem().Severity.ShouldBe(Severity.Warning);
    }

    [Fact]
    public void Vacancy_PostsBeyondTheTeam_AreInformation()
    {
        var blueprint = RetailDesk(new TeamMember("Chen", PostCatalog.Consultant, ["customer-service"])).Plan();

        var vacancies = Findings(blueprint, FindingRules.Vacancy);
        vacancies.ShouldAllBe(f => f.Severity == Severity.Info);
        vacancies.ShouldContain(f => f.Subject == PostCatalog.Manager);
    }

    [Fact]
    public void Outsource_RecommendedContract_IsExplained()
    {
        var blueprint = TestProfiles.LoadExample("retailer.yaml").Plan();

        Findings(blueprint, FindingRules.Outsource).ShouldHaveSingleItem().Subject.ShouldBe("consulting");
    }

    [Theory]
    [InlineData("retailer.yaml")]
    [InlineData("manufacturer.yaml")]
    [InlineData("b2b-leads.yaml")]
    [InlineData("consumer-brand.yaml")]
    [InlineData("mismatched-team.yaml")]
    public void Findings_EveryMessage_IsInBothLanguages(string example)
    {
        foreach (var finding in TestProfiles.LoadExample(example).Plan().Findings)
        {
            finding.Message.Zh.Any(c => c >= '\u4e00' && c <= '\u9fff').ShouldBeTrue(finding.Rule);
            finding.Message.En.ShouldNotBe(finding.Message.Zh);
            finding.Message.En.Length.ShouldBeGreaterThan(30, finding.Rule);
            finding.Subject.ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public void Findings_MismatchedTeamExample_HasTheErrorsItWasWrittenFor()
    {
        var rules = TestProfiles.LoadExample("mismatched-team.yaml").Plan().Findings.Where(f => f.Severity == Severity.Error).Select(f => f.Rule).ToHashSet();

        rules.ShouldContain(FindingRules.SkillMismatch);
        rules.ShouldContain(FindingRules.ServiceLevel);
    }

    [Fact]
    public void Findings_AreOrderedBySeverity()
    {
        var findings = TestProfiles.LoadExample("mismatched-team.yaml").Plan().Findings;

        findings.Select(f => f.Severity).ShouldBe(findings.Select(f => f.Severity).Order().ToList());
    }
}
