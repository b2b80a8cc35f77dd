using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Formation.EndToEndTests;

/// <summary>
/// The department at work in a real browser against the real server: the manager generates the work plan from
/// the retailer example and puts people on posts; a staff member moves a task on the board and attaches
/// evidence; time moves past the due date (the server restarts with its clock moved); the supervisor sees the
/// escalation and the weekly report shows the overdue task. Screenshots are kept.
/// </summary>
public sealed partial class WorkJourneyTests : BrowserTest
{
    private const string Password = "correct horse battery";

    private async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-GB",
            TimezoneId = "UTC",
            AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    [Fact]
    public async Task Manager_GeneratesAndStaffs_StaffMovesAndProves_TimePasses_SupervisorIsTold_ReportShowsIt()
    {
        var manager = await NewPageAsync();
        var shots = new Screenshots();
        IPage? current = manager;
        try
        {
            // The manager sets up the department from the retailer example and accepts it.
            await manager.GotoAsync(Server.BaseUrl);
            await manager.GetByLabel("Organisation name").FillAsync("Camellia Tea Co.");
            await manager.GetByLabel("Your name").FillAsync("Mia Manager");
            await manager.GetByLabel("E-mail").FillAsync("mia@example.com");
            await manager.GetByLabel("Password (at least 10 characters)").FillAsync(Password);
            await manager.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
            await manager.GetByRole(AriaRole.Link, new() { Name = "Upload a profile" }).ClickAsync();
            await manager.GetByLabel("Profile file").SetInputFilesAsync(Path.Combine(AppServer.RepositoryRoot, "examples", "retailer.yaml"));
            await manager.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
            await Assertions.Expect(manager.GetByTestId("headcount")).ToHaveTextAsync("6");
            var org = OrgId().Match(manager.Url).Groups[1].Value;
            await manager.GotoAsync($"{Server.BaseUrl}/o/{org}");
            await manager.GetByRole(AriaRole.Button, new() { Name = "Accept as a new version" }).ClickAsync();

            // Accepting offers the work plan; the manager takes the offer.
            await Assertions.Expect(manager.GetByTestId("offer-work-plan")).ToContainTextAsync("Version 1 is accepted");
            await manager.GetByRole(AriaRole.Button, new() { Name = "Generate or update the work plan" }).ClickAsync();
            await Assertions.Expect(manager.GetByTestId("generated")).ToContainTextAsync("added");
            await shots.TakeAsync(manager, "work-1-generated");

            // Two members join: a promoter (staff) and the supervisor who runs the department day to day.
            var staffInvite = await InviteAsync(manager, org, "sam@example.com", "Staff");
            var supervisorInvite = await InviteAsync(manager, org, "sue@example.com", "Supervisor");
            var staff = await JoinAsync(staffInvite, "Sam Staff");
            var supervisor = await JoinAsync(supervisorInvite, "Sue Supervisor");

            // People on posts: Sam is a promoter (one of two: one stays vacant), Sue holds the manager's post.
            await manager.GotoAsync($"{Server.BaseUrl}/o/{org}/people");
            await AssignAsync(manager, "promoter", "Sam Staff");
            await AssignAsync(manager, "manager", "Sue Supervisor");
            await Assertions.Expect(manager.Locator("[data-testid=post-row][data-post=promoter]")).ToContainTextAsync("Sam Staff");
            await Assertions.Expect(manager.Locator("[data-testid=post-row][data-post=promoter] [data-testid=vacant]")).ToBeVisibleAsync();
            await shots.TakeAsync(manager, "work-2-people");

            // Sam drags his first task from To do to Doing on the board.
            current = staff;
            await staff.GotoAsync($"{Server.BaseUrl}/o/{org}/work/board?post=promoter");
            var card = staff.Locator("[data-testid=board-column][data-status=Todo] [data-testid=board-card]").First;
            var taskId = await card.GetAttributeAsync("data-id");
            var title = (await card.Locator("a").First.InnerTextAsync()).Trim();
            // A person's drag: press on the card, move across in steps, release over the Doing column's top.
            var from = (await card.BoundingBoxAsync())!;
            var to = (await staff.Locator("[data-testid=board-column][data-status=Doing]").BoundingBoxAsync())!;
            await staff.Mouse.MoveAsync(from.X + (from.Width / 2), from.Y + 45);
            await staff.Mouse.DownAsync();
            await staff.Mouse.MoveAsync(to.X + 40, to.Y + 20, new() { Steps = 10 });
            await staff.Mouse.UpAsync();
            await Assertions.Expect(staff.GetByTestId("board-message")).ToContainTextAsync("Moved to Doing");
            await Assertions.Expect(staff.Locator($"[data-testid=board-column][data-status=Doing] [data-id='{taskId}']")).ToBeVisibleAsync();
            await staff.ReloadAsync();
            await Assertions.Expect(staff.Locator($"[data-testid=board-column][data-status=Doing] [data-id='{taskId}']")).ToBeVisibleAsync();
            await shots.TakeAsync(staff, "work-3-board");

            // … and attaches a link as evidence for its checkpoint.
            await staff.GotoAsync($"{Server.BaseUrl}/o/{org}/work/{taskId}");
            await staff.GetByLabel("A link as evidence").FillAsync("https://shop.example.com/store/home");
            await staff.GetByRole(AriaRole.Button, new() { Name = "Add link" }).ClickAsync();
            await Assertions.Expect(staff.GetByTestId("comment")).ToContainTextAsync("https://shop.example.com/store/home");
            await Assertions.Expect(staff.GetByTestId("history")).ToContainTextAsync("Sam Staff");
            await shots.TakeAsync(staff, "work-4-evidence");
            var due = DateOnly.ParseExact(await staff.GetByTestId("task-due").GetAttributeAsync("datetime") ?? "", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

            // Time passes: the server comes back as if it were a week after the task's due date.
            var days = due.DayNumber - DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)) /* the CNY test organisation's today: Asia/Shanghai, UTC+8 all year */.DayNumber + 7;
            await Server.RestartAsync(("Formation__ClockOffsetDays", days.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Formation__FollowUpMinutes", "1"));

            // Sue sees the badge and the escalation of Sam's overdue task.
            // Weeks have passed, so the sign-in has expired: Sue signs in again.
            current = supervisor;
            await SignInAsync(supervisor, "sue@example.com");
            await supervisor.GotoAsync($"{Server.BaseUrl}/o/{org}");
            // The job runs a minute after start; the badge counts what it found.
            for (var attempt = 0; attempt < 30 && await supervisor.GetByTestId("unread-count").CountAsync() == 0; attempt++)
            {
                await Task.Delay(5_000);
                await supervisor.ReloadAsync();
            }

            await Assertions.Expect(supervisor.GetByTestId("unread-count")).ToBeVisibleAsync();
            await supervisor.GetByTestId("notification-badge").ClickAsync();
            var notice = supervisor.Locator($"[data-testid=notice][data-reason=overdue]:has(a[href$='/work/{taskId}'])");
            await Assertions.Expect(notice).ToContainTextAsync("7 days overdue");
            await Assertions.Expect(notice).ToContainTextAsync(title);
            await shots.TakeAsync(supervisor, "work-5-escalation");

            // The department's weekly report lists it as overdue.
            current = manager;
            await SignInAsync(manager, "mia@example.com");
            await manager.GotoAsync($"{Server.BaseUrl}/o/{org}/reports/weekly");
            await Assertions.Expect(manager.GetByTestId("section-overdue")).ToContainTextAsync(title);
            await shots.TakeAsync(manager, "work-6-weekly-report");

            Server.ServerLog.ShouldNotContain("Exception");
        }
        catch
        {
            if (current is not null)
            {
                await shots.TakeAsync(current, "work-failure");
            }

            Console.WriteLine(Server.ServerLog);

            throw;
        }
    }

    private async Task<string> InviteAsync(IPage manager, string org, string email, string role)
    {
        await manager.GotoAsync($"{Server.BaseUrl}/o/{org}/members");
        await manager.GetByLabel("E-mail").FillAsync(email);
        await manager.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Value = role });
        await manager.GetByRole(AriaRole.Button, new() { Name = "Create invitation link" }).ClickAsync();
        return (await manager.GetByTestId("invite-link").InnerTextAsync()).Trim();
    }

    private async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync($"{Server.BaseUrl}/signin");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    private async Task<IPage> JoinAsync(string link, string name)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(link.StartsWith('/') ? Server.BaseUrl + link : link);
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("Password (at least 10 characters)").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();
        return page;
    }

    private static async Task AssignAsync(IPage manager, string post, string person)
    {
        var row = manager.Locator($"[data-testid=post-row][data-post={post}]");
        await row.GetByLabel("Member").SelectOptionAsync(new SelectOptionValue { Label = person });
        await row.GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
    }

    [GeneratedRegex("/o/([0-9a-f-]{36})")]
    private static partial Regex OrgId();

    private sealed class Screenshots
    {
        public string Folder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

        public async Task TakeAsync(IPage page, string name) =>
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, $"en-GB-{name}.png"), FullPage = true });
    }
}
