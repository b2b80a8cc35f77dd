using Formation.Domain.Text;

namespace Formation.Domain.Planning;

/// <summary>A post of the vocabulary with what the sources say it does.</summary>
/// <param name="Id">Stable id used in files and JSON.</param>
/// <param name="Title">Display title.</param>
/// <param name="Function">The function the post belongs to.</param>
/// <param name="IsSupervisor">True for the three supervisor posts.</param>
/// <param name="Duties">Standing duties by phase from the source's team-configuration table (PRODUCT §2.3).</param>
/// <param name="CoreSkills">Skills anyone on the post needs, whatever the playbook.</param>
public sealed record PostDefinition(
    string Id,
    LocalizedText Title,
    BusinessFunction Function,
    bool IsSupervisor,
    IReadOnlyList<Duty> Duties,
    IReadOnlyList<string> CoreSkills);

/// <summary>A duty of a post in one phase.</summary>
public sealed record Duty(Phase Phase, LocalizedText Text);

/// <summary>The one vocabulary of post ids (docs/playbook-format.md).</summary>
public static class PostCatalog
{
    public const string Manager = "manager";
    public const string Planner = "planner";
    public const string Specialist = "specialist";
    public const string WebsiteSupervisor = "website-supervisor";
    public const string FrontendEditor = "frontend-editor";
    public const string BackendEngineer = "backend-engineer";
    public const string PromotionSupervisor = "promotion-supervisor";
    public const string CopyPlanner = "copy-planner";
    public const string Promoter = "promoter";
    public const string ConsultingSupervisor = "consulting-supervisor";
    public const string Consultant = "consultant";
    public const string PrSpecialist = "pr-specialist";
    public const string ItTechnician = "it-technician";
    public const string FulfilmentClerk = "fulfilment-clerk";

    private const Phase P = Phase.Planning;
    private const Phase I = Phase.Implementation;
    private const Phase E = Phase.Evaluation;

    /// <summary>All posts, in org-chart order.</summary>
    public static IReadOnlyList<PostDefinition> All { get; } =
    [
        new(Manager, new("网络营销经理", "Network marketing manager"), BusinessFunction.Management, false,
        [
            new(P, new("制定网络营销长期与短期计划", "Set the long- and short-term network marketing plan")),
            new(P, new("参与大型网络营销项目策划", "Take part in planning large projects")),
            new(I, new("监控实施过程", "Monitor implementation")),
            new(I, new("协调团队成员", "Coordinate the team")),
            new(E, new("分析评估网络营销效果", "Analyse and evaluate the effect of network marketing")),
            new(E, new("将网络营销纳入公司整体管理", "Integrate network marketing into company management")),
        ], ["marketing-planning", "team-management", "data-analysis"]),
        new(Planner, new("网络营销策划", "Marketing planner"), BusinessFunction.Management, false,
        [
            new(P, new("分析营销信息", "Analyse marketing information")),
            new(P, new("按计划策划网络营销活动", "Plan network marketing activities to the plan")),
            new(E, new("参与活动实施后的效果评估", "Take part in the effect assessment after activities")),
        ], ["marketing-planning", "market-research", "data-analysis"]),
        new(Specialist, new("网络营销专员", "Network marketing specialist"), BusinessFunction.Management, false,
        [
            new(P, new("在老板领导下拟定网络营销计划", "Draft the network marketing plan under the owner")),
            new(I, new("执行推广与内容工作，对接外包服务商", "Run promotion and content work; manage outsourcing vendors")),
            new(E, new("每月汇报效果数据", "Report effect figures monthly")),
        ], ["marketing-planning", "copywriting", "data-analysis"]),
        new(WebsiteSupervisor, new("网站主管", "Website supervisor"), BusinessFunction.Platform, true,
        [
            new(P, new("规划网站或店铺的结构与内容", "Plan the site or shop structure and content")),
            new(I, new("督导平台建设、维护与安全", "Supervise platform construction, maintenance and security")),
            new(E, new("评估平台表现并提出改进", "Evaluate platform performance and propose improvements")),
        ], ["web-development", "team-management"]),
        new(FrontendEditor, new("前台美工与编辑", "Front-end designer and editor"), BusinessFunction.Platform, false,
        [
            new(I, new("网站或店铺页面设计与美工", "Design the site or shop pages")),
            new(I, new("内容编辑与更新", "Edit and update content")),
        ], ["graphic-design", "content-editing"]),
        new(BackendEngineer, new("后台程序与网络安全", "Back-end programmer and network security"), BusinessFunction.Platform, false,
        [
            new(I, new("网站设计、开发、优化与维护", "Design, develop, optimise and maintain the site")),
            new(I, new("面向搜索引擎的技术优化", "Technical search-engine optimisation")),
            new(I, new("内容生产的技术工作与网络安全", "Technical side of content production; network security")),
        ], ["web-development", "network-security"]),
        new(PromotionSupervisor, new("推广主管", "Promotion supervisor"), BusinessFunction.Promotion, true,
        [
            new(P, new("分解推广目标并安排到人", "Break promotion goals down and assign them")),
            new(I, new("督导推广执行与文案质量", "Supervise promotion work and copy quality")),
            new(E, new("按渠道评估推广效果", "Evaluate promotion effect by channel")),
        ], ["marketing-planning", "team-management", "data-analysis"]),
        new(CopyPlanner, new("文案策划", "Copy planner"), BusinessFunction.Promotion, false,
        [
            new(I, new("撰写营销文案与推广软文", "Write marketing copy and soft articles")),
            new(I, new("制作网络广告、视频、动画等内容", "Produce ads, video, animation and other content")),
            new(E, new("参与项目效果评估", "Take part in effect evaluation")),
        ], ["copywriting"]),
        new(Promoter, new("推广专员", "Promoter"), BusinessFunction.Promotion, false,
        [
            new(I, new("收集、筛选和整理网络营销信息", "Collect, screen and sort marketing information")),
            new(I, new("在网上发布与更新信息", "Publish and update information online")),
            new(I, new("在线客户沟通与服务", "Communicate with and serve customers online")),
            new(E, new("参与项目效果评估", "Take part in effect evaluation")),
        ], []),
        new(ConsultingSupervisor, new("客服主管", "Consulting supervisor"), BusinessFunction.Consulting, true,
        [
            new(P, new("按业务量排班", "Schedule shifts to the volume")),
            new(I, new("督导服务水平与质量", "Supervise service level and quality")),
            new(E, new("分析咨询数据与客户反馈", "Analyse consulting figures and customer feedback")),
        ], ["customer-service", "team-management"]),
        new(Consultant, new("在线咨询与客服", "Online consultant"), BusinessFunction.Consulting, false,
        [
            new(I, new("在线接待咨询并促成转化", "Answer online inquiries and convert them")),
            new(I, new("售后服务与回访", "After-sales service and follow-up")),
        ], ["customer-service", "sales-communication"]),
        new(PrSpecialist, new("网络公关与舆情专员", "PR and public-opinion specialist"), BusinessFunction.Pr, false,
        [
            new(I, new("监测网络舆情", "Monitor public opinion online")),
            new(I, new("维护媒体关系，处理公关危机", "Keep media relations; handle crises")),
        ], ["public-opinion-monitoring", "media-relations"]),
        new(ItTechnician, new("IT 支持", "IT support technician"), BusinessFunction.ItSupport, false,
        [
            new(I, new("维护局域网、OA 系统与办公设备", "Maintain the LAN, OA system and office equipment")),
        ], ["it-support"]),
        new(FulfilmentClerk, new("结算与仓储物流专员", "Settlement and fulfilment clerk"), BusinessFunction.Fulfilment, false,
        [
            new(I, new("订单结算与对账", "Settle and reconcile orders")),
            new(I, new("仓储、打包与物流跟踪", "Warehousing, packing and shipment tracking")),
        ], ["settlement", "logistics"]),
    ];

    private static readonly Dictionary<string, PostDefinition> s_byId = All.ToDictionary(p => p.Id, StringComparer.Ordinal);

    private static readonly Dictionary<string, int> s_order = All.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);

    /// <summary>The post's place in org-chart order; unknown ids sort last.</summary>
    public static int IndexOf(string id) => s_order.TryGetValue(id, out var i) ? i : int.MaxValue;

    /// <summary>The post with this id.</summary>
    /// <exception cref="KeyNotFoundException">When the id is not in the vocabulary.</exception>
    public static PostDefinition Get(string id) =>
        s_byId.TryGetValue(id, out var post) ? post : throw new KeyNotFoundException($"Unknown post id \"{id}\".");

    /// <summary>Looks a post up by id.</summary>
    public static bool TryGet(string id, out PostDefinition post) => s_byId.TryGetValue(id, out post!);

    /// <summary>The title of a post id, or of the owner at the top of the org chart.</summary>
    public static LocalizedText TitleOf(string id) =>
        id == BlueprintEngine.Owner ? new LocalizedText("老板", "Owner")
        : TryGet(id, out var post) ? post.Title : new LocalizedText(id, id);

    /// <summary>The supervisor post of a function, if the sources give it one.</summary>
    public static string? SupervisorOf(BusinessFunction function) => function switch
    {
        BusinessFunction.Platform => WebsiteSupervisor,
        BusinessFunction.Promotion => PromotionSupervisor,
        BusinessFunction.Consulting => ConsultingSupervisor,
        _ => null,
    };
}
