using System.Diagnostics;
using Microsoft.Playwright;

namespace Formation.EndToEndTests;

/// <summary>
/// A new user's first planning session in a real browser against the real server: set-up, the retailer
/// profile, the blueprint's org chart and findings, accept, change a volume in the wizard, accept again,
/// compare the versions and download the PDF. Once in English and once in Chinese; screenshots are kept.
/// </summary>
public sealed class PlanningJourneyTests : BrowserTest
{
    public static TheoryData<string> Locales => new() { "en-GB", "zh-CN" };

    [Theory]
    [MemberData(nameof(Locales))]
    public async Task NewUser_PlansAcceptsChangesComparesAndDownloads(string locale)
    {
        var w = Words.For(locale);
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            TimezoneId = "UTC",
            AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var shots = new Screenshots(page, locale);
        try
        {
            // First run: the set-up page, no default credentials.
            await page.GotoAsync(Server.BaseUrl);
            await page.GetByLabel(w.OrganisationName).FillAsync(w.Enterprise);
            await page.GetByLabel(w.YourName).FillAsync("Owner");
            await page.GetByLabel(w.Email).FillAsync("owner@example.com");
            await page.GetByLabel(w.Password).FillAsync("correct horse battery");
            await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = w.Create }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = w.Enterprise })).ToBeVisibleAsync();
            await shots.TakeAsync("1-start");

            // The retailer example as a profile file.
            await page.GetByRole(AriaRole.Link, new() { Name = w.UploadProfile }).ClickAsync();
            await page.GetByLabel(w.ProfileFile).SetInputFilesAsync(Path.Combine(AppServer.RepositoryRoot, "examples", "retailer.yaml"));
            await page.GetByRole(AriaRole.Button, new() { Name = w.Upload, Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("headcount")).ToHaveTextAsync("6");
            var chart = page.GetByRole(AriaRole.Img, new() { Name = w.OrgChart });
            await Assertions.Expect(chart.Locator("svg")).ToBeVisibleAsync();
            (await chart.Locator("svg text").AllTextContentsAsync()).ShouldContain(t => t.Contains(w.ManagerTitle, StringComparison.Ordinal));
            await shots.TakeAsync("2-org-chart");

            await page.GetByRole(AriaRole.Tab, new() { Name = w.Findings }).ClickAsync();
            var outsource = page.Locator("[data-rule=OUTSOURCE]");
            await Assertions.Expect(outsource).ToBeVisibleAsync();
            await shots.TakeAsync("3-findings");

            // Accept version 1 on the start page.
            await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = w.Enterprise }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = w.Accept }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("version")).ToHaveCountAsync(1);

            // Change a volume in the wizard and accept version 2 from its review step.
            await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = w.Wizard }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = w.Next }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = w.Next }).ClickAsync();
            await page.GetByLabel(w.ContentPieces).FillAsync("30");
            await shots.TakeAsync("4-wizard-volumes");
            await page.GetByRole(AriaRole.Button, new() { Name = w.Next }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("review")).ToBeVisibleAsync();
            await shots.TakeAsync("5-wizard-review");
            await page.GetByRole(AriaRole.Button, new() { Name = w.SaveAndAccept }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("version")).ToHaveCountAsync(2);

            // Compare the two versions: three times the content needs more copy planners and costs more.
            await page.GetByRole(AriaRole.Button, new() { Name = w.Compare, Exact = true }).ClickAsync();
            var summary = page.GetByTestId("compare-summary");
            await Assertions.Expect(summary).ToBeVisibleAsync();
            var copy = (await page.GetByTestId("compare-posts").Locator("tr", new() { HasText = w.CopyPlanner }).Locator("td").AllInnerTextsAsync()).ToList();
            Number(copy[3]).ShouldBeGreaterThan(Number(copy[1]));
            var cost = (await summary.Locator("tr", new() { HasText = w.AnnualCost }).Locator("td").AllInnerTextsAsync()).ToList();
            Number(cost[1]).ShouldBeGreaterThan(Number(cost[0]));
            await shots.TakeAsync("6-compare");

            // The PDF of the accepted plan, with its text in the reader's language.
            await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = w.Blueprint }).ClickAsync();
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "PDF" }).ClickAsync());
            var pdf = Path.Combine(shots.Folder, $"{locale}-blueprint.pdf");
            await download.SaveAsAsync(pdf);
            (await File.ReadAllBytesAsync(pdf)).Take(4).ShouldBe("%PDF"u8.ToArray());
            (await PdfText(pdf)).ShouldContain(w.ManagerTitle);

            // The staffing calculator answers as the user types: PRODUCT §4's reference needs 14 agents.
            await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = w.Staffing }).ClickAsync();
            await page.GetByLabel(w.Contacts).FillAsync("100");
            await page.GetByLabel(w.Interval).FillAsync("30");
            await page.GetByLabel(w.Aht).FillAsync("180");
            await page.GetByLabel(w.TargetSeconds).FillAsync("20");
            await page.GetByLabel(w.ServiceLevelTarget).FillAsync("0.8");
            await page.GetByLabel(w.Concurrency).FillAsync("1");
            await Assertions.Expect(page.GetByTestId("agents")).ToHaveTextAsync("14");
            await page.GetByLabel(w.ServiceLevelTarget).FillAsync("1.5");
            await Assertions.Expect(page.GetByTestId("staffing-problems")).ToBeVisibleAsync();
            await shots.TakeAsync("7-staffing");

            Server.ServerLog.ShouldNotContain("Exception");
        }
        catch
        {
            await shots.TakeAsync("failure");
            throw;
        }
    }

    private static decimal Number(string shown) =>
        decimal.Parse(new string([.. shown.Where(c => char.IsAsciiDigit(c) || c == '.')]), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> PdfText(string file)
    {
        var start = new ProcessStartInfo("pdftotext", ["-layout", file, "-"]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text;
    }

    private sealed class Screenshots(IPage page, string locale)
    {
        public string Folder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

        public async Task TakeAsync(string name) =>
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, $"{locale}-{name}.png"), FullPage = true });
    }

    /// <summary>What a user reads on the screen, per language: the tests find controls the way a person does.</summary>
    private sealed record Words(
        string Enterprise, string OrganisationName, string YourName, string Email, string Password, string Create,
        string UploadProfile, string ProfileFile, string Upload, string OrgChart, string ManagerTitle, string Findings,
        string Accept, string Wizard, string Next, string ContentPieces, string SaveAndAccept, string Compare, string Blueprint,
        string CopyPlanner, string AnnualCost, string Staffing, string Contacts, string Interval, string Aht, string TargetSeconds,
        string ServiceLevelTarget, string Concurrency)
    {
        public static Words For(string locale) => locale.StartsWith("zh", StringComparison.Ordinal)
            ? new("山茶云茶业", "组织名称", "你的名字", "邮箱", "密码（至少 10 位）", "创建",
                "上传档案", "档案文件", "上传", "组织架构图", "网络营销经理", "检查结果",
                "确认为新版本", "规划向导", "下一步", "每周内容篇数", "保存并确认为新版本", "比较", "蓝图",
                "文案策划", "年度成本", "客服测算", "时段内咨询量", "时段长度（分钟）", "平均处理时长（秒）", "目标应答时间（秒）",
                "服务水平目标（0–1）", "同时接待数（1–5）")
            : new("Camellia Tea Co.", "Organisation name", "Your name", "E-mail", "Password (at least 10 characters)", "Create",
                "Upload a profile", "Profile file", "Upload", "Org chart", "Network marketing manager", "Findings",
                "Accept as a new version", "Wizard", "Next", "Content pieces per week", "Save and accept as a new version", "Compare", "Blueprint",
                "Copy planner", "Annual cost", "Staffing", "Contacts in the interval", "Interval (minutes)", "Average handle time (s)",
                "Target answer time (s)", "Service-level target (0–1)", "Concurrent chats (1–5)");
    }
}
