using System.Globalization;
using System.Net;
using System.Text.Json;
using Formation.Application.Data;
using Formation.Web.Tests.Support;

namespace Formation.Web.Tests.Features.Account;

/// <summary>Every screen in Simplified Chinese or English: from the browser, or the user's own choice once made.</summary>
[Collection(SharedWebApp.Name)]
public sealed class LanguageTests(WebAppFixture fixture)
{
    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task SignInPage_ChineseBrowser_IsInChinese(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var browser = app.Factory.NewSession("zh-CN,zh;q=0.9");

        var page = await browser.GetAsync("/signin");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Text.ShouldContain("登录");
        page.Text.ShouldContain("密码");
        page.Text.ShouldContain("<html lang=\"zh-CN\">");
        page.Text.ShouldNotContain("E-mail", Case.Sensitive);
        page.Text.ShouldNotContain(">Sign in<", Case.Sensitive);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task SignInPage_EnglishBrowser_IsInEnglish(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var browser = app.Factory.NewSession("en-US,en;q=0.9");

        var page = await browser.GetAsync("/signin");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Text.ShouldContain("Sign in");
        page.Text.ShouldContain("E-mail", Case.Sensitive);
        page.Text.ShouldNotContain("登录");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task LanguagePost_SignedIn_SwitchesAndPersistsAcrossANewSignIn(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var member = await app.AddMemberOfAAsync(Role.Viewer);
        using var browser = app.Factory.NewSession();
        await browser.SignInOrFailAsync(member.Email);
        var versions = $"/o/{app.OrganizationA}/versions";
        var before = await browser.GetAsync(versions);
        var form = before.Form("/language") ?? throw new ShouldAssertException("The layout has no language form." + before);

        var switched = await browser.PostFormAsync("/language", form.AntiforgeryToken, ("lang", "zh"), ("returnUrl", form.Inputs["returnUrl"]));
        var after = await browser.GetAsync(versions);
        using var later = app.Factory.NewSession();
        await later.SignInOrFailAsync(member.Email);
        var nextTime = await later.GetAsync(versions);

        before.Text.ShouldContain("Plan versions");
        switched.Status.ShouldBe(HttpStatusCode.Redirect);
        switched.LocationPath.ShouldBe(versions);
        after.Text.ShouldContain("计划版本");
        after.Text.ShouldNotContain("Plan versions");
        nextTime.Text.ShouldContain("计划版本");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task LanguagePost_Anonymous_SetsTheLanguageForThisBrowser(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var browser = app.Factory.NewSession("en");
        var token = await browser.AntiforgeryTokenAsync("/signin");

        var switched = await browser.PostFormAsync("/language", token, ("lang", "zh"), ("returnUrl", "/signin"));
        var page = await browser.GetAsync("/signin");

        switched.Status.ShouldBe(HttpStatusCode.Redirect);
        switched.LocationPath.ShouldBe("/signin");
        page.Text.ShouldContain("登录");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task LanguagePost_UnknownLanguageOrForeignReturnUrl_IsRefusedOrKeptLocal(string provider)
    {
        var app = await fixture.GetAsync(provider);
        using var browser = app.Factory.NewSession();
        var token = await browser.AntiforgeryTokenAsync("/signin");

        var unknown = await browser.PostFormAsync("/language", token, ("lang", "fr"), ("returnUrl", "/signin"));
        var foreign = await browser.PostFormAsync("/language", token, ("lang", "en"), ("returnUrl", "https://evil.test/"));

        unknown.Status.ShouldBe(HttpStatusCode.BadRequest);
        foreign.Status.ShouldBe(HttpStatusCode.Redirect);
        foreign.Location.ShouldBe("/");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task BlueprintPage_ChineseReader_ShowsMoneyWithTheYuanSignForTheCulture(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var reader = await app.AddMemberOfAAsync(Role.Viewer, "zh-CN");
        var json = await reader.Session.GetAsync($"/o/{app.OrganizationA}/blueprint?handler=Export&format=json");
        var total = JsonDocument.Parse(json.Body).RootElement.GetProperty("cost").GetProperty("totalAnnual").GetDecimal();

        var page = await reader.Session.GetAsync($"/o/{app.OrganizationA}/blueprint");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Text.ShouldContain("年度成本");
        page.Text.ShouldContain($"¥{total.ToString("N0", CultureInfo.GetCultureInfo("zh-CN"))}");
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task BlueprintPage_EnglishReader_ShowsMoneyWithTheYuanSignForTheCulture(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var reader = await app.AddMemberOfAAsync(Role.Viewer, "en-GB");
        var json = await reader.Session.GetAsync($"/o/{app.OrganizationA}/blueprint?handler=Export&format=json");
        var total = JsonDocument.Parse(json.Body).RootElement.GetProperty("cost").GetProperty("totalAnnual").GetDecimal();

        var page = await reader.Session.GetAsync($"/o/{app.OrganizationA}/blueprint");

        page.Text.ShouldContain("Annual cost");
        page.Text.ShouldContain($"¥{total.ToString("N0", CultureInfo.GetCultureInfo("en-GB"))}");
    }
}
