using Formation.Domain.Planning;
using Formation.Domain.Playbooks;

namespace Formation.Domain.Tests.Playbooks;

public class PlaybookLibraryTests
{
    private const string MinimalPlaybook = """
        id: content-pr
        name: { zh: 我的公关, en: My PR }
        modules:
          - { id: main, name: { zh: 主要, en: Main } }
        activities:
          - id: write
            module: main
            name: { zh: 写作, en: Writing }
            function: promotion
            post: copy-planner
            phase: implementation
            skills: [copywriting]
            effort: { hoursPerWeek: 3 }
            cadence: weekly
            kpis: [mentions]
            checkpoint:
              evidence: { zh: 文章清单, en: List of articles }
              frequency: weekly
              checkedBy: promotion-supervisor
        """;

    [Fact]
    public void Shipped_HasTheFiveModelsOfTheSpecification()
    {
        var ids = PlaybookLibrary.Shipped.Playbooks.Keys;

        ids.ShouldContain("search");
        ids.ShouldContain("platform-retail");
        ids.ShouldContain("new-media");
        ids.ShouldContain("content-pr");
        ids.ShouldContain("lead-generation");
    }

    [Fact]
    public void Shipped_EveryActivityIsComplete()
    {
        foreach (var playbook in PlaybookLibrary.Shipped.Playbooks.Values)
        {
            playbook.Name.Zh.ShouldNotBeNullOrWhiteSpace();
            playbook.Name.En.ShouldNotBeNullOrWhiteSpace();
            foreach (var a in playbook.Activities)
            {
                a.Name.Zh.Any(c => c >= '\u4e00' && c <= '\u9fff').ShouldBeTrue($"{a.Id} has no Chinese name");
                a.Checkpoint.Evidence.En.ShouldNotBeNullOrWhiteSpace();
                PostCatalog.TryGet(a.Post, out var post).ShouldBeTrue();
                post.Function.ShouldBe(a.Function, a.Id);
                (a.Effort.ErlangC || a.Effort.HoursPerWeek + a.Effort.SetupHours + (a.Effort.PerUnit?.Hours ?? 0) > 0).ShouldBeTrue(a.Id);
                a.Skills.ShouldAllBe(s => PlaybookLibrary.Shipped.Skills.ContainsKey(s));
                a.Kpis.ShouldAllBe(k => PlaybookLibrary.Shipped.Kpis.ContainsKey(k));
            }
        }
    }

    [Fact]
    public void Shipped_ModelsCoverTheActivitiesTheSpecificationNames()
    {
        static IEnumerable<string> Names(string id) => PlaybookLibrary.Shipped.Playbooks[id].Activities.Select(a => a.Name.En.ToUpperInvariant());

        Names("search").ShouldContain(n => n.Contains("KEYWORD"));
        Names("search").ShouldContain(n => n.Contains("LINK"));
        Names("platform-retail").ShouldContain(n => n.Contains("SETTLEMENT"));
        Names("new-media").ShouldContain(n => n.Contains("KOL"));
        Names("content-pr").ShouldContain(n => n.Contains("CRISIS"));
        Names("lead-generation").ShouldContain(n => n.Contains("LANDING"));
        PlaybookLibrary.Shipped.Playbooks["platform-retail"].Activities.ShouldContain(a => a.Effort.ErlangC);
        PlaybookLibrary.Shipped.Playbooks["lead-generation"].Activities.ShouldContain(a => a.Effort.ErlangC);
    }

    [Fact]
    public void Shipped_KpiVocabularyHoldsTheMeasuredKpis()
    {
        string[] measured = ["impressions", "clicks", "ctr", "cost", "cpc", "cpm", "conversions", "cvr", "cpa", "leads", "cost-per-lead", "orders", "revenue", "aov", "roas", "roi"];

        measured.ShouldAllBe(k => PlaybookLibrary.Shipped.Kpis.ContainsKey(k));
    }

    [Fact]
    public void With_UserPlaybookOfSameId_ReplacesTheShippedOne()
    {
        var result = PlaybookLibrary.Shipped.With([new SourceText("mine/content-pr.yaml", MinimalPlaybook)]);

        result.IsValid.ShouldBeTrue();
        var playbook = result.Value!.Playbooks["content-pr"];
        playbook.Name.En.ShouldBe("My PR");
        playbook.Activities.ShouldHaveSingleItem().Id.ShouldBe("content-pr/write");
        result.Value.Playbooks.Count.ShouldBe(PlaybookLibrary.Shipped.Playbooks.Count);
    }

    [Fact]
    public void With_UserVocabulary_AddsSkillsUsableByUserPlaybooks()
    {
        var vocabulary = "skills:\n  - { id: livestreaming, name: { zh: 直播, en: Livestreaming } }\n";
        var playbook = MinimalPlaybook.Replace("id: content-pr", "id: live", StringComparison.Ordinal)
            .Replace("skills: [copywriting]", "skills: [livestreaming]", StringComparison.Ordinal);

        var result = PlaybookLibrary.Shipped.With([new SourceText("mine/vocabulary.yaml", vocabulary), new SourceText("mine/live.yaml", playbook)]);

        result.IsValid.ShouldBeTrue();
        result.Value!.Skills.ContainsKey("livestreaming").ShouldBeTrue();
        result.Value.Skills.ContainsKey("seo").ShouldBeTrue();
        result.Value.Playbooks.ContainsKey("live").ShouldBeTrue();
    }

    [Fact]
    public void With_VocabularyIdTwiceInOneFile_IsReported()
    {
        var vocabulary = "skills:\n  - { id: live, name: { zh: 直播, en: Live } }\n  - { id: live, name: { zh: 直播2, en: Live 2 } }\n";

        var result = PlaybookLibrary.Shipped.With([new SourceText("mine/vocabulary.yaml", vocabulary)]);

        var error = result.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe("skills[1].id");
        error.Line.ShouldBe(3);
    }

    [Fact]
    public void With_InvalidUserPlaybook_ReportsFileLineAndKey()
    {
        var broken = MinimalPlaybook
            .Replace("post: copy-planner", "post: influencer", StringComparison.Ordinal)          // line 10
            .Replace("phase: implementation", "phase: someday", StringComparison.Ordinal)         // line 11
            .Replace("skills: [copywriting]", "skills: [copywriting, magic]", StringComparison.Ordinal)
            .Replace("cadence: weekly", "cadence: hourly", StringComparison.Ordinal);

        var result = PlaybookLibrary.Shipped.With([new SourceText("mine/content-pr.yaml", broken)]);

        result.IsValid.ShouldBeFalse();
        var byKey = result.Errors.ToDictionary(e => e.Key);
        byKey["activities[0].post"].Line.ShouldBe(10);
        byKey["activities[0].phase"].Line.ShouldBe(11);
        byKey["activities[0].skills[1]"].Message.En.ShouldContain("magic");
        byKey["activities[0].cadence"].Message.En.ShouldContain("hourly");
        result.Errors.ShouldAllBe(e => e.File == "mine/content-pr.yaml");
    }

    [Fact]
    public void With_PostOfAnotherFunction_IsRejected()
    {
        var wrong = MinimalPlaybook.Replace("function: promotion", "function: pr", StringComparison.Ordinal);

        var result = PlaybookLibrary.Shipped.With([new SourceText("mine/content-pr.yaml", wrong)]);

        result.Errors.ShouldHaveSingleItem().Message.En.ShouldContain("belongs to function \"promotion\"");
    }

    [Fact]
    public void With_SupervisorAsWorkingPost_IsRejected()
    {
        var wrong = MinimalPlaybook.Replace("post: copy-planner", "post: promotion-supervisor", StringComparison.Ordinal);

        var result = PlaybookLibrary.Shipped.With([new SourceText("mine/content-pr.yaml", wrong)]);

        result.Errors.ShouldHaveSingleItem().Key.ShouldBe("activities[0].post");
    }

    [Fact]
    public void With_ErlangCOutsideConsulting_IsRejected()
    {
        var wrong = MinimalPlaybook.Replace("effort: { hoursPerWeek: 3 }", "effort: { erlangC: true }", StringComparison.Ordinal);

        var result = PlaybookLibrary.Shipped.With([new SourceText("mine/content-pr.yaml", wrong)]);

        result.Errors.ShouldHaveSingleItem().Key.ShouldBe("activities[0].effort.erlangC");
    }

    [Fact]
    public void With_EmptyEffort_IsRejected()
    {
        var wrong = MinimalPlaybook.Replace("effort: { hoursPerWeek: 3 }", "effort: {}", StringComparison.Ordinal);

        var result = PlaybookLibrary.Shipped.With([new SourceText("mine/content-pr.yaml", wrong)]);

        result.Errors.ShouldHaveSingleItem().Message.En.ShouldContain("at least one");
    }
}
