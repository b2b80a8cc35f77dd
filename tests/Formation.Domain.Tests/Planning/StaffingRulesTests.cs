using Formation.Domain.Planning;
using Formation.Domain.Profiles;
using static Formation.Domain.Planning.PostCatalog;

namespace Formation.Domain.Tests.Planning;

/// <summary>The staffing rules of PRODUCT §2.4, one by one.</summary>
public class StaffingRulesTests
{
    private static decimal Headcount(Blueprint b, string post) => b.Posts.FirstOrDefault(p => p.Id == post)?.Headcount ?? 0;

    [Fact]
    public void Plan_AnyNetworkDepartment_HasOneManagerReportingToTheOwner()
    {
        var blueprint = TestProfiles.Network("search").Plan();

        var manager = blueprint.Posts.Single(p => p.Id == Manager);
        manager.Headcount.ShouldBe(1);
        manager.ReportsTo.ShouldBe(BlueprintEngine.Owner);
        manager.Phases.ShouldBe([Phase.Planning, Phase.Implementation, Phase.Evaluation]);
        blueprint.Posts.Where(p => p.Id != Manager).ShouldAllBe(p => p.ReportsTo != BlueprintEngine.Owner);
    }

    [Fact]
    public void Plan_PlatformInHouse_HasFrontEndEditorAndBackEndEngineerEvenWithLittleWork()
    {
        // Lead generation's platform work is small (landing pages), yet the platform needs two people.
        var blueprint = TestProfiles.Network("lead-generation").WithFunctions(BusinessFunction.Platform).Plan();

        Headcount(blueprint, FrontendEditor).ShouldBeGreaterThanOrEqualTo(1);
        Headcount(blueprint, BackendEngineer).ShouldBeGreaterThanOrEqualTo(1);
        blueprint.Posts.Where(p => p.Function == BusinessFunction.Platform).Sum(p => p.Headcount).ShouldBeGreaterThanOrEqualTo(2);
        blueprint.Posts.Single(p => p.Id == BackendEngineer).Justification.ShouldContain(j => j.En.Contains(FindingRules.PlatformMin));
    }

    [Fact]
    public void Plan_PromotionInHouse_HasACopyPlannerAndAPromoter()
    {
        var blueprint = TestProfiles.Network("search").WithFunctions(BusinessFunction.Promotion).Plan();

        Headcount(blueprint, CopyPlanner).ShouldBeGreaterThanOrEqualTo(1);
        Headcount(blueprint, Promoter).ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public void Plan_MoreContent_GrowsPromotionHeadcount()
    {
        var small = TestProfiles.Network("new-media").WithFunctions(BusinessFunction.Promotion).WithVolume(v => v with { ContentPiecesPerWeek = 2 }).Plan();
        var large = TestProfiles.Network("new-media").WithFunctions(BusinessFunction.Promotion).WithVolume(v => v with { ContentPiecesPerWeek = 30 }).Plan();

        large.Headcount.ByFunction[BusinessFunction.Promotion].ShouldBeGreaterThan(small.Headcount.ByFunction[BusinessFunction.Promotion]);
    }

    [Fact]
    public void Plan_Headcount_FollowsWorkloadOverProductiveHours()
    {
        // 70 hours a week of PR work at 40 h × (1 − 0.3) = 28 productive hours → 2.5 FTE → 3 people.
        var library = TestPlaybooks.WithActivity("pr-heavy", "pr", PrSpecialist, 70);
        var profile = TestProfiles.Network("pr-heavy").WithFunctions(BusinessFunction.Pr);

        var post = profile.Plan(library).Posts.Single(p => p.Id == PrSpecialist);

        post.WorkloadHoursPerWeek.ShouldBe(70);
        post.WorkloadFte.ShouldBe(2.5, 1e-9);
        post.Headcount.ShouldBe(3);
    }

    [Fact]
    public void Plan_WorkloadJustOverAWholePerson_IsAbsorbed()
    {
        // 30 h = 1.07 FTE: within the 0.1 tolerance, one person.
        var library = TestPlaybooks.WithActivity("pr-1", "pr", PrSpecialist, 30);

        TestProfiles.Network("pr-1").WithFunctions(BusinessFunction.Pr).Plan(library).Posts.Single(p => p.Id == PrSpecialist).Headcount.ShouldBe(1);
    }

    [Fact]
    public void Plan_SmallPrWork_MergesIntoTheCopyPlanner()
    {
        // 5 h of PR (0.18 FTE) is no post of its own when promotion has a copy planner.
        var library = TestPlaybooks.WithActivity("pr-small", "pr", PrSpecialist, 5);
        var profile = TestProfiles.Network("search", "pr-small").WithFunctions(BusinessFunction.Platform, BusinessFunction.Promotion, BusinessFunction.Pr);

        var blueprint = profile.Plan(library);

        blueprint.Posts.ShouldNotContain(p => p.Id == PrSpecialist);
        var copy = blueprint.Posts.Single(p => p.Id == CopyPlanner);
        copy.Justification.ShouldContain(j => j.En.StartsWith("Merged", StringComparison.Ordinal));
        blueprint.Activities.Single(a => a.Activity.Id == "pr-small/work").Post.ShouldBe(CopyPlanner);
    }

    [Fact]
    public void Plan_ConsultingInHouse_IsSizedByErlangC()
    {
        var profile = TestProfiles.Network("lead-generation")
            .WithFunctions(BusinessFunction.Platform, BusinessFunction.Promotion, BusinessFunction.Consulting)
            .WithVolume(v => v with { InquiriesPerDay = 200, PeakHourShare = 0.15, AverageHandleSeconds = 360, ConcurrentChats = 3, TargetAnswerSeconds = 30, CoverageHoursPerDay = 12 });

        var blueprint = profile.Plan();

        var consulting = blueprint.Consulting.ShouldNotBeNull();
        consulting.PeakContactsPerHour.ShouldBe(30, 1e-9);
        consulting.Peak.TrafficErlangs.ShouldBe(30 * (360 / 2.5) / 3600, 1e-9);
        consulting.Peak.ServiceLevel.ShouldBeGreaterThanOrEqualTo(0.8);
        var consultants = blueprint.Posts.Single(p => p.Id == Consultant).Headcount;
        consultants.ShouldBe(consulting.Positions);
        consultants.ShouldBeGreaterThanOrEqualTo(consulting.Peak.Positions);
        // The desk is open 12 h × 7 days: the seat-hours must fit into the consultants' productive hours.
        ((double)consultants * 28).ShouldBeGreaterThanOrEqualTo(consulting.SeatHoursPerWeek);
    }

    [Fact]
    public void Plan_MoreInquiries_NeverFewerConsultants()
    {
        decimal previous = 0;
        foreach (var inquiries in new[] { 5, 20, 50, 100, 200, 400, 800, 1600, 5000 })
        {
            var blueprint = TestProfiles.Network("lead-generation")
                .WithFunctions(BusinessFunction.Platform, BusinessFunction.Promotion, BusinessFunction.Consulting)
                .WithVolume(v => v with { InquiriesPerDay = inquiries })
                .Plan();
            var consultants = blueprint.Posts.Single(p => p.Id == Consultant).Headcount;
            consultants.ShouldBeGreaterThanOrEqualTo(previous, $"at {inquiries} inquiries a day");
            previous = consultants;
        }
    }

    [Fact]
    public void Plan_ConsultingOwnedBySales_StaffsNoConsultants()
    {
        var profile = TestProfiles.Network("lead-generation") with
        {
            Department = new DepartmentInfo([BusinessFunction.Platform, BusinessFunction.Promotion], ConsultingOwner.Sales, []),
        };

        var blueprint = profile.WithVolume(v => v with { InquiriesPerDay = 100 }).Plan();

        blueprint.Posts.ShouldNotContain(p => p.Function == BusinessFunction.Consulting);
        blueprint.Consulting.ShouldBeNull();
        blueprint.Activities.Where(a => a.Activity.Function == BusinessFunction.Consulting).ShouldAllBe(a => a.Owner == ActivityOwner.Sales);
        blueprint.Findings.ShouldNotContain(f => f.Rule == FindingRules.ActivityUnowned);
    }

    [Fact]
    public void Plan_SmallDepartment_HasNoSupervisors()
    {
        var blueprint = TestProfiles.Network("search").Plan();

        blueprint.Posts.ShouldNotContain(p => PostCatalog.Get(p.Id).IsSupervisor);
        Math.Ceiling(blueprint.Posts.Where(p => p.ReportsTo == Manager).Sum(p => p.Headcount)).ShouldBeLessThanOrEqualTo(5);
    }

    [Fact]
    public void Plan_ManagerSpanOverFive_AddsSupervisorsForTheLargestFunctions()
    {
        var blueprint = TestProfiles.LoadExample("mismatched-team.yaml").Plan();

        var supervisors = blueprint.Posts.Where(p => PostCatalog.Get(p.Id).IsSupervisor).ToList();
        supervisors.ShouldNotBeEmpty();
        foreach (var supervisor in supervisors)
        {
            var team = blueprint.Posts.Where(p => p.ReportsTo == supervisor.Id).ToList();
            team.ShouldAllBe(p => p.Function == supervisor.Function);
            team.Sum(p => p.Headcount).ShouldBeGreaterThanOrEqualTo(StaffingRules.MinSpan);
            supervisor.ReportsTo.ShouldBe(Manager);
        }

        Math.Ceiling(blueprint.Posts.Where(p => p.ReportsTo == Manager).Sum(p => p.Headcount)).ShouldBeLessThanOrEqualTo(StaffingRules.MaxSpan);
        blueprint.Posts.Count(p => PostCatalog.Get(p.Id).IsSupervisor).ShouldBeLessThanOrEqualTo(3);
    }

    [Fact]
    public void Plan_TraditionalWithLittleVolume_IsOneSharedPostReportingToTheOwner()
    {
        var blueprint = TestProfiles.Traditional("content-pr").WithFunctions(BusinessFunction.Promotion, BusinessFunction.Pr)
            .WithVolume(v => v with { ContentPiecesPerWeek = 1 }).Plan();

        var post = blueprint.Posts.ShouldHaveSingleItem();
        post.Id.ShouldBe(Specialist);
        post.ReportsTo.ShouldBe(BlueprintEngine.Owner);
        post.Headcount.ShouldBeOneOf(0.5m, 1m);
        blueprint.Headcount.Total.ShouldBe(post.Headcount);
        blueprint.Activities.Where(a => a.Owner == ActivityOwner.InHouse).ShouldAllBe(a => a.Post == Specialist);
    }

    [Fact]
    public void Plan_TraditionalEnterpriseGrowing_AddsPeopleGraduallyAndNeverFarBeyondTheWork()
    {
        decimal previous = 0;
        for (var pieces = 0; pieces <= 20; pieces++)
        {
            var blueprint = TestProfiles.Traditional("content-pr").WithFunctions(BusinessFunction.Promotion, BusinessFunction.Pr)
                .WithVolume(v => v with { ContentPiecesPerWeek = pieces }).Plan();
            var work = (decimal)blueprint.Posts.Sum(p => p.WorkloadFte);

            blueprint.Headcount.Total.ShouldBeGreaterThanOrEqualTo(previous, $"at {pieces} pieces a week");
            blueprint.Headcount.Total.ShouldBeLessThanOrEqualTo(work + 1, $"at {pieces} pieces a week");
            blueprint.Posts.Count(p => p.ReportsTo == BlueprintEngine.Owner).ShouldBe(1);
            previous = blueprint.Headcount.Total;
        }
    }

    [Fact]
    public void Plan_TraditionalManufacturerExample_IsAtMostOnePersonPlusOutsourcing()
    {
        var blueprint = TestProfiles.LoadExample("manufacturer.yaml").Plan();

        blueprint.Headcount.Total.ShouldBeLessThanOrEqualTo(1);
        blueprint.MakeOrBuy.ShouldContain(m => m.Recommendation == MakeOrBuyRecommendation.Outsource);
        blueprint.Cost.OutsourcingAnnual.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Plan_ThreePostsAgainstA200000Contract_OutsourcesAndSaves100000()
    {
        // PRODUCT §2.4: one owner replaced 3 posts at about 100,000 each with a 200,000 contract.
        var library = TestPlaybooks.WithActivity("pr-heavy", "pr", PrSpecialist, 84); // 84 h / 28 h = 3 FTE
        var profile = TestProfiles.Network("pr-heavy").WithFunctions(BusinessFunction.Pr).WithQuote(BusinessFunction.Pr, 200_000m);

        var blueprint = profile.Plan(library);

        var decision = blueprint.MakeOrBuy.ShouldHaveSingleItem();
        decision.Function.ShouldBe(BusinessFunction.Pr);
        decision.InHouseHeadcount.ShouldBe(3);
        decision.InHouseAnnual.ShouldBe(300_000m);
        decision.OutsourceAnnual.ShouldBe(200_000m);
        decision.Saving.ShouldBe(100_000m);
        decision.Recommendation.ShouldBe(MakeOrBuyRecommendation.Outsource);
        blueprint.Posts.ShouldNotContain(p => p.Function == BusinessFunction.Pr);
        blueprint.Activities.Single(a => a.Activity.Id == "pr-heavy/work").Owner.ShouldBe(ActivityOwner.Outsourced);
        blueprint.Cost.OutsourcingAnnual.ShouldBe(200_000m);
        blueprint.Posts.Single(p => p.Id == Manager).Duties.ShouldContain(d => d.Text.En.Contains("agency"));
    }

    [Theory]
    [InlineData("retailer.yaml")]
    [InlineData("manufacturer.yaml")]
    [InlineData("b2b-leads.yaml")]
    [InlineData("consumer-brand.yaml")]
    public void Plan_ChosenOutsourcing_IsTheCheapestCombination(string example)
    {
        var profile = TestProfiles.LoadExample(example);
        var quoted = profile.Outsourcing.Quotes.Keys.ToList();
        var chosen = profile.Plan().Cost.TotalAnnual;

        // Every combination, forced by keeping the rest in-house.
        for (var mask = 0; mask < 1 << quoted.Count; mask++)
        {
            var keep = quoted.Where((_, i) => (mask & (1 << i)) == 0).Concat(profile.Outsourcing.KeepInHouse).Distinct().ToList();
            var forced = profile with { Outsourcing = profile.Outsourcing with { KeepInHouse = keep } };
            forced.Plan().Cost.TotalAnnual.ShouldBeGreaterThanOrEqualTo(chosen, $"keeping {string.Join(", ", keep)} in-house");
        }
    }

    [Fact]
    public void Plan_OutsourcingOneFunctionChangesAnothersCost_DecidesThemTogether()
    {
        // In the retailer, the platform looks cheaper to outsource only while the big consulting desk
        // is in-house (it makes supervisors necessary); decided together, the platform stays in-house.
        var blueprint = TestProfiles.LoadExample("retailer.yaml").Plan();

        blueprint.MakeOrBuy.Single(m => m.Function == BusinessFunction.Platform).Recommendation.ShouldBe(MakeOrBuyRecommendation.InHouse);
        blueprint.MakeOrBuy.Single(m => m.Function == BusinessFunction.Consulting).Recommendation.ShouldBe(MakeOrBuyRecommendation.Outsource);
        foreach (var m in blueprint.MakeOrBuy)
        {
            (m.Saving > 0).ShouldBe(m.Recommendation == MakeOrBuyRecommendation.Outsource, m.Function.ToString());
        }
    }

    [Fact]
    public void Plan_SmallPostsThatWouldOverloadTheManager_StayStandaloneAndThereIsOneManager()
    {
        var profile = TestProfiles.Network("platform-retail", "search", "content-pr", "new-media") with
        {
            Enterprise = TestProfiles.Network().Enterprise with { WorkHoursPerWeek = 30 },
            Department = new DepartmentInfo([BusinessFunction.Promotion, BusinessFunction.Pr, BusinessFunction.ItSupport, BusinessFunction.Platform], ConsultingOwner.Sales, [BusinessFunction.Fulfilment]),
            Volume = new VolumeInfo { ContentPiecesPerWeek = 4, SkuCount = 20, OrdersPerDay = 10 },
        };

        var blueprint = profile.WithQuote(BusinessFunction.Promotion, 100_000m).WithQuote(BusinessFunction.Platform, 50_000m).Plan();

        blueprint.Posts.Single(p => p.Id == Manager).Headcount.ShouldBe(1);
        blueprint.Posts.Where(p => p.Id != Manager).ShouldAllBe(p => p.Headcount > 0);
    }

    [Fact]
    public void Plan_Justification_StatesTheFinalHeadcount()
    {
        foreach (var example in new[] { "retailer.yaml", "manufacturer.yaml", "b2b-leads.yaml", "mismatched-team.yaml" })
        {
            foreach (var post in TestProfiles.LoadExample(example).Plan().Posts.Where(p => p.WorkloadHoursPerWeek > 0))
            {
                post.Justification[^1].En.ShouldEndWith($"→ {Text.English.People(post.Headcount)}", Case.Sensitive, $"{example} {post.Id}");
            }
        }
    }

    [Fact]
    public void Plan_TinyChatVolume_AnswersBetweenOtherWorkInsteadOfStaffingADesk()
    {
        var blueprint = TestProfiles.Network("lead-generation")
            .WithFunctions(BusinessFunction.Platform, BusinessFunction.Promotion, BusinessFunction.Consulting)
            .WithVolume(v => v with { InquiriesPerDay = 1 }).Plan();

        blueprint.Posts.Single(p => p.Id == Consultant).Headcount.ShouldBe(1);
        blueprint.Posts.ShouldNotContain(p => p.Id == ConsultingSupervisor);
        blueprint.Consulting.ShouldNotBeNull().DedicatedDesk.ShouldBeFalse();
        blueprint.Findings.ShouldContain(f => f.Rule == FindingRules.ConsultingLowLoad);
    }

    [Fact]
    public void Plan_QuoteAboveInHouseCost_StaysInHouse()
    {
        var library = TestPlaybooks.WithActivity("pr-heavy", "pr", PrSpecialist, 84);
        var profile = TestProfiles.Network("pr-heavy").WithFunctions(BusinessFunction.Pr).WithQuote(BusinessFunction.Pr, 350_000m);

        var decision = profile.Plan(library).MakeOrBuy.ShouldHaveSingleItem();

        decision.Saving.ShouldBe(-50_000m);
        decision.Recommendation.ShouldBe(MakeOrBuyRecommendation.InHouse);
    }

    [Fact]
    public void Plan_KeepInHouse_OverridesACheaperQuote()
    {
        var library = TestPlaybooks.WithActivity("pr-heavy", "pr", PrSpecialist, 84);
        var profile = TestProfiles.Network("pr-heavy").WithFunctions(BusinessFunction.Pr).WithQuote(BusinessFunction.Pr, 200_000m, keepInHouse: true);

        var blueprint = profile.Plan(library);

        blueprint.MakeOrBuy.ShouldHaveSingleItem().Recommendation.ShouldBe(MakeOrBuyRecommendation.InHouse);
        blueprint.Posts.ShouldContain(p => p.Id == PrSpecialist);
    }

    [Fact]
    public void Plan_CostAndHeadcount_AddUp()
    {
        var blueprint = TestProfiles.LoadExample("b2b-leads.yaml").Plan();

        blueprint.Headcount.Total.ShouldBe(blueprint.Posts.Sum(p => p.Headcount));
        blueprint.Headcount.ByFunction.Values.Sum().ShouldBe(blueprint.Headcount.Total);
        blueprint.Cost.InHouseAnnual.ShouldBe(blueprint.Headcount.Total * 120_000m);
        blueprint.Cost.ByFunction.Values.Sum().ShouldBe(blueprint.Cost.InHouseAnnual);
        blueprint.Cost.TotalAnnual.ShouldBe(blueprint.Cost.InHouseAnnual + blueprint.Cost.OutsourcingAnnual);
    }

    [Fact]
    public void Plan_EveryPost_HasDutiesSkillsAndJustification()
    {
        var blueprint = TestProfiles.LoadExample("retailer.yaml").Plan();

        foreach (var post in blueprint.Posts)
        {
            post.Duties.ShouldNotBeEmpty(post.Id);
            post.Skills.ShouldNotBeEmpty(post.Id);
            post.Justification.ShouldNotBeEmpty(post.Id);
            post.Phases.ShouldBe(post.Duties.Select(d => d.Phase).Distinct().Order().ToList());
        }
    }

    [Fact]
    public void Plan_ItSupportFunction_BringsItsStandingWork()
    {
        var blueprint = TestProfiles.Network("search").WithFunctions(BusinessFunction.Platform, BusinessFunction.Promotion, BusinessFunction.ItSupport).Plan();

        blueprint.Activities.ShouldContain(a => a.Activity.Function == BusinessFunction.ItSupport && a.Owner == ActivityOwner.InHouse);
    }

    [Fact]
    public void Plan_SameInput_SameBlueprint()
    {
        var profile = TestProfiles.LoadExample("retailer.yaml");

        var a = Formation.Domain.Reporting.BlueprintJson.Serialize(profile.Plan(), Text.Language.En);
        var b = Formation.Domain.Reporting.BlueprintJson.Serialize(profile.Plan(), Text.Language.En);

        a.ShouldBe(b);
    }
}
