using Formation.Domain.Planning;

namespace Formation.Domain.Tests.Planning;

public class RoadmapTests
{
    [Theory]
    [InlineData("retailer.yaml")]
    [InlineData("manufacturer.yaml")]
    [InlineData("b2b-leads.yaml")]
    [InlineData("mismatched-team.yaml")]
    public void Roadmap_HiresEveryOpenPositionOnceAcrossTheStages(string example)
    {
        var blueprint = TestProfiles.LoadExample(example).Plan();

        blueprint.Roadmap.Select(s => s.Stage).ShouldBe([1, 2, 3, 4, 5, 6]);
        foreach (var post in blueprint.Posts)
        {
            var open = Math.Max(0, post.Headcount - post.People.Count);
            blueprint.Roadmap.SelectMany(s => s.Hires).Where(h => h.Post == post.Id).Sum(h => h.Headcount).ShouldBe(open, post.Id);
        }
    }

    [Fact]
    public void Roadmap_PeopleAlreadyInPost_AreNotHiredAgain()
    {
        var blueprint = TestProfiles.LoadExample("mismatched-team.yaml").Plan();
        var inPost = blueprint.Posts.Sum(p => Math.Min(p.Headcount, p.People.Count));

        inPost.ShouldBeGreaterThan(0);
        blueprint.Roadmap.SelectMany(s => s.Hires).Sum(h => h.Headcount).ShouldBe(blueprint.Headcount.Total - inPost);
    }

    [Fact]
    public void Roadmap_PersonInChargeComesBeforeTheTeam()
    {
        var roadmap = TestProfiles.LoadExample("retailer.yaml").Plan().Roadmap;

        roadmap[0].Hires.ShouldBeEmpty();
        roadmap[1].Hires.ShouldHaveSingleItem().Post.ShouldBe(PostCatalog.Manager);
        roadmap[2].Hires.ShouldContain(h => h.Post == PostCatalog.FrontendEditor);
        roadmap[2].Name.En.ShouldContain("Marketplace"); // the primary model's pilot
    }

    [Fact]
    public void Roadmap_EveryStageHasAGateInBothLanguages()
    {
        foreach (var stage in TestProfiles.LoadExample("b2b-leads.yaml").Plan().Roadmap)
        {
            stage.Name.Zh.ShouldNotBeNullOrWhiteSpace();
            stage.Gate.Zh.ShouldNotBeNullOrWhiteSpace();
            stage.Gate.En.Length.ShouldBeGreaterThan(40);
        }
    }
}
