using System.Globalization;
using Formation.Domain.Playbooks;
using Formation.Domain.Profiles;
using Formation.Domain.Staffing;
using Formation.Domain.Text;

namespace Formation.Domain.Planning;

/// <summary>The consistency check: every rule that can find something wrong with a plan or with the team it meets.</summary>
internal sealed class FindingBuilder(EnterpriseProfile profile, PlaybookLibrary library, List<Finding> findings)
{
    private string Money(decimal amount) => Format.Money(amount, profile.Enterprise.Currency);

    private static string F(double v) => Format.Number(v);

    private static string P(double v) => Format.Percent(v);

    private static string C(decimal v) => Format.Count(v);

    private void Add(string rule, Severity severity, string subject, string zh, string en) =>
        findings.Add(new Finding(rule, severity, new LocalizedText(zh, en), subject));

    private static LocalizedText PostTitle(string id) => PostCatalog.Get(id).Title;

    public void UnownedActivities(List<PlannedActivity> activities)
    {
        foreach (var group in activities.Where(a => a.Owner == ActivityOwner.Unowned).GroupBy(a => a.Activity.Function))
        {
            var f = group.Key;
            var zhNames = string.Join("、", group.Select(a => a.Activity.Name.Zh));
            var enNames = string.Join(", ", group.Select(a => a.Activity.Name.En));
            Add(FindingRules.ActivityUnowned, Severity.Error, f.ToId(),
                $"{group.Count()} 项活动无人负责（{zhNames}）：所选模式需要「{f.DisplayName().Zh}」职能，但它不在 department.functions 中。请把 {f.ToId()} 加入部门职能、为其添加外包报价，或在 department.handledElsewhere 中注明由哪个部门负责。",
                $"{group.Count()} activities have no owner ({enNames}): the chosen models need the {f.DisplayName().En.Mid()} function, which is not in department.functions. Add {f.ToId()} to the department, get an outsourcing quote for it, or list it in department.handledElsewhere.");
        }
    }

    public void UnownedKpis(List<PlannedActivity> activities)
    {
        foreach (var goal in profile.Strategy.Goals)
        {
            var drivers = activities.Where(a => a.Activity.Kpis.Contains(goal.Kpi)).ToList();
            if (drivers.Any(a => a.Owner != ActivityOwner.Unowned))
            {
                continue;
            }

            var kpi = library.Kpis[goal.Kpi].Name;
            var candidates = library.Playbooks.Values
                .Where(p => p.Activities.Any(a => a.Kpis.Contains(goal.Kpi)))
                .Select(p => p.Id).ToList();
            var suggestion = candidates.Count == 0 ? "" : string.Join(", ", candidates);
            var target = goal.Target.ToString("#,0.##", CultureInfo.InvariantCulture);
            var period = goal.Period.ToString().ToLowerInvariant();
            if (drivers.Count > 0)
            {
                Add(FindingRules.KpiUnowned, Severity.Error, goal.Kpi,
                    $"目标「{kpi.Zh}」（{target}/{period}）只由无人负责的活动推动。请先解决这些活动的归属（见 {FindingRules.ActivityUnowned}）。",
                    $"The goal {kpi.En} ({target} per {period}) is driven only by activities nobody owns. Settle who owns them first (see {FindingRules.ActivityUnowned}).");
            }
            else
            {
                Add(FindingRules.KpiUnowned, Severity.Error, goal.Kpi,
                    $"目标「{kpi.Zh}」（{target}/{period}）没有任何活动推动，计划中无人对它负责。{(suggestion.Length > 0 ? $"可推动它的模式：{suggestion}；请加入其中之一，或调整目标。" : "请调整目标，或添加推动它的 playbook。")}",
                    $"The goal {kpi.En} ({target} per {period}) is driven by no activity: nobody in the plan owns it. {(suggestion.Length > 0 ? $"Models that drive it: {suggestion}; add one of them or change the goal." : "Change the goal or add a playbook that drives it.")}");
            }
        }
    }

    public void IdleFunctions(List<PlannedActivity> activities)
    {
        foreach (var function in profile.Department.Functions.Where(f => activities.All(a => a.Activity.Function != f)))
        {
            var name = function.DisplayName();
            Add(FindingRules.FunctionIdle, Severity.Info, function.ToId(),
                $"部门职能列有「{name.Zh}」，但所选营销模式中没有这方面的工作，因此不为它配置人员。如需要，请加入相应的模式（playbook）。",
                $"The department lists {name.En.Mid()}, but none of the chosen models has work for it, so no one is staffed for it. Add a model (playbook) that needs it if it should be staffed.");
        }
    }

    public void MissingVolumes(List<PlannedActivity> activities)
    {
        var v = profile.Volume;
        double Units(VolumeDriver d) => d switch
        {
            VolumeDriver.InquiriesPerDay => v.InquiriesPerDay,
            VolumeDriver.OrdersPerDay => v.OrdersPerDay,
            VolumeDriver.ContentPiecesPerWeek => v.ContentPiecesPerWeek,
            _ => v.SkuCount,
        };

        var missing = activities
            .Where(a => a.Owner is ActivityOwner.InHouse or ActivityOwner.Outsourced && a.Activity.Effort.PerUnit is { } u && Units(u.Driver) <= 0)
            .GroupBy(a => a.Activity.Effort.PerUnit!.Driver);
        foreach (var group in missing)
        {
            var key = group.Key.ToId();
            Add(FindingRules.VolumeMissing, Severity.Warning, key,
                $"所选模式中有 {group.Count()} 项工作随 volume.{key} 增减（{string.Join("、", group.Select(a => a.Activity.Name.Zh))}），但档案中该值为 0 或未填写，计划只计入了固定工时。请填写 volume.{key}。",
                $"{group.Count()} activities of the chosen models scale with volume.{key} ({string.Join(", ", group.Select(a => a.Activity.Name.En))}), but the profile gives zero or nothing, so the plan counts only their fixed hours. Give volume.{key}.");
        }
    }

    public void PlatformAndPromotionMinimums(List<PlannedPost> posts, List<PlannedActivity> activities)
    {
        bool InHouse(BusinessFunction f) => activities.Any(a => a.Owner == ActivityOwner.InHouse && a.Activity.Function == f);
        var platformInHouse = InHouse(BusinessFunction.Platform);
        var platformPeople = posts.Where(p => p.Id is PostCatalog.FrontendEditor or PostCatalog.BackendEngineer).Sum(p => p.Headcount);
        if (platformInHouse && platformPeople < StaffingRules.PlatformMinimum)
        {
            Add(FindingRules.PlatformMin, Severity.Warning, "platform",
                $"平台在内部运营，但只有 {C(platformPeople)} 人；资料给出的下限是 2 人（前台美工/编辑 + 后台程序/网络安全）。起步阶段可以接受：把网站开发与维护外包，或随业务增长增设第二个岗位。",
                $"The platform is run in-house by {English.People(platformPeople)}; the sources put the minimum at 2 (front-end editor + back-end programmer and security). Acceptable to start: outsource site development and maintenance, or add the second post as volume grows.");
        }

        var promotionInHouse = InHouse(BusinessFunction.Promotion);
        if (promotionInHouse && !posts.Any(p => p.Id == PostCatalog.CopyPlanner))
        {
            Add(FindingRules.PromotionCopy, Severity.Warning, "promotion",
                "网络推广在内部进行却没有文案策划岗位。推广需要懂营销、懂传播的文案，而不只是会写资讯的编辑；请确保专员具备文案能力，或外包文案。",
                "Promotion is in-house without a copy planner. Promotion needs copy that sells and spreads, not just news editing; make sure the post holder can write marketing copy, or outsource the copy.");
        }

        if (profile.Team.Count == 0)
        {
            return;
        }

        if (posts.Any(p => p.Id == PostCatalog.FrontendEditor || p.Id == PostCatalog.BackendEngineer))
        {
            var onPlatform = profile.Team.Count(m => m.Post is PostCatalog.FrontendEditor or PostCatalog.BackendEngineer or PostCatalog.WebsiteSupervisor);
            if (onPlatform < StaffingRules.PlatformMinimum)
            {
                Add(FindingRules.PlatformMin, Severity.Warning, "platform",
                    $"现有团队中平台岗位只有 {onPlatform} 人，少于最低 2 人（前台美工/编辑 + 后台程序/网络安全）。请招聘补齐，或先外包网站开发与维护。",
                    $"The current team has {English.People(onPlatform)} on the platform, under the minimum of 2 (front-end editor + back-end programmer and security). Hire to fill it, or outsource site development and maintenance meanwhile.");
            }
        }

        var promoters = profile.Team.Count(m => m.Post == PostCatalog.Promoter);
        if (promoters > 0 && posts.Any(p => p.Id == PostCatalog.CopyPlanner) && !profile.Team.Any(m => m.Post == PostCatalog.CopyPlanner))
        {
            Add(FindingRules.PromotionCopy, Severity.Warning, "promotion",
                $"现有团队有 {promoters} 名推广专员却没有文案策划。推广离不开懂营销的文案：请优先招聘文案策划，而不是再增加推广专员。",
                $"The current team has {promoters} {(promoters == 1 ? "promoter" : "promoters")} and no copy planner. Promotion needs marketing copy: hire a copy planner before adding promoters.");
        }
    }

    public void SpanOfControl(List<PlannedPost> posts)
    {
        foreach (var lead in posts)
        {
            var reports = posts.Where(p => p.ReportsTo == lead.Id).ToList();
            if (reports.Count == 0)
            {
                continue;
            }

            var span = (int)Math.Ceiling(reports.Sum(p => p.Headcount));
            var title = lead.Title;
            if (span > StaffingRules.MaxSpan)
            {
                Add(FindingRules.SpanOfControl, Severity.Warning, lead.Id,
                    $"{title.Zh}直接管理 {span} 人，超过 {StaffingRules.MaxSpan} 人的管理幅度。{(PostCatalog.Get(lead.Id).IsSupervisor ? "可在组内设小组长或拆分小组。" : "可为人数最多的职能设主管，或将部分工作外包。")}",
                    $"The {title.En.Mid()} has {span} direct reports, over the span of {StaffingRules.MaxSpan}. {(PostCatalog.Get(lead.Id).IsSupervisor ? "Add a team lead or split the team." : "Give the largest function a supervisor, or outsource part of the work.")}");
            }
            else if (span < StaffingRules.MinSpan && PostCatalog.Get(lead.Id).IsSupervisor)
            {
                Add(FindingRules.SpanOfControl, Severity.Info, lead.Id,
                    $"{title.Zh}只管理 {span} 人，少于 {StaffingRules.MinSpan} 人；这一层管理可以省去，由其本人兼做一线工作。",
                    $"The {title.En.Mid()} has only {span} direct report, under {StaffingRules.MinSpan}; the layer could be dropped, or the post holder works hands-on too.");
            }
        }
    }

    public void DepartmentSize(decimal total)
    {
        if (profile.Enterprise.Kind == EnterpriseKind.NetworkOriented)
        {
            if (total < StaffingRules.NetworkDeptMin)
            {
                Add(FindingRules.DeptSize, Severity.Warning, "department",
                    $"部门共 {total:0.#} 人，少于网络型企业常见的 {StaffingRules.NetworkDeptMin}–{StaffingRules.NetworkDeptMax} 人。计划依赖外包或兼职：请确认外包工作有人验收和跟进。",
                    $"The department has {English.People(total)}, under the {StaffingRules.NetworkDeptMin}–{StaffingRules.NetworkDeptMax} usual for a network-oriented enterprise. The plan leans on outsourcing or shared posts: make sure someone accepts and follows up the outsourced work.");
            }
            else if (total > StaffingRules.NetworkDeptMax)
            {
                Add(FindingRules.DeptSize, Severity.Warning, "department",
                    $"部门共 {total:0.#} 人，超过网络型企业常见的 {StaffingRules.NetworkDeptMin}–{StaffingRules.NetworkDeptMax} 人。请核对业务量假设，或考虑外包工作量最大的职能（查看外包比较）。",
                    $"The department has {English.People(total)}, over the {StaffingRules.NetworkDeptMin}–{StaffingRules.NetworkDeptMax} usual for a network-oriented enterprise. Check the volume assumptions, or consider outsourcing the largest function (see make-or-buy).");
            }
        }
        else if (total > StaffingRules.TraditionalDeptMax)
        {
            Add(FindingRules.DeptSize, Severity.Info, "department",
                $"传统企业的网络营销部门通常从 1 个岗位（甚至半个人）起步，本计划需要 {total:0.#} 人。若线上业务已是主要渠道，可将企业类型改为 network-oriented；否则考虑外包部分职能。",
                $"A traditional enterprise's network marketing usually starts with one post (or half of one); this plan needs {English.People(total)}. If online is already a main channel, set the kind to network-oriented; otherwise consider outsourcing some functions.");
        }
    }

    public void Budget(CostSummary cost, List<MakeOrBuyDecision> makeOrBuy)
    {
        if (cost.Budget is not { } budget || cost.TotalAnnual <= budget)
        {
            return;
        }

        var over = cost.TotalAnnual - budget;
        var kept = makeOrBuy.Where(m => m.KeptInHouse && m.Saving > 0).ToList();
        var hintZh = kept.Count > 0 ? $"外包{string.Join("、", kept.Select(m => m.Function.DisplayName().Zh))}可节省 {Money(kept.Sum(m => m.Saving))}，" : "可获取外包报价进行比较、核对业务量假设，";
        var hintEn = kept.Count > 0 ? $"Outsourcing {string.Join(", ", kept.Select(m => m.Function.DisplayName().En.Mid()))} would save {Money(kept.Sum(m => m.Saving))}, " : "Get outsourcing quotes to compare, check the volume assumptions, ";
        Add(FindingRules.BudgetOver, Severity.Error, "budget",
            $"计划年成本 {Money(cost.TotalAnnual)}（人员 {Money(cost.InHouseAnnual)} + 外包 {Money(cost.OutsourcingAnnual)}）超出年度预算 {Money(budget)} 共 {Money(over)}。{hintZh}或提高预算。",
            $"The plan costs {Money(cost.TotalAnnual)} a year ({Money(cost.InHouseAnnual)} people + {Money(cost.OutsourcingAnnual)} outsourcing), {Money(over)} over the annual budget of {Money(budget)}. {hintEn}or raise the budget.");
    }

    public void Outsourcing(List<MakeOrBuyDecision> makeOrBuy)
    {
        foreach (var m in makeOrBuy)
        {
            var name = m.Function.DisplayName();
            if (m.Recommendation == MakeOrBuyRecommendation.Outsource)
            {
                Add(FindingRules.Outsource, Severity.Info, m.Function.ToId(),
                    $"建议外包{name.Zh}：内部需 {m.InHouseHeadcount:0.#} 人，年成本 {Money(m.InHouseAnnual)}；外包报价 {Money(m.OutsourceAnnual)}，每年节省 {Money(m.Saving)}。部门负责人负责验收与跟进服务商。",
                    $"Outsource {name.En.Mid()}: in-house it needs {English.People(m.InHouseHeadcount)} costing {Money(m.InHouseAnnual)} a year; the quote is {Money(m.OutsourceAnnual)}, saving {Money(m.Saving)}. The department's lead accepts and follows up the agency's work.");
            }
            else if (m.KeptInHouse && m.Saving > 0)
            {
                Add(FindingRules.Outsource, Severity.Info, m.Function.ToId(),
                    $"{name.Zh}按要求保留在内部，但外包每年可节省 {Money(m.Saving)}。",
                    $"{name.En} is kept in-house as the profile asks, although outsourcing would save {Money(m.Saving)} a year.");
            }
        }
    }

    public void Consulting(List<PlannedPost> posts, ConsultingPlan? plan, double productiveHours)
    {
        var consultant = posts.FirstOrDefault(p => p.Id == PostCatalog.Consultant);
        if (consultant is not null && consultant.Headcount > StaffingRules.ConsultingUsualMax)
        {
            Add(FindingRules.ConsultingRange, Severity.Info, PostCatalog.Consultant,
                $"客服需要 {C(consultant.Headcount)} 人，超过常见的 1–{StaffingRules.ConsultingUsualMax} 人：可考虑将在线咨询划归销售部或外包客服中心。",
                $"Consulting needs {English.People(consultant.Headcount)}, more than the usual 1–{StaffingRules.ConsultingUsualMax}: consider moving consulting to the sales department or an outsourced contact centre.");
        }

        if (plan is null)
        {
            return;
        }

        var v = profile.Volume;
        var peak = plan.Peak;
        if (consultant is null)
        {
            // A single shared post answers the inquiries alongside everything else.
            if (posts.Any(p => p.Id == PostCatalog.Specialist))
            {
                var achieved = ErlangC.ServiceLevelWith(peak.TrafficErlangs, 1, peak.EffectiveHandleSeconds, v.TargetAnswerSeconds);
                if (achieved < v.ServiceLevel)
                {
                    Add(FindingRules.ServiceLevel, Severity.Warning, PostCatalog.Specialist,
                        $"咨询由唯一的专员兼任：高峰时只有 1 人在线，{P(achieved)} 的咨询能在 {F(v.TargetAnswerSeconds)} 秒内应答，低于目标 {P(v.ServiceLevel)}。需要 {peak.Agents} 人同时在线：请把咨询划归销售部、外包，或增设客服。",
                        $"Consulting falls to the single specialist: with 1 person on duty at the peak, {P(achieved)} of inquiries are answered within {F(v.TargetAnswerSeconds)} s against a target of {P(v.ServiceLevel)}. It takes {peak.Agents} on duty: move consulting to sales, outsource it or add a consultant.");
                }
            }

            return;
        }

        if (!plan.DedicatedDesk && consultant.Headcount < peak.Agents)
        {
            var planned = (int)Math.Floor(consultant.Headcount);
            var achieved = ErlangC.ServiceLevelWith(peak.TrafficErlangs, planned, peak.EffectiveHandleSeconds, v.TargetAnswerSeconds);
            Add(FindingRules.ServiceLevel, Severity.Warning, PostCatalog.Consultant,
                $"计划的 {consultant.Headcount:0.#} 名客服（不设专职座席）在高峰时只能应答 {P(achieved)}（{F(v.TargetAnswerSeconds)} 秒内），低于目标 {P(v.ServiceLevel)}；按 Erlang C 高峰需 {peak.Agents} 人同时在线。",
                $"The {consultant.Headcount:0.#} planned consultants (no dedicated desk) answer {P(achieved)} within {F(v.TargetAnswerSeconds)} s at the peak, short of the {P(v.ServiceLevel)} target; Erlang C needs {peak.Agents} on duty at the peak.");
        }

        if (profile.Team.Count == 0)
        {
            return;
        }

        var people = profile.Team.Count(m => m.Post == PostCatalog.Consultant);
        var level = ErlangC.ServiceLevelWith(peak.TrafficErlangs, people, peak.EffectiveHandleSeconds, v.TargetAnswerSeconds);
        if (level < v.ServiceLevel)
        {
            Add(FindingRules.ServiceLevel, Severity.Error, PostCatalog.Consultant,
                $"即使现有 {people} 名客服在高峰时全部在线，也只有 {P(level)} 的咨询能在 {F(v.TargetAnswerSeconds)} 秒内应答，低于目标 {P(v.ServiceLevel)}。按 Erlang C 高峰需 {peak.Agents} 人同时在线、共 {C(consultant.Headcount)} 名客服：请再招聘 {C(consultant.Headcount - people)} 人，或降低服务目标。",
                $"Even with {(people == 1 ? "the one consultant" : $"all {people} consultants")} on duty at the peak, only {P(level)} of inquiries are answered within {F(v.TargetAnswerSeconds)} s against a target of {P(v.ServiceLevel)}. Erlang C needs {peak.Agents} on duty at the peak and {C(consultant.Headcount)} consultants in all: hire {C(consultant.Headcount - people)} more or lower the target.");
        }
        else if (people < consultant.Headcount)
        {
            var coverable = people * productiveHours;
            Add(FindingRules.ServiceLevel, Severity.Warning, PostCatalog.Consultant,
                $"现有 {people} 名客服能满足高峰服务水平，但每周只能排 {F(coverable)} 个座席小时，不足以覆盖每天 {F(v.CoverageHoursPerDay)} 小时营业所需的 {F(plan.SeatHoursPerWeek)} 小时。请补足 {C(consultant.Headcount - people)} 人或缩短在线时间。",
                $"{people} {(people == 1 ? "consultant meets" : "consultants meet")} the service level at the peak, but can staff only {F(coverable)} seat-hours a week, short of the {F(plan.SeatHoursPerWeek)} that {F(v.CoverageHoursPerDay)} opening hours a day need. Add {C(consultant.Headcount - people)} or shorten the opening hours.");
        }
    }

    public void Team(List<PlannedPost> posts, List<PlannedActivity> activities)
    {
        if (profile.Team.Count == 0)
        {
            return;
        }

        var byId = posts.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var work = activities.Where(a => a.Post is not null && a.Activity.Skills.Count > 0)
            .GroupBy(a => a.Post!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        double Fit(TeamMember member, PlannedPost post) => SkillFit(member, post, work.GetValueOrDefault(post.Id));
        foreach (var member in profile.Team)
        {
            var (best, bestFit) = posts.Where(p => !PostCatalog.Get(p.Id).IsSupervisor)
                .Select(p => (Post: (PlannedPost?)p, Fit: Fit(member, p)))
                .OrderByDescending(x => x.Fit).ThenBy(x => x.Post!.Skills.Count)
                .FirstOrDefault();
            if (!byId.TryGetValue(member.Post, out var post))
            {
                var title = PostTitle(member.Post);
                Add(FindingRules.SkillMismatch, Severity.Warning, member.Name,
                    $"{member.Name} 担任「{title.Zh}」，但本战略的计划中没有这个岗位。{Suggestion(best, bestFit, Language.Zh)}",
                    $"{member.Name} holds the {title.En.Mid()} post, which this strategy's plan does not have. {Suggestion(best, bestFit, Language.En)}");
                continue;
            }

            if (member.Skills.Count == 0)
            {
                Add(FindingRules.SkillMismatch, Severity.Info, member.Name,
                    $"{member.Name} 的技能未填写，无法判断是否胜任「{post.Title.Zh}」。请在 team 中列出其技能。",
                    $"{member.Name}'s skills are not listed, so their fit for the {post.Title.En.Mid()} post cannot be checked. List their skills in team.");
                continue;
            }

            var fit = Fit(member, post);
            if (fit < StaffingRules.SkillFitThreshold)
            {
                var missing = post.Skills.Where(s => !member.Skills.Contains(s)).Select(s => library.Skills.TryGetValue(s, out var t) ? t.Name : new LocalizedText(s, s)).ToList();
                var has = Names(member.Skills);
                var other = best is not null && best.Id != post.Id && bestFit >= StaffingRules.SkillFitThreshold;
                Add(FindingRules.SkillMismatch, Severity.Error, member.Name,
                    $"岗位与技能不匹配：{member.Name} 担任「{post.Title.Zh}」，其技能（{has.Zh}）只覆盖该岗位所需的 {P(fit)}，缺少{string.Join("、", missing.Select(m => m.Zh))}。{(other ? Suggestion(best, bestFit, Language.Zh) : "请安排培训，或为该岗位另行招聘合适人选。")}这正是资料所说最常见的错误：如做平台零售推广却用了搜索优化人员。",
                    $"Post/skill mismatch: {member.Name} holds the {post.Title.En.Mid()} post, but their skills ({has.En}) cover only {P(fit)} of what it needs; missing {string.Join(", ", missing.Select(m => m.En))}. {(other ? Suggestion(best, bestFit, Language.En) : "Train them, or recruit someone who fits the post.")} This is the typical failure the sources warn of, such as a search specialist where platform-shop promotion is needed.");
            }
        }

        foreach (var post in posts.Where(p => p.People.Count > 0))
        {
            var held = profile.Team.Where(m => m.Post == post.Id).SelectMany(m => m.Skills).ToHashSet(StringComparer.Ordinal);
            var missing = post.Skills.Where(s => !held.Contains(s)).ToList();
            if (missing.Count > 0)
            {
                var names = Names(missing);
                var people = string.Join(", ", post.People);
                Add(FindingRules.SkillGap, Severity.Warning, post.Id,
                    $"技能缺口：「{post.Title.Zh}」需要{names.Zh}，但岗位上的人（{people}）都不具备。请安排培训或招聘具备这些技能的人。",
                    $"Skill gap: the {post.Title.En.Mid()} post needs {names.En}, which nobody on it ({people}) has. Train them or hire someone who has these skills.");
            }
        }

        foreach (var post in posts)
        {
            var vacant = post.Headcount - post.People.Count;
            if (vacant > 0)
            {
                Add(FindingRules.Vacancy, Severity.Info, post.Id,
                    $"「{post.Title.Zh}」需要 {C(post.Headcount)} 人，现有 {post.People.Count} 人：空缺 {C(vacant)}。",
                    $"The {post.Title.En.Mid()} post needs {post.Headcount:0.#}, has {post.People.Count}: {vacant:0.#} vacant.");
            }
        }
    }

    private LocalizedText Names(IEnumerable<string> skills)
    {
        var terms = skills.Select(s => library.Skills.TryGetValue(s, out var t) ? t.Name : new LocalizedText(s, s)).ToList();
        return new LocalizedText(string.Join("、", terms.Select(t => t.Zh)), string.Join(", ", terms.Select(t => t.En)));
    }

    /// <summary>
    /// How much of a post's work a person's skills cover. Each activity weighs by its hours (at least one);
    /// holding its primary (first-listed) skill counts <see cref="StaffingRules.PrimarySkillWeight"/> and the
    /// other skills share the rest, so an information editor does not pass for a copywriter because both
    /// "edit content". A post without skilled activities falls back on its core skills.
    /// </summary>
    internal static double SkillFit(TeamMember member, PlannedPost post, List<PlannedActivity>? activities)
    {
        if (activities is null || activities.Count == 0)
        {
            var core = PostCatalog.Get(post.Id).CoreSkills;
            return core.Count == 0 ? 1 : core.Count(member.Skills.Contains) / (double)core.Count;
        }

        double covered = 0, total = 0;
        foreach (var a in activities)
        {
            var weight = Math.Max(1, a.HoursPerWeek);
            var skills = a.Activity.Skills;
            var score = skills.Count == 1
                ? (member.Skills.Contains(skills[0]) ? 1 : 0)
                : (member.Skills.Contains(skills[0]) ? StaffingRules.PrimarySkillWeight : 0) +
                  ((1 - StaffingRules.PrimarySkillWeight) * skills.Skip(1).Count(member.Skills.Contains) / (skills.Count - 1));
            total += weight;
            covered += weight * score;
        }

        return covered / total;
    }

    private static string Suggestion(PlannedPost? best, double fit, Language language)
    {
        if (best is null || fit < StaffingRules.SkillFitThreshold)
        {
            return language == Language.Zh ? "其技能与计划中的任何岗位都不匹配，请重新考虑其安排。" : "Their skills fit no post of the plan; reconsider their role.";
        }

        return language == Language.Zh
            ? $"其技能最适合「{best.Title.Zh}」（匹配 {P(fit)}），可考虑调岗。"
            : $"Their skills fit the {best.Title.En.Mid()} post best ({P(fit)}); consider moving them there.";
    }
}
