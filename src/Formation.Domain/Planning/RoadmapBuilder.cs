using Formation.Domain.Playbooks;
using Formation.Domain.Profiles;
using Formation.Domain.Text;

namespace Formation.Domain.Planning;

/// <summary>
/// The zero-to-one roadmap (PRODUCT §3 M1, source 000): the owner takes charge, the person in charge is
/// found, a minimum team pilots the primary model, online and offline relations are settled, the
/// department scales to the blueprint, and the results are evaluated and integrated.
/// </summary>
internal static class RoadmapBuilder
{
    public static List<RoadmapStage> Build(EnterpriseProfile profile, PlaybookLibrary library, List<PlannedPost> posts, List<MakeOrBuyDecision> makeOrBuy)
    {
        var primary = library.Playbooks[profile.Strategy.Models[0]];
        var lead = posts.First(p => p.ReportsTo == BlueprintEngine.Owner);
        // People already holding a post are not hired again.
        var remaining = posts.ToDictionary(p => p.Id, p => Math.Max(0, p.Headcount - p.People.Count), StringComparer.Ordinal);

        List<RoadmapHire> Take(IEnumerable<(string Post, decimal Count)> wanted)
        {
            var hires = new List<RoadmapHire>();
            foreach (var (post, count) in wanted)
            {
                if (remaining.TryGetValue(post, out var left) && left > 0)
                {
                    var take = Math.Min(left, count);
                    remaining[post] = left - take;
                    hires.Add(new RoadmapHire(post, take));
                }
            }

            return hires;
        }

        var goals = profile.Strategy.Goals.Count;
        var budget = profile.Strategy.AnnualBudget is { } b ? Format.Money(b, profile.Enterprise.Currency) : null;
        var stage1 = new RoadmapStage(1,
            new("老板挂帅，战略确定", "Owner in charge, strategy set"),
            new(
                $"老板担任网络营销第一负责人；已确定营销模式（主力：{primary.Name.Zh}）、{goals} 项目标{(budget is null ? "，并确定年度预算" : $"和年度预算 {budget}")}，完成 SWOT 与风险评估。",
                $"The owner is the first person in charge of network marketing; the models (primary: {primary.Name.En}), {goals} {(goals == 1 ? "goal" : "goals")} and {(budget is null ? "an annual budget" : $"the annual budget of {budget}")} are signed off, with the SWOT and risks written down."),
            []);

        var leadSkillNames = lead.Skills.Take(4).Select(id => library.Skills.TryGetValue(id, out var t) ? t.Name : new LocalizedText(id, id)).ToList();
        var leadSkills = new LocalizedText(string.Join("、", leadSkillNames.Select(n => n.Zh)), string.Join(", ", leadSkillNames.Select(n => n.En)));
        var stage2 = new RoadmapStage(2,
            new("找到负责人", "Person in charge found"),
            new(
                $"「{lead.Title.Zh}」到岗（技能：{leadSkills.Zh}）。招聘时一半以上精力用于在行业圈子中主动寻找，而不只是在招聘网站发布职位；负责人担任操盘手，由老板把握方向。",
                $"The {English.Mid(lead.Title.En)} is in post (skills: {leadSkills.En}). More than half of the recruiting effort went to searching industry circles actively, not only job boards; the hire operates while the owner keeps the direction."),
            Take([(lead.Id, lead.Headcount)]));

        var primaryPosts = primary.Activities.Select(a => a.Post).Distinct(StringComparer.Ordinal);
        var minimum = new List<(string, decimal)>
        {
            (PostCatalog.FrontendEditor, 1), (PostCatalog.BackendEngineer, 1),
        };
        minimum.AddRange(primaryPosts.Select(p => (p, 1m)));
        var outsourced = makeOrBuy.Where(m => m.Recommendation == MakeOrBuyRecommendation.Outsource).Select(m => m.Function.DisplayName()).ToList();
        var setup = posts.Sum(p => p.SetupHours);
        var pilotKpis = profile.Strategy.Goals.Select(g => g.Kpi).Where(k => primary.Activities.Any(a => a.Kpis.Contains(k))).Distinct().ToList();
        if (pilotKpis.Count == 0)
        {
            pilotKpis = primary.Activities.SelectMany(a => a.Kpis).Distinct().Take(3).ToList();
        }

        var kpiNames = pilotKpis.Select(k => library.Kpis[k].Name).ToList();
        var hasPlatform = posts.Any(p => p.Function == BusinessFunction.Platform) ||
                          makeOrBuy.Any(m => m.Function == BusinessFunction.Platform && m.Recommendation == MakeOrBuyRecommendation.Outsource);
        var ready = hasPlatform
            ? new LocalizedText($"平台上线（约 {setup:0} 小时的搭建工作完成）", $"The platform is live (about {setup:0} hours of set-up done)")
            : new LocalizedText($"首批工作就绪（约 {setup:0} 小时的准备工作完成）", $"The first work is set up (about {setup:0} hours of preparation done)");
        var contracts = outsourced.Count > 0
            ? new LocalizedText($"，外包合同（{string.Join("、", outsourced.Select(o => o.Zh))}）已签订", $", outsourcing contracts ({string.Join(", ", outsourced.Select(o => English.Mid(o.En)))}) signed")
            : new LocalizedText("", "");
        var stage3 = new RoadmapStage(3,
            hasPlatform
                ? new($"最小团队与平台，试点{primary.Name.Zh}", $"Minimum team and platform; pilot of {primary.Name.En}")
                : new($"最小团队，试点{primary.Name.Zh}", $"Minimum team; pilot of {primary.Name.En}"),
            new(
                $"{ready.Zh}{contracts.Zh}；试点连续 8 周按周记录{string.Join("、", kpiNames.Select(k => k.Zh))}，且趋势向好。",
                $"{ready.En}{contracts.En}; the pilot has measured {string.Join(", ", kpiNames.Select(k => k.En))} weekly for 8 weeks and the trend is up."),
            Take(minimum));

        var stage4 = new RoadmapStage(4,
            new("理顺线上线下关系", "Online/offline relations settled"),
            new(
                "与线下部门在人员、业务、资源三个层面达成书面约定：谁向谁汇报、线索如何分配与定价、共享哪些资源、线下成交如何计入线上渠道。",
                "People, business and resources agreed in writing with the offline department: who reports to whom, how leads are routed and priced, which resources are shared, and how sales closed offline are credited to online channels."),
            []);

        var rest = remaining.Where(r => r.Value > 0).Select(r => (r.Key, r.Value)).ToList();
        var total = posts.Sum(p => p.Headcount);
        var serviceClause = posts.Any(p => p.Id == PostCatalog.Consultant)
            ? new LocalizedText($"；客服达到 {profile.Volume.ServiceLevel:0%} 在 {profile.Volume.TargetAnswerSeconds:0} 秒内应答", $"; consulting answers {profile.Volume.ServiceLevel:0%} within {profile.Volume.TargetAnswerSeconds:0} s")
            : new LocalizedText("", "");
        var stage5 = new RoadmapStage(5,
            new("按蓝图扩充", "Scale by the blueprint"),
            new(
                $"蓝图中的 {Format.Count(total)} 个编制全部到岗{serviceClause.Zh}；一致性检查没有错误项。",
                total == 1 ? $"The blueprint's one position is filled{serviceClause.En}; the consistency check shows no errors."
                : total < 1 ? $"The blueprint's shared post is filled{serviceClause.En}; the consistency check shows no errors."
                : $"All {Format.Count(total)} positions of the blueprint are filled{serviceClause.En}; the consistency check shows no errors."),
            Take(rest));

        var stage6 = new RoadmapStage(6,
            new("评估与融合", "Evaluate and integrate"),
            new(
                $"每月对照目标评估实际效果，{lead.Title.Zh}提交效果分析报告；网络营销纳入公司整体经营管理与考核。",
                $"Goals are reviewed monthly against actuals with the {English.Mid(lead.Title.En)}'s effect analysis; network marketing is part of the company's management reviews and assessment."),
            []);

        return [stage1, stage2, stage3, stage4, stage5, stage6];
    }
}
