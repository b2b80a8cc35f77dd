using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Formation.EndToEndTests;

/// <summary>
/// A manager's month of marketing data in a real browser, in Chinese: the retailer's plan sets an order goal; the
/// manager uploads an export with a value the import rejects, maps its columns, corrects the value, commits with
/// progress, sees the dashboard and the goal go from "no data" to "off track" with a corrective task, and downloads
/// the evaluation report as a PDF whose Chinese text reads back. Screenshots are kept.
/// </summary>
public sealed partial class DataJourneyTests : BrowserTest
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Manager_UploadsMapsFixesCommits_SeesDashboardAndGoalChange_DownloadsChinesePdf()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN",
            TimezoneId = "UTC",
            AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var shots = new Screenshots();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)) /* the CNY test organisation's today: Asia/Shanghai, UTC+8 all year */;
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var export = Path.Combine(Path.GetTempPath(), $"天猫与百度-{Guid.NewGuid():N}.csv");
        File.WriteAllText(export, string.Join('\n',
            "date,channel,campaign,segment,impressions,clicks,cost,conversions,leads,orders,revenue",
            $"{day},天猫,店铺推广,,5000,100,200.00,5,3,2,398.00",
            $"{day},百度搜索,品牌词,,3000,60,一百,2,2,1,99.00"), new UTF8Encoding(false));
        try
        {
            // The manager sets up the department from the retailer example (orders ≥ 1,800 a month) and accepts it.
            await page.GotoAsync(Server.BaseUrl);
            await page.GetByLabel("组织名称").FillAsync("山茶云茶业");
            await page.GetByLabel("你的名字").FillAsync("米娅");
            await page.GetByLabel("邮箱").FillAsync("mia@example.com");
            await page.GetByLabel("密码（至少 10 位）").FillAsync(Password);
            await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "创建" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "上传档案" }).ClickAsync();
            await page.GetByLabel("档案文件").SetInputFilesAsync(Path.Combine(AppServer.RepositoryRoot, "examples", "retailer.yaml"));
            await page.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }).ClickAsync();
            var org = OrgId().Match(page.Url).Groups[1].Value;
            await page.GotoAsync($"{Server.BaseUrl}/o/{org}");
            await page.GetByRole(AriaRole.Button, new() { Name = "确认为新版本" }).ClickAsync();

            // Before any data the order goal has nothing to be judged on.
            await page.GotoAsync($"{Server.BaseUrl}/o/{org}/data/goals");
            var ordersGoal = page.Locator("[data-testid=goal][data-kpi=orders] [data-testid=goal-status]");
            await Assertions.Expect(ordersGoal).ToHaveAttributeAsync("data-status", "NoData");

            // Upload through the Data menu, with the upload's progress bar.
            await page.GetByRole(AriaRole.Button, new() { Name = "数据" }).Or(page.Locator("#nav-data")).First.ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "导入", Exact = true }).ClickAsync();
            await page.GetByLabel("要导入的文件").SetInputFilesAsync(export);
            await page.Locator("#upload-submit").ClickAsync();

            // Map: the template's columns are all there; preview with the mapping.
            await Assertions.Expect(page.Locator("#detected-header")).ToContainTextAsync("campaign");
            await page.GetByLabel("映射", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = "formation-standard" });
            await shots.TakeAsync(page, "data-1-mapping");
            await page.Locator("#use-mapping").ClickAsync();

            // The preview names the rejected value by line and column; the manager corrects it in place.
            var problem = page.GetByTestId("problem");
            await Assertions.Expect(problem).ToHaveCountAsync(1);
            await Assertions.Expect(problem.GetByTestId("problem-line")).ToHaveTextAsync("3");
            await Assertions.Expect(problem.GetByTestId("problem-value")).ToContainTextAsync("一百");
            await Assertions.Expect(page.Locator("#commit")).ToHaveCountAsync(0);
            await shots.TakeAsync(page, "data-2-rejected");
            await page.Locator("[id^='fix-3-']").First.FillAsync("100.00");
            await page.Locator("#repreview").ClickAsync();
            await Assertions.Expect(page.GetByTestId("problem")).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByTestId("accepted")).ToContainTextAsync("2");

            // Commit, with progress, then on to the dashboard.
            await page.Locator("#commit").ClickAsync();
            await Assertions.Expect(page.Locator("#import-result")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await Assertions.Expect(page.GetByTestId("written")).ToContainTextAsync("2");
            await shots.TakeAsync(page, "data-3-committed");
            await page.Locator("#open-dashboard").ClickAsync();

            await Assertions.Expect(page.Locator("[data-testid=kpi-orders] [data-testid=kpi-value]")).ToHaveTextAsync("3");
            await Assertions.Expect(page.Locator("[data-testid=kpi-cost] [data-testid=kpi-value]")).ToHaveTextAsync("¥300.00");
            await Assertions.Expect(page.Locator("[data-chart=trend][data-drawn=true] svg")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("[data-chart=mix][data-drawn=true] svg")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("[data-testid=breakdown]")).ToContainTextAsync("天猫");
            await Assertions.Expect(page.Locator("[data-testid=goal][data-kpi=orders] [data-testid=goal-status]")).ToHaveAttributeAsync("data-status", "OffTrack");
            await shots.TakeAsync(page, "data-4-dashboard");

            // The import evaluated the goals: the slip opened a corrective task for the post owning orders.
            await page.GotoAsync($"{Server.BaseUrl}/o/{org}/data/goals");
            await Assertions.Expect(ordersGoal).ToHaveAttributeAsync("data-status", "OffTrack");
            var task = page.Locator("[data-testid=goal][data-kpi=orders] [data-testid=goal-task]");
            await Assertions.Expect(task).ToHaveCountAsync(1);
            await shots.TakeAsync(page, "data-5-goals");
            await task.ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading).First).ToContainTextAsync("目标偏离");

            // The evaluation report of the month, downloaded as a PDF that reads back in Chinese.
            var first = new DateOnly(today.Year, today.Month, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await page.GotoAsync($"{Server.BaseUrl}/o/{org}/data/evaluation?from={first}&to={day}");
            await Assertions.Expect(page.GetByTestId("report")).ToContainTextAsync("店铺推广");
            await shots.TakeAsync(page, "data-6-evaluation");
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-pdf").ClickAsync());
            var pdf = Path.Combine(shots.Folder, "zh-CN-data-evaluation.pdf");
            await download.SaveAsAsync(pdf);
            Encoding.ASCII.GetString(File.ReadAllBytes(pdf), 0, 4).ShouldBe("%PDF");
            var text = Run("pdftotext", "-layout", pdf, "-");
            text.ShouldContain("效果评估报告");
            text.ShouldContain("店铺推广");
            text.ShouldContain("天猫");
            Run("pdffonts", pdf).ShouldContain("Identity-H");
            Run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", pdf, Path.Combine(shots.Folder, "zh-CN-data-7-pdf"));

            Server.ServerLog.ShouldNotContain("Exception");
        }
        catch
        {
            await shots.TakeAsync(page, "data-failure");
            Console.WriteLine(Server.ServerLog);
            throw;
        }
        finally
        {
            File.Delete(export);
        }
    }

    private static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"{program}: {process.StandardError.ReadToEnd()}");
        return output;
    }

    [GeneratedRegex("/o/([0-9a-f-]{36})")]
    private static partial Regex OrgId();

    private sealed class Screenshots
    {
        public string Folder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

        public async Task TakeAsync(IPage page, string name) =>
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, $"zh-CN-{name}.png"), FullPage = true });
    }
}
