using System.Globalization;
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
        private readonly VolumeInfo _volume = profile.Volume;
        private readonly double _productiveHours = profile.Enterprise.WorkHoursPerWeek * (1 - profile.Volume.Shrinkage);
        private readonly bool _traditional = profile.Enterprise.Kind == EnterpriseKind.Traditional;
        private readonly List<Finding> _findings = [];

        public Blueprint Run()
        {
            var activities = CollectActivities();
            var consulting = SizeConsulting(activities);

            // Price each function on its own (no cross-function merges) to decide make-or-buy fairly,
            // then staff what stays in-house together.
            var makeOrBuy = DecideMakeOrBuy(activities, consulting);
            var outsourced = makeOrBuy.Where(m => m.Recommendation == MakeOrBuyRecommendation.Outsource).Select(m => m.Function).ToHashSet();
            var owned = activities.Select(a => a with { Owner = a.Owner == ActivityOwner.InHouse && outsourced.Contains(a.Activity.Function) ? ActivityOwner.Outsourced : a.Owner }).ToList();

            var posts = Staff(owned.Where(a => a.Owner == ActivityOwner.InHouse).ToList(), consulting, allowMerges: true);
            posts = ConsolidateTraditional(posts);
            EnsureManager(posts);
            AddVendorDuties(posts, outsourced);
            AddSupervisors(posts);
            AssignPeople(posts);

            var planned = PlaceActivities(owned, posts);
            var finalPosts = posts.Select(p => p.ToPlannedPost()).ToList();
            var headcount = Headcount(finalPosts);
            var cost = Cost(finalPosts, makeOrBuy);
            var consultingPlan = posts.Any(p => p.Id == PostCatalog.Consultant) ? consulting : null;

            Check(finalPosts, planned, consulting, headcount, cost, makeOrBuy);
            var roadmap = Roadmap(finalPosts, makeOrBuy);
            return new Blueprint(
                profile.Enterprise.Name,
                profile.Enterprise.Kind,
                profile.Enterprise.Currency,
                profile.Strategy.Models,
                new PlanAssumptions(_productiveHours, profile.Enterprise.LoadedCostPerPersonYear, profile.Enterprise.WorkHoursPerWeek, _volume.Shrinkage),
                headcount,
                finalPosts,
                consultingPlan,
                cost,
                makeOrBuy,
                _findings.OrderBy(f => f.Severity).ToList(),
                roadmap,
                planned,
                Glossary(finalPosts, planned));
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
                hours += unit.Hours * unit.Driver switch
                {
                    VolumeDriver.InquiriesPerDay => _volume.InquiriesPerDay * _volume.OperatingDaysPerWeek,
                    VolumeDriver.OrdersPerDay => _volume.OrdersPerDay * _volume.OperatingDaysPerWeek,
                    VolumeDriver.ContentPiecesPerWeek => _volume.ContentPiecesPerWeek,
                    _ => _volume.SkuCount,
                };
            }

            return hours;
        }

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
                    "在线咨询由本部门负责，但未填写每日咨询量（volume.inquiriesPerDay），客服人数只能按最低配置 1 人估算。请填写咨询量与高峰小时占比。",
                    "Consulting is in the department but volume.inquiriesPerDay is not given, so consultants are sized at the minimum of one. Give the daily inquiries and the peak-hour share."), "consultant"));
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
            var positions = Math.Max(peak.Positions, (int)Math.Ceiling((seatHours / _productiveHours) - 1e-9));
            return new ConsultingPlan(peak, peakContacts, offPeakAgents, seatHours, handleHours, positions);
        }

        private ErlangCRequest Request(double contactsPerHour) => new(
            contactsPerHour, 3600, _volume.AverageHandleSeconds, _volume.TargetAnswerSeconds, _volume.ServiceLevel,
            _volume.Shrinkage, _volume.MaxOccupancy, _volume.ConcurrentChats);

        // ---- staffing ---------------------------------------------------------------------------

        private List<MakeOrBuyDecision> DecideMakeOrBuy(List<PlannedActivity> activities, ConsultingPlan? consulting)
        {
            var decisions = new List<MakeOrBuyDecision>();
            foreach (var (function, quote) in profile.Outsourcing.Quotes.OrderBy(q => q.Key))
            {
                if (!profile.Department.Functions.Contains(function))
                {
                    continue;
                }

                var own = activities.Where(a => a.Owner == ActivityOwner.InHouse && a.Activity.Function == function).ToList();
                var headcount = Staff(own, consulting, allowMerges: false).Sum(p => p.Headcount);
                var inHouse = headcount * profile.Enterprise.LoadedCostPerPersonYear;
                var saving = inHouse - quote;
                var keep = profile.Outsourcing.KeepInHouse.Contains(function);
                var recommendation = saving > 0 && !keep ? MakeOrBuyRecommendation.Outsource : MakeOrBuyRecommendation.InHouse;
                decisions.Add(new MakeOrBuyDecision(function, headcount, inHouse, quote, saving, recommendation, keep));
            }

            return decisions;
        }

        private List<PostWork> Staff(List<PlannedActivity> activities, ConsultingPlan? consulting, bool allowMerges)
        {
            var posts = new Dictionary<string, PostWork>(StringComparer.Ordinal);
            PostWork Post(string id) => posts.TryGetValue(id, out var p) ? p : posts[id] = new PostWork(PostCatalog.Get(id), this);

            foreach (var a in activities)
            {
                Post(a.Activity.Post).Add(a.Activity, a.Activity.Effort.ErlangC ? 0 : a.HoursPerWeek);
            }

            if (consulting is not null && _traditional && posts.TryGetValue(PostCatalog.Consultant, out var answering))
            {
                // A traditional enterprise answers inquiries between other work rather than keeping a
                // dedicated desk: charge the handling time and let the service-level finding say what it achieves.
                answering.Hours += consulting.HandleHoursPerWeek;
                answering.Justify(new(
                    $"处理咨询：每天 {F(_volume.InquiriesPerDay)} 个 × 有效处理 {F(consulting.Peak.EffectiveHandleSeconds)} 秒 × {_volume.OperatingDaysPerWeek} 天 = {F(consulting.HandleHoursPerWeek)} 小时/周（不设专职座席）",
                    $"Handling inquiries: {F(_volume.InquiriesPerDay)} a day × {F(consulting.Peak.EffectiveHandleSeconds)} s effective × {_volume.OperatingDaysPerWeek} days = {F(consulting.HandleHoursPerWeek)} h/week (no dedicated desk)"));
            }
            else if (consulting is not null && posts.TryGetValue(PostCatalog.Consultant, out var consultant))
            {
                // Erlang C gives agents on duty; the seat-hours spread over the opening hours go into the
                // consultants' workload so the same rounding as every other post applies.
                consultant.Hours += consulting.SeatHoursPerWeek;
                consultant.Minimum(consulting.Peak.Positions, new(
                    $"Erlang C：高峰小时 {F(consulting.PeakContactsPerHour)} 个咨询需 {consulting.Peak.Agents} 人同时在线，服务水平 {P(consulting.Peak.ServiceLevel)}；扣除损耗 {P(_volume.Shrinkage)} 后需排班 {consulting.Peak.Positions} 人",
                    $"Erlang C: {F(consulting.PeakContactsPerHour)} inquiries in the peak hour need {consulting.Peak.Agents} agents on duty for a {P(consulting.Peak.ServiceLevel)} service level; {consulting.Peak.Positions} to schedule after {P(_volume.Shrinkage)} shrinkage"));
                consultant.Justify(new(
                    $"营业 {F(_volume.CoverageHoursPerDay)} 小时/天 × {_volume.OperatingDaysPerWeek} 天：每周在线座席 {F(consulting.SeatHoursPerWeek)} 小时",
                    $"Open {F(_volume.CoverageHoursPerDay)} h/day × {_volume.OperatingDaysPerWeek} days: {F(consulting.SeatHoursPerWeek)} seat-hours per week"));
            }

            var inHouse = activities.Select(a => a.Activity.Function).ToHashSet();
            if (!_traditional)
            {
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
            }

            if (inHouse.Contains(BusinessFunction.Consulting) && !_traditional)
            {
                Post(PostCatalog.Consultant).Minimum(1, new("在线咨询由本部门负责：至少 1 名客服", "Consulting is in the department: at least 1 consultant"));
            }

            if (allowMerges)
            {
                MergeSmallPosts(posts);
            }

            foreach (var post in posts.Values)
            {
                post.Size(_traditional);
            }

            return posts.Values.Where(p => p.Headcount > 0 || p.Activities.Count > 0).OrderBy(p => p.Order).ToList();
        }

        private static readonly Dictionary<string, string[]> s_mergeTargets = new(StringComparer.Ordinal)
        {
            [PostCatalog.Planner] = [PostCatalog.Manager],
            [PostCatalog.PrSpecialist] = [PostCatalog.CopyPlanner, PostCatalog.Manager],
            [PostCatalog.ItTechnician] = [PostCatalog.BackendEngineer, PostCatalog.Manager],
            [PostCatalog.FulfilmentClerk] = [PostCatalog.Consultant, PostCatalog.Manager],
        };

        private void MergeSmallPosts(Dictionary<string, PostWork> posts)
        {
            foreach (var (id, targets) in s_mergeTargets)
            {
                if (!posts.TryGetValue(id, out var small) || small.Fte >= StaffingRules.MinStandaloneFte)
                {
                    continue;
                }

                // The manager always exists in a department with more than one post, so it is a valid last resort.
                var target = targets.FirstOrDefault(t => posts.ContainsKey(t) || t == PostCatalog.Manager);
                if (target is null)
                {
                    continue;
                }

                if (!posts.TryGetValue(target, out var into))
                {
                    into = posts[target] = new PostWork(PostCatalog.Get(target), this);
                }

                into.Absorb(small);
                posts.Remove(id);
            }
        }

        private List<PostWork> ConsolidateTraditional(List<PostWork> posts)
        {
            var fte = posts.Sum(p => p.Fte);
            if (!_traditional || fte > StaffingRules.SpecialistMaxFte)
            {
                return posts;
            }

            var specialist = new PostWork(PostCatalog.Get(PostCatalog.Specialist), this);
            foreach (var post in posts)
            {
                specialist.Absorb(post);
            }

            specialist.Justify(new(
                $"传统企业：部门内工作量共 {F(fte)} FTE，不超过 {F(StaffingRules.SpecialistMaxFte)}，设一个{(fte <= 0.5 ? "兼职（半人）" : "")}网络营销岗位即可，其余外包或由市场部兼任",
                $"Traditional enterprise: in-house work totals {F(fte)} FTE, at most {F(StaffingRules.SpecialistMaxFte)}, so one {(fte <= 0.5 ? "shared (half-time) " : "")}post covers it; the rest is outsourced or shared with the market department"));
            specialist.Size(traditional: true);
            specialist.Headcount = fte <= 0.5 ? 0.5m : 1m;
            specialist.ReportsTo = Owner;
            return [specialist];
        }

        private void EnsureManager(List<PostWork> posts)
        {
            if (posts.Any(p => p.Id is PostCatalog.Manager or PostCatalog.Specialist))
            {
                var existing = posts.First(p => p.Id is PostCatalog.Manager or PostCatalog.Specialist);
                existing.ReportsTo = Owner;
                if (existing.Id == PostCatalog.Manager)
                {
                    existing.Headcount = Math.Max(1, existing.Headcount);
                    existing.Justify(new("规则：部门设一名网络营销经理全面负责，向老板汇报", "Rule: one network marketing manager has overall responsibility and reports to the owner"));
                }

                return;
            }

            var manager = new PostWork(PostCatalog.Get(_traditional && posts.Count == 0 ? PostCatalog.Specialist : PostCatalog.Manager), this)
            {
                ReportsTo = Owner,
            };
            if (manager.Id == PostCatalog.Specialist)
            {
                manager.Headcount = 0.5m;
                manager.Justify(new(
                    "传统企业且全部工作外包：设一个兼职岗位对接服务商、跟进效果",
                    "Traditional enterprise with all work outsourced: one shared post manages the vendors and follows up the results"));
            }
            else
            {
                manager.Headcount = 1;
                manager.Justify(new("规则：部门设一名网络营销经理全面负责，向老板汇报", "Rule: one network marketing manager has overall responsibility and reports to the owner"));
            }

            posts.Insert(0, manager);
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

        private void AddSupervisors(List<PostWork> posts)
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

            int Span() => (int)Math.Ceiling(posts.Where(p => p.ReportsTo == manager.Id).Sum(p => p.Headcount));
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

                var supervisor = new PostWork(PostCatalog.Get(PostCatalog.SupervisorOf(function)!), this) { Headcount = 1, ReportsTo = manager.Id };
                supervisor.Justify(new(
                    $"规则 {FindingRules.SpanOfControl}：经理直接下属 {before} 人超过 {StaffingRules.MaxSpan} 人，{function.DisplayName().Zh}的 {F((double)staff)} 人由主管带领",
                    $"Rule {FindingRules.SpanOfControl}: the manager would have {before} direct reports, over {StaffingRules.MaxSpan}; the {F((double)staff)} people of {function.DisplayName().En.Mid()} get a supervisor"));
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
            var cost = profile.Enterprise.LoadedCostPerPersonYear;
            var byFunction = posts.GroupBy(p => p.Function).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Headcount) * cost);
            var inHouse = byFunction.Values.Sum();
            var outsourcing = makeOrBuy.Where(m => m.Recommendation == MakeOrBuyRecommendation.Outsource).Sum(m => m.OutsourceAnnual);
            return new CostSummary(inHouse, byFunction, outsourcing, inHouse + outsourcing, profile.Strategy.AnnualBudget);
        }

        // ---- findings ---------------------------------------------------------------------------

        private void Check(
            List<PlannedPost> posts,
            List<PlannedActivity> activities,
            ConsultingPlan? consulting,
            HeadcountSummary headcount,
            CostSummary cost,
            List<MakeOrBuyDecision> makeOrBuy)
        {
            var findings = new FindingBuilder(profile, library, _findings);
            findings.UnownedActivities(activities);
            findings.UnownedKpis(activities);
            findings.PlatformAndPromotionMinimums(posts);
            findings.SpanOfControl(posts);
            findings.DepartmentSize(headcount.Total);
            findings.Budget(cost, makeOrBuy);
            findings.Outsourcing(makeOrBuy);
            findings.Consulting(posts, consulting, _productiveHours);
            findings.Team(posts, activities);
        }

        // ---- roadmap ----------------------------------------------------------------------------

        private List<RoadmapStage> Roadmap(List<PlannedPost> posts, List<MakeOrBuyDecision> makeOrBuy) =>
            RoadmapBuilder.Build(profile, library, posts, makeOrBuy);

        internal static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

        internal static string P(double share) => share.ToString("0.#%", CultureInfo.InvariantCulture);

        /// <summary>A post being sized: its activities, hours, rules and people.</summary>
        private sealed class PostWork(PostDefinition definition, Planner planner)
        {
            private readonly List<LocalizedText> _justification = [];
            private readonly List<LocalizedText> _activityLines = [];
            private int _minimum;

            public PostDefinition Definition { get; } = definition;

            public string Id => Definition.Id;

            public int Order => PostCatalog.All.ToList().IndexOf(Definition);

            public List<Activity> Activities { get; } = [];

            public List<Duty> Duties { get; } = [.. definition.Duties];

            public List<string> People { get; } = [];

            public double Hours { get; set; }

            public double SetupHours { get; private set; }

            public decimal Headcount { get; set; }

            public string ReportsTo { get; set; } = PostCatalog.Manager;

            public double Fte => Hours / planner._productiveHours;

            public void Add(Activity activity, double hours)
            {
                Activities.Add(activity);
                Hours += hours;
                SetupHours += activity.Effort.SetupHours;
                Duties.Add(new Duty(activity.Phase, activity.Name));
                var effort = activity.Effort.ErlangC
                    ? new LocalizedText("按 Erlang C 计算", "sized by Erlang C")
                    : new LocalizedText($"{F(hours)} 小时/周", $"{F(hours)} h/week");
                _activityLines.Add(new($"活动 {activity.Id}（{activity.Name.Zh}）：{effort.Zh}", $"Activity {activity.Id} ({activity.Name.En}): {effort.En}"));
            }

            public void Absorb(PostWork other)
            {
                foreach (var activity in other.Activities)
                {
                    Activities.Add(activity);
                    Duties.Add(new Duty(activity.Phase, activity.Name));
                }

                Hours += other.Hours;
                SetupHours += other.SetupHours;
                _activityLines.AddRange(other._activityLines);
                _minimum = Math.Max(_minimum, 0);
                if (other.Id != Id && Id != PostCatalog.Specialist)
                {
                    Justify(new(
                        $"合并：{other.Definition.Title.Zh}工作量仅 {F(other.Fte)} FTE（低于 {F(StaffingRules.MinStandaloneFte)}），由本岗位兼任",
                        $"Merged: the {other.Definition.Title.En.Mid()} work is only {F(other.Fte)} FTE (under {F(StaffingRules.MinStandaloneFte)}), so this post takes it on"));
                }
            }

            public void Minimum(int count, LocalizedText rule)
            {
                if (count > _minimum)
                {
                    _minimum = count;
                }

                Justify(rule);
            }

            public void Justify(LocalizedText line)
            {
                if (!_justification.Contains(line))
                {
                    _justification.Add(line);
                }
            }

            public void Size(bool traditional)
            {
                var fte = Fte;
                decimal byWorkload = fte <= 0 ? 0
                    : traditional ? Math.Max(0.5m, (decimal)Math.Ceiling((fte * 2) - (StaffingRules.RoundingTolerance * 2)) / 2)
                    : Math.Max(1, (decimal)Math.Ceiling(fte - StaffingRules.RoundingTolerance));
                Headcount = Math.Max(byWorkload, _minimum);
                if (Hours > 0)
                {
                    Justify(new(
                        $"工作量 {F(Hours)} 小时/周 ÷ 每人 {F(planner._productiveHours)} 有效小时 = {F(fte)} FTE → {Headcount} 人",
                        $"Workload {F(Hours)} h/week ÷ {F(planner._productiveHours)} productive h per person = {F(fte)} FTE → {Headcount} people"));
                }
            }

            public PlannedPost ToPlannedPost()
            {
                var duties = Duties.DistinctBy(d => (d.Phase, d.Text.En)).OrderBy(d => d.Phase).ToList();
                var skills = Definition.CoreSkills.Concat(Activities.SelectMany(a => a.Skills)).Distinct(StringComparer.Ordinal).ToList();
                var phases = duties.Select(d => d.Phase).Distinct().Order().ToList();
                return new PlannedPost(Id, Definition.Title, Definition.Function, Headcount, ReportsTo, phases, duties, skills,
                    [.. _activityLines, .. _justification], Hours, Fte, SetupHours, People);
            }
        }
    }
}
