using Formation.Domain.Playbooks;
using Formation.Domain.Profiles;
using Formation.Domain.Staffing;
using Formation.Domain.Text;

namespace Formation.Domain.Planning;

/// <summary>
/// Derives the department a strategy needs: activities from the chosen playbooks → posts and head count
/// (workload plus the staffing rules of PRODUCT §2.4, consulting by Erlang C) → make-or-buy → org chart →
/// cost → consistency findings → zero-to-one roadmap. Pure and deterministic: the same profile and library
/// always give the same blueprint.
/// </summary>
public static class BlueprintEngine
{
    /// <summary>The org-chart node above the manager.</summary>
    public const string Owner = "owner";

    /// <summary>Plans the department for a validated profile.</summary>
    /// <exception cref="ArgumentException">When the profile names a playbook the library does not have.</exception>
    public static Blueprint Plan(EnterpriseProfile profile, PlaybookLibrary library)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(library);
        return InvariantCulture.Run(() => new Planner(profile, library).Run());
    }

    private sealed class Planner(EnterpriseProfile profile, PlaybookLibrary library)
    {
        private static readonly Dictionary<string, string[]> s_mergeTargets = new(StringComparer.Ordinal)
        {
            [PostCatalog.Planner] = [PostCatalog.Manager],
            [PostCatalog.PrSpecialist] = [PostCatalog.CopyPlanner, PostCatalog.Manager],
            [PostCatalog.ItTechnician] = [PostCatalog.BackendEngineer, PostCatalog.Manager],
            [PostCatalog.FulfilmentClerk] = [PostCatalog.Consultant, PostCatalog.Manager],
        };

        private readonly VolumeInfo _volume = profile.Volume;
        private readonly double _productiveHours = profile.Enterprise.WorkHoursPerWeek * (1 - profile.Volume.Shrinkage);
        private readonly bool _traditional = profile.Enterprise.Kind == EnterpriseKind.Traditional;
        private readonly decimal _personCost = profile.Enterprise.LoadedCostPerPersonYear;
        private readonly List<Finding> _findings = [];
        private ConsultingPlan? _consulting;

        public Blueprint Run()
        {
            var activities = CollectActivities();
            _consulting = SizeConsulting(activities);
            activities = ChargeConsulting(activities);

            // Make-or-buy compares whole plans, so merges, supervisors and the single-post rule of a
            // traditional enterprise are priced in; and because one function's outsourcing changes what
            // another's costs (a smaller team may need no supervisor), it picks the cheapest combination.
            var (makeOrBuy, outsourced) = DecideMakeOrBuy(activities);
            var (posts, owned) = Organise(activities, outsourced);
            AssignPeople(posts);

            var planned = PlaceActivities(owned, posts);
            var finalPosts = posts.Select(p => p.ToPlannedPost()).ToList();
            var headcount = Headcount(finalPosts);
            var cost = Cost(finalPosts, makeOrBuy);
            var consultants = finalPosts.FirstOrDefault(p => p.Id == PostCatalog.Consultant);
            var consultingPlan = consultants is not null && _consulting is { } c ? c with { Positions = consultants.Headcount } : null;

            var findings = new FindingBuilder(profile, library, _findings);
            findings.UnownedActivities(planned);
            findings.UnownedKpis(planned);
            findings.IdleFunctions(planned);
            findings.MissingVolumes(planned);
            findings.PlatformAndPromotionMinimums(finalPosts, planned);
            findings.SpanOfControl(finalPosts);
            findings.DepartmentSize(headcount.Total);
            findings.Budget(cost, makeOrBuy);
            findings.Outsourcing(makeOrBuy);
            findings.Consulting(finalPosts, _consulting, _productiveHours);
            findings.Team(finalPosts, planned);

            return new Blueprint(
                profile.Enterprise.Name,
                profile.Enterprise.Kind,
                profile.Enterprise.Currency,
                profile.Strategy.Models,
                new PlanAssumptions(_productiveHours, _personCost, profile.Enterprise.WorkHoursPerWeek, _volume.Shrinkage),
                headcount,
                finalPosts,
                consultingPlan,
                cost,
                makeOrBuy,
                _findings.OrderBy(f => f.Severity).ToList(),
                RoadmapBuilder.Build(profile, library, finalPosts, makeOrBuy),
                planned,
                Glossary(finalPosts, planned),
                profile.Strategy.Goals.Select(g => Ownership(g, planned)).ToList());
        }

        private static GoalOwnership Ownership(Goal goal, List<PlannedActivity> activities)
        {
            var driving = activities.Where(a => a.Activity.Kpis.Contains(goal.Kpi)).ToList();
            var posts = driving.Where(a => a.Post is not null).Select(a => a.Post!).Distinct(StringComparer.Ordinal).OrderBy(p => PostCatalog.IndexOf(p)).ToList();
            var others = driving.Where(a => a.Owner is ActivityOwner.Outsourced or ActivityOwner.Sales or ActivityOwner.OtherDepartment)
                .Select(a => a.Owner.ToId()).Distinct(StringComparer.Ordinal).ToList();
            return new GoalOwnership(goal, posts, others);
        }


        // ---- activities -------------------------------------------------------------------------

        private List<PlannedActivity> CollectActivities()
        {
            var list = new List<PlannedActivity>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var models = profile.Strategy.Models.ToList();

            // Standing function work that is no marketing model, such as IT support, comes with the function.
            foreach (var function in profile.Department.Functions)
            {
                if (library.Playbooks.ContainsKey(function.ToId()) && !models.Contains(function.ToId()))
                {
                    models.Add(function.ToId());
                }
            }

            foreach (var model in models)
            {
                if (!library.Playbooks.TryGetValue(model, out var playbook))
                {
                    throw new ArgumentException($"The profile names the playbook \"{model}\", which the library does not have.", nameof(profile));
                }

                foreach (var activity in playbook.Activities.Where(a => seen.Add(a.Id)))
                {
                    list.Add(new PlannedActivity(activity, WeeklyHours(activity.Effort), OwnerOf(activity.Function), null, activity.Checkpoint.CheckedBy));
                }
            }

            return list;
        }

        private double WeeklyHours(Effort effort)
        {
            var hours = effort.HoursPerWeek;
            if (effort.PerUnit is { } unit)
            {
                hours += unit.Hours * DriverUnits(unit.Driver);
            }

            return hours;
        }

        private double DriverUnits(VolumeDriver driver) => driver switch
        {
            VolumeDriver.InquiriesPerDay => _volume.InquiriesPerDay * _volume.OperatingDaysPerWeek,
            VolumeDriver.OrdersPerDay => _volume.OrdersPerDay * _volume.OperatingDaysPerWeek,
            VolumeDriver.ContentPiecesPerWeek => _volume.ContentPiecesPerWeek,
            _ => _volume.SkuCount,
        };

        private ActivityOwner OwnerOf(BusinessFunction function)
        {
            if (function == BusinessFunction.Management || profile.Department.Functions.Contains(function))
            {
                return ActivityOwner.InHouse;
            }

            if (function == BusinessFunction.Consulting && profile.Department.ConsultingOwnedBy == ConsultingOwner.Sales)
            {
                return ActivityOwner.Sales;
            }

            return profile.Department.HandledElsewhere.Contains(function) ? ActivityOwner.OtherDepartment : ActivityOwner.Unowned;
        }

        // ---- consulting -------------------------------------------------------------------------

        private ConsultingPlan? SizeConsulting(List<PlannedActivity> activities)
        {
            if (!activities.Any(a => a.Activity.Effort.ErlangC && a.Owner == ActivityOwner.InHouse))
            {
                return null;
            }

            if (_volume.InquiriesPerDay <= 0)
            {
                _findings.Add(new(FindingRules.NoInquiryVolume, Severity.Warning, new(
                    "在线咨询由本部门负责，但每日咨询量（volume.inquiriesPerDay）为 0 或未填写，客服只能按最低配置估算。请填写咨询量与高峰小时占比。",
                    "Consulting is in the department but volume.inquiriesPerDay is zero or not given, so consultants are sized at the minimum. Give the daily inquiries and the peak-hour share."), PostCatalog.Consultant));
                return null;
            }

            var peakContacts = _volume.InquiriesPerDay * _volume.PeakHourShare;
            var peak = ErlangC.Solve(Request(peakContacts));
            var offPeakHours = Math.Max(0, _volume.CoverageHoursPerDay - 1);
            var offPeakAgents = 0;
            if (offPeakHours > 0)
            {
                var offPeakContacts = _volume.InquiriesPerDay * (1 - _volume.PeakHourShare) / offPeakHours;
                offPeakAgents = Math.Max(1, ErlangC.Solve(Request(offPeakContacts)).Agents);
            }

            var seatHours = (Math.Max(1, peak.Agents) + (offPeakAgents * offPeakHours)) * _volume.OperatingDaysPerWeek;
            var handleHours = _volume.InquiriesPerDay * peak.EffectiveHandleSeconds / 3600 * _volume.OperatingDaysPerWeek;

            // A traditional enterprise answers between other work, and so does anyone whose desk would
            // sit idle most of the time; both are charged handling time instead of seat-hours.
            var dedicated = !_traditional && handleHours / seatHours >= StaffingRules.MinDeskOccupancy;
            if (!dedicated && !_traditional)
            {
                _findings.Add(new(FindingRules.ConsultingLowLoad, Severity.Info, new(
                    $"每天只有 {F(_volume.InquiriesPerDay)} 个咨询：专职值守的客服台（高峰 {peak.Agents} 人、每周 {F(seatHours)} 座席小时）只有 {P(handleHours / seatHours)} 的时间在接待。计划按实际处理时间 {F(handleHours)} 小时/周配置客服，由其兼做其他工作；可考虑缩短在线时间或交由推广专员兼任。",
                    $"Only {F(_volume.InquiriesPerDay)} inquiries a day: a staffed desk ({peak.Agents} on duty at the peak, {F(seatHours)} seat-hours a week) would be busy {P(handleHours / seatHours)} of the time. The plan charges the handling time of {F(handleHours)} h/week and the consultant does other work between chats; consider shorter opening hours or letting a promoter answer."),
                    PostCatalog.Consultant));
            }

            return new ConsultingPlan(peak, peakContacts, offPeakAgents, seatHours, handleHours, dedicated, 0);
        }

        private ErlangCRequest Request(double contactsPerHour) => new(
            contactsPerHour, 3600, _volume.AverageHandleSeconds, _volume.TargetAnswerSeconds, _volume.ServiceLevel,
            _volume.Shrinkage, _volume.MaxOccupancy, _volume.ConcurrentChats);

        /// <summary>Gives the Erlang C activities their share of the desk's hours, so they weigh like any other work.</summary>
        private List<PlannedActivity> ChargeConsulting(List<PlannedActivity> activities)
        {
            var sized = activities.Count(a => a.Activity.Effort.ErlangC && a.Owner == ActivityOwner.InHouse);
            if (_consulting is not { } c || sized == 0)
            {
                return activities;
            }

            var hours = (c.DedicatedDesk ? c.SeatHoursPerWeek : c.HandleHoursPerWeek) / sized;
            return activities.Select(a => a.Activity.Effort.ErlangC && a.Owner == ActivityOwner.InHouse ? a with { HoursPerWeek = hours } : a).ToList();
        }

        // ---- make-or-buy ------------------------------------------------------------------------

        private (List<MakeOrBuyDecision> Decisions, HashSet<BusinessFunction> Outsourced) DecideMakeOrBuy(List<PlannedActivity> activities)
        {
            var quoted = profile.Outsourcing.Quotes.Keys.Where(profile.Department.Functions.Contains).Order().ToList();
            if (quoted.Count == 0)
            {
                return ([], []);
            }

            var people = new Dictionary<int, decimal>();
            decimal Headcount(int mask)
            {
                if (!people.TryGetValue(mask, out var count))
                {
                    var set = quoted.Where((_, i) => (mask & (1 << i)) != 0).ToHashSet();
                    people[mask] = count = Organise(activities, set).Posts.Sum(p => p.Headcount);
                }

                return count;
            }

            decimal Total(int mask) =>
                (Headcount(mask) * _personCost) + quoted.Where((_, i) => (mask & (1 << i)) != 0).Sum(f => profile.Outsourcing.Quotes[f]);

            // Every combination of the functions that may be outsourced; on a tie, outsource less.
            var free = quoted.Select((f, i) => profile.Outsourcing.KeepInHouse.Contains(f) ? 0 : 1 << i).Sum();
            var best = 0;
            for (var mask = free; mask > 0; mask = (mask - 1) & free)
            {
                var (cost, bestCost) = (Total(mask), Total(best));
                if (cost < bestCost || (cost == bestCost && int.PopCount(mask) < int.PopCount(best)))
                {
                    best = mask;
                }
            }

            // Each function's figures are its own difference, the other decisions held as chosen.
            var decisions = new List<MakeOrBuyDecision>();
            for (var i = 0; i < quoted.Count; i++)
            {
                var function = quoted[i];
                var bit = 1 << i;
                var headcount = Headcount(best & ~bit) - Headcount(best | bit);
                var inHouse = headcount * _personCost;
                var quote = profile.Outsourcing.Quotes[function];
                var recommendation = (best & bit) != 0 ? MakeOrBuyRecommendation.Outsource : MakeOrBuyRecommendation.InHouse;
                decisions.Add(new MakeOrBuyDecision(function, headcount, inHouse, quote, inHouse - quote, recommendation, profile.Outsourcing.KeepInHouse.Contains(function)));
            }

            return (decisions, quoted.Where((_, i) => (best & (1 << i)) != 0).ToHashSet());
        }

        // ---- organisation -----------------------------------------------------------------------

        /// <summary>The department's posts with the given functions outsourced, and the activities' owners to match.</summary>
        private (List<PostWork> Posts, List<PlannedActivity> Activities) Organise(List<PlannedActivity> activities, HashSet<BusinessFunction> outsourced)
        {
            var owned = activities
                .Select(a => a.Owner == ActivityOwner.InHouse && outsourced.Contains(a.Activity.Function) ? a with { Owner = ActivityOwner.Outsourced } : a)
                .ToList();
            var posts = Staff(owned.Where(a => a.Owner == ActivityOwner.InHouse).ToList());
            posts = ConsolidateTraditional(posts);
            EnsureLead(posts);
            AddVendorDuties(posts, outsourced);
            AddSupervisors(posts);
            return (posts, owned);
        }

        private List<PostWork> Staff(List<PlannedActivity> activities)
        {
            var posts = new Dictionary<string, PostWork>(StringComparer.Ordinal);
            PostWork Post(string id) => posts.TryGetValue(id, out var p) ? p : posts[id] = new PostWork(PostCatalog.Get(id), this);

            foreach (var a in activities)
            {
                Post(a.Activity.Post).Add(a.Activity, a.HoursPerWeek);
            }

            if (_consulting is { } c && posts.TryGetValue(PostCatalog.Consultant, out var consultant))
            {
                if (c.DedicatedDesk)
                {
                    consultant.Minimum(c.Peak.Positions, new(
                        $"Erlang C：高峰小时 {F(c.PeakContactsPerHour)} 个咨询需 {c.Peak.Agents} 人同时在线（服务水平 {P(c.Peak.ServiceLevel)}）；扣除损耗 {P(_volume.Shrinkage)} 后需排班 {c.Peak.Positions} 人",
                        $"Erlang C: {F(c.PeakContactsPerHour)} inquiries in the peak hour need {c.Peak.Agents} agents on duty (service level {P(c.Peak.ServiceLevel)}); {c.Peak.Positions} to schedule after {P(_volume.Shrinkage)} shrinkage"));
                    consultant.Justify(new(
                        $"营业 {F(_volume.CoverageHoursPerDay)} 小时/天 × {_volume.OperatingDaysPerWeek} 天：每周在线座席 {F(c.SeatHoursPerWeek)} 小时",
                        $"Open {F(_volume.CoverageHoursPerDay)} h/day × {_volume.OperatingDaysPerWeek} days: {F(c.SeatHoursPerWeek)} seat-hours per week"));
                }
                else
                {
                    consultant.Justify(new(
                        $"处理咨询：每天 {F(_volume.InquiriesPerDay)} 个 × 有效处理 {F(c.Peak.EffectiveHandleSeconds)} 秒 × {_volume.OperatingDaysPerWeek} 天 = {F(c.HandleHoursPerWeek)} 小时/周（不设专职座席）",
                        $"Handling inquiries: {F(_volume.InquiriesPerDay)} a day × {F(c.Peak.EffectiveHandleSeconds)} s effective × {_volume.OperatingDaysPerWeek} days = {F(c.HandleHoursPerWeek)} h/week (no dedicated desk)"));
                }
            }

            if (!_traditional)
            {
                var inHouse = activities.Select(a => a.Activity.Function).ToHashSet();
                if (inHouse.Contains(BusinessFunction.Platform))
                {
                    var rule = new LocalizedText(
                        $"规则 {FindingRules.PlatformMin}：平台建设与维护至少 2 人（前台美工/编辑 + 后台程序/网络安全）",
                        $"Rule {FindingRules.PlatformMin}: the platform needs at least 2 people (front-end editor + back-end programmer and security)");
                    Post(PostCatalog.FrontendEditor).Minimum(1, rule);
                    Post(PostCatalog.BackendEngineer).Minimum(1, rule);
                }

                if (inHouse.Contains(BusinessFunction.Promotion))
                {
                    var rule = new LocalizedText(
                        $"规则 {FindingRules.PromotionCopy}：网络推广至少 1 名文案策划和 1 名推广专员",
                        $"Rule {FindingRules.PromotionCopy}: promotion needs at least 1 copy planner and 1 promoter");
                    Post(PostCatalog.CopyPlanner).Minimum(1, rule);
                    Post(PostCatalog.Promoter).Minimum(1, rule);
                }

                if (inHouse.Contains(BusinessFunction.Consulting))
                {
                    Post(PostCatalog.Consultant).Minimum(1, new("在线咨询由本部门负责：至少 1 名客服", "Consulting is in the department: at least 1 consultant"));
                }
            }

            MergeSmallPosts(posts);
            foreach (var post in posts.Values)
            {
                post.Size(_traditional);
            }

            return posts.Values.Where(p => p.Headcount > 0 || p.Activities.Count > 0).OrderBy(p => p.Order).ToList();
        }

        /// <summary>
        /// A post under half a person merges into a related one, but only where that adds no person to it:
        /// small departments do not hire half-idle specialists, and no merge may create a second manager.
        /// </summary>
        private void MergeSmallPosts(Dictionary<string, PostWork> posts)
        {
            // In a traditional enterprise any small post may fold into the lead: there are no specialist
            // minimums to keep, and half-person rounding of each small post would add up to idle people.
            var merges = _traditional
                ? posts.Keys.Where(id => id != PostCatalog.Manager).OrderBy(id => PostCatalog.IndexOf(id))
                    .Select(id => (Id: id, Targets: s_mergeTargets.GetValueOrDefault(id) ?? [PostCatalog.Manager])).ToList()
                : s_mergeTargets.Select(m => (Id: m.Key, Targets: m.Value)).ToList();
            foreach (var (id, targets) in merges)
            {
                if (!posts.TryGetValue(id, out var small) || small.Fte >= StaffingRules.MinStandaloneFte)
                {
                    continue;
                }

                foreach (var target in targets)
                {
                    // The manager always exists in a department with more than one post, so it is a valid last resort.
                    var into = posts.GetValueOrDefault(target) ?? (target == PostCatalog.Manager ? new PostWork(PostCatalog.Get(target), this) : null);
                    if (into is null || !into.CanAbsorbWithoutHiring(small, _traditional))
                    {
                        continue;
                    }

                    posts[target] = into;
                    into.Absorb(small);
                    posts.Remove(id);
                    break;
                }
            }
        }

        private List<PostWork> ConsolidateTraditional(List<PostWork> posts)
        {
            var fte = posts.Sum(p => p.Fte);
            if (!_traditional || fte > StaffingRules.SpecialistMaxFte + StaffingRules.RoundingTolerance)
            {
                return posts;
            }

            var specialist = new PostWork(PostCatalog.Get(PostCatalog.Specialist), this) { ReportsTo = Owner };
            foreach (var post in posts)
            {
                specialist.Absorb(post, quiet: true);
            }

            specialist.Size(traditional: true);
            specialist.Headcount = Math.Min(1, specialist.Headcount);
            specialist.Justify(new(
                $"传统企业：部门内工作量共 {F(fte)} FTE，不超过 1 人，设一个{(specialist.Headcount < 1 ? "兼职（半人）" : "")}网络营销岗位，其余外包或由市场部兼任",
                $"Traditional enterprise: in-house work totals {F(fte)} FTE, no more than one person, so one {(specialist.Headcount < 1 ? "shared (half-time) " : "")}post covers it; the rest is outsourced or shared with the market department"));
            return [specialist];
        }

        private void EnsureLead(List<PostWork> posts)
        {
            if (posts.FirstOrDefault(p => p.Id == PostCatalog.Specialist) is { } specialist)
            {
                specialist.ReportsTo = Owner;
                return;
            }

            var manager = posts.FirstOrDefault(p => p.Id == PostCatalog.Manager);
            if (manager is null && _traditional && posts.Count == 0)
            {
                var shared = new PostWork(PostCatalog.Get(PostCatalog.Specialist), this) { ReportsTo = Owner, Headcount = 0.5m };
                shared.Justify(new(
                    "传统企业且全部工作外包：设一个兼职岗位对接服务商、跟进效果",
                    "Traditional enterprise with all work outsourced: one shared post manages the vendors and follows up the results"));
                posts.Add(shared);
                return;
            }

            if (manager is null)
            {
                manager = new PostWork(PostCatalog.Get(PostCatalog.Manager), this);
                posts.Insert(0, manager);
            }

            manager.ReportsTo = Owner;

            // One manager with overall responsibility; a traditional enterprise's may be part-time.
            manager.Headcount = _traditional ? Math.Clamp(manager.Headcount, 0.5m, 1m) : 1m;
            manager.Justify(new(
                _traditional ? "规则：由一名网络营销负责人（可兼职）全面负责，向老板汇报" : "规则：部门设一名网络营销经理全面负责，向老板汇报",
                _traditional ? "Rule: one network marketing lead (possibly part-time) has overall responsibility and reports to the owner" : "Rule: one network marketing manager has overall responsibility and reports to the owner"));
        }

        private static void AddVendorDuties(List<PostWork> posts, HashSet<BusinessFunction> outsourced)
        {
            var lead = posts.First(p => p.ReportsTo == Owner);
            foreach (var function in outsourced.Order())
            {
                var name = function.DisplayName();
                lead.Duties.Add(new Duty(Phase.Implementation, new($"管理{name.Zh}外包服务商：验收交付、跟进效果", $"Manage the {name.En.Mid()} agency: accept deliveries, follow up results")));
            }
        }

        private static void AddSupervisors(List<PostWork> posts)
        {
            var manager = posts.FirstOrDefault(p => p.Id == PostCatalog.Manager);
            if (manager is null)
            {
                return;
            }

            foreach (var post in posts.Where(p => p != manager))
            {
                post.ReportsTo = manager.Id;
            }

            decimal Span() => Math.Ceiling(posts.Where(p => p.ReportsTo == manager.Id).Sum(p => p.Headcount));
            var candidates = posts
                .Where(p => p.ReportsTo == manager.Id && PostCatalog.SupervisorOf(p.Definition.Function) is not null)
                .GroupBy(p => p.Definition.Function)
                .Select(g => (Function: g.Key, Staff: g.Sum(p => p.Headcount), Posts: g.ToList()))
                .Where(g => g.Staff >= StaffingRules.MinSpan)
                .OrderByDescending(g => g.Staff).ThenBy(g => g.Function)
                .ToList();
            foreach (var (function, staff, group) in candidates)
            {
                var before = Span();
                if (before <= StaffingRules.MaxSpan)
                {
                    break;
                }

                var supervisor = new PostWork(PostCatalog.Get(PostCatalog.SupervisorOf(function)!), manager.Planner) { Headcount = 1, ReportsTo = manager.Id };
                supervisor.Justify(new(
                    $"规则 {FindingRules.SpanOfControl}：经理直接下属 {before} 人，超过 {StaffingRules.MaxSpan} 人，{function.DisplayName().Zh}的 {Format.Count(staff)} 人由主管带领",
                    $"Rule {FindingRules.SpanOfControl}: the manager would have {before} direct reports, over {StaffingRules.MaxSpan}; the {English.People(staff)} of {function.DisplayName().En.Mid()} get a supervisor"));
                foreach (var post in group)
                {
                    post.ReportsTo = supervisor.Id;
                }

                posts.Insert(posts.IndexOf(group[0]), supervisor);
            }
        }

        private void AssignPeople(List<PostWork> posts)
        {
            foreach (var member in profile.Team)
            {
                posts.FirstOrDefault(p => p.Id == member.Post)?.People.Add(member.Name);
            }
        }

        private static List<PlannedActivity> PlaceActivities(List<PlannedActivity> activities, List<PostWork> posts)
        {
            var holder = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var post in posts)
            {
                foreach (var a in post.Activities)
                {
                    holder[a.Id] = post.Id;
                }
            }

            var lead = posts.First(p => p.ReportsTo == Owner).Id;
            var present = posts.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            return activities.Select(a =>
            {
                var post = a.Owner == ActivityOwner.InHouse && holder.TryGetValue(a.Activity.Id, out var h) ? h : null;
                var checkedBy = a.Owner == ActivityOwner.Outsourced ? lead
                    : present.Contains(a.Activity.Checkpoint.CheckedBy) && a.Activity.Checkpoint.CheckedBy != post ? a.Activity.Checkpoint.CheckedBy
                    : lead;
                return a with { Post = post, CheckedBy = checkedBy };
            }).ToList();
        }

        // ---- totals -----------------------------------------------------------------------------

        private static HeadcountSummary Headcount(List<PlannedPost> posts)
        {
            var byFunction = posts.GroupBy(p => p.Function).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Headcount));
            return new HeadcountSummary(posts.Sum(p => p.Headcount), byFunction);
        }

        private CostSummary Cost(List<PlannedPost> posts, List<MakeOrBuyDecision> makeOrBuy)
        {
            var byFunction = posts.GroupBy(p => p.Function).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Headcount) * _personCost);
            var inHouse = byFunction.Values.Sum();
            var outsourcing = makeOrBuy.Where(m => m.Recommendation == MakeOrBuyRecommendation.Outsource).Sum(m => m.OutsourceAnnual);
            return new CostSummary(inHouse, byFunction, outsourcing, inHouse + outsourcing, profile.Strategy.AnnualBudget);
        }

        /// <summary>Names of the skills, KPIs and playbooks the plan mentions, so renderers need no library.</summary>
        private Dictionary<string, LocalizedText> Glossary(List<PlannedPost> posts, List<PlannedActivity> activities)
        {
            var glossary = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
            foreach (var skill in posts.SelectMany(p => p.Skills).Concat(activities.SelectMany(a => a.Activity.Skills)))
            {
                if (library.Skills.TryGetValue(skill, out var term))
                {
                    glossary[skill] = term.Name;
                }
            }

            foreach (var kpi in activities.SelectMany(a => a.Activity.Kpis).Concat(profile.Strategy.Goals.Select(g => g.Kpi)))
            {
                if (library.Kpis.TryGetValue(kpi, out var term))
                {
                    glossary[kpi] = term.Name;
                }
            }

            foreach (var model in profile.Strategy.Models)
            {
                glossary[model] = library.Playbooks[model].Name;
            }

            return glossary;
        }

        private static string F(double value) => Format.Number(value);

        private static string P(double share) => Format.Percent(share);

        /// <summary>A post being sized: its activities, hours, rules and people.</summary>
        private sealed class PostWork(PostDefinition definition, Planner planner)
        {
            private readonly List<LocalizedText> _justification = [];
            private readonly List<LocalizedText> _activityLines = [];
            private int _minimum;

            public PostDefinition Definition { get; } = definition;

            public Planner Planner { get; } = planner;

            public string Id => Definition.Id;

            public int Order => PostCatalog.IndexOf(Id);

            public List<Activity> Activities { get; } = [];

            public List<Duty> Duties { get; } = [.. definition.Duties];

            public List<string> People { get; } = [];

            public double Hours { get; private set; }

            public double SetupHours { get; private set; }

            public decimal Headcount { get; set; }

            public string ReportsTo { get; set; } = PostCatalog.Manager;

            public double Fte => Hours / Planner._productiveHours;

            public void Add(Activity activity, double hours)
            {
                Activities.Add(activity);
                Hours += hours;
                SetupHours += activity.Effort.SetupHours;
                Duties.Add(new Duty(activity.Phase, activity.Name));
                _activityLines.Add(new(
                    $"活动 {activity.Id}（{activity.Name.Zh}）：{F(hours)} 小时/周{(activity.Effort.ErlangC ? "（按 Erlang C）" : "")}",
                    $"Activity {activity.Id} ({activity.Name.En}): {F(hours)} h/week{(activity.Effort.ErlangC ? " (Erlang C)" : "")}"));
            }

            /// <summary>True when taking <paramref name="other"/>'s work on leaves this post with as many people as before.</summary>
            public bool CanAbsorbWithoutHiring(PostWork other, bool traditional) =>
                ByWorkload(Fte + other.Fte, traditional) <= Math.Max(1, ByWorkload(Fte, traditional));

            public void Absorb(PostWork other, bool quiet = false)
            {
                foreach (var activity in other.Activities)
                {
                    Activities.Add(activity);
                    Duties.Add(new Duty(activity.Phase, activity.Name));
                }

                Hours += other.Hours;
                SetupHours += other.SetupHours;
                _activityLines.AddRange(other._activityLines);
                _minimum = Math.Max(_minimum, other._minimum);
                if (!quiet)
                {
                    Justify(new(
                        $"合并：{other.Definition.Title.Zh}工作量仅 {F(other.Fte)} FTE（低于 {F(StaffingRules.MinStandaloneFte)}），由本岗位兼任",
                        $"Merged: the {other.Definition.Title.En.Mid()} work is only {F(other.Fte)} FTE (under {F(StaffingRules.MinStandaloneFte)}), so this post takes it on"));
                }
            }

            public void Minimum(int count, LocalizedText rule)
            {
                _minimum = Math.Max(_minimum, count);
                Justify(rule);
            }

            public void Justify(LocalizedText line)
            {
                if (!_justification.Contains(line))
                {
                    _justification.Add(line);
                }
            }

            public void Size(bool traditional) => Headcount = Math.Max(ByWorkload(Fte, traditional), _minimum);

            public PlannedPost ToPlannedPost()
            {
                var duties = Duties.DistinctBy(d => (d.Phase, d.Text.En)).OrderBy(d => d.Phase).ToList();
                var skills = Definition.CoreSkills.Concat(Activities.SelectMany(a => a.Skills)).Distinct(StringComparer.Ordinal).ToList();
                var phases = duties.Select(d => d.Phase).Distinct().Order().ToList();
                var sizing = Hours > 0
                    ? [new LocalizedText(
                        $"工作量 {F(Hours)} 小时/周 ÷ 每人 {F(Planner._productiveHours)} 有效小时 = {F(Fte)} FTE → {Format.Count(Headcount)} 人",
                        $"Workload {F(Hours)} h/week ÷ {F(Planner._productiveHours)} productive h per person = {F(Fte)} FTE → {English.People(Headcount)}")]
                    : Array.Empty<LocalizedText>();
                return new PlannedPost(Id, Definition.Title, Definition.Function, Headcount, ReportsTo, phases, duties, skills,
                    [.. _activityLines, .. _justification, .. sizing], Hours, Fte, SetupHours, People);
            }

            /// <summary>
            /// People for a workload: whole people with up to <see cref="StaffingRules.RoundingTolerance"/> absorbed
            /// (1.08 FTE → 1), or half persons for a traditional enterprise.
            /// </summary>
            private static decimal ByWorkload(double fte, bool traditional) =>
                fte <= 0 ? 0
                : traditional ? Math.Max(0.5m, (decimal)Math.Ceiling((fte * 2) - (StaffingRules.RoundingTolerance * 2)) / 2)
                : Math.Max(1, (decimal)Math.Ceiling(fte - StaffingRules.RoundingTolerance));
        }
    }
}
