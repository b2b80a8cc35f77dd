using System.Globalization;
using System.Net;
using Formation.Application.Data;
using Formation.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Tests.Features.Data;

/// <summary>Channels and campaigns: added by hand, linked to the plan's modules and posts, budgets, dates and conclusions checked.</summary>
[Collection(SharedWebApp.Name)]
public sealed class ChannelsTests(WebAppFixture fixture)
{
    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Edit_ChannelAndCampaign_LinksThemToThePlanAndKeepsBudgetDatesAndConclusions(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var org = await app.NewOrganizationAsync("Channels");
        await owner.UploadAndAcceptAsync(org, Profiles.Retailer);
        var page = Page(org);

        (await owner.SubmitAsync(page, $"{page}?handler=AddChannel", ("name", " 百度搜索 "), ("module", ""), ("post", ""))).Status.ShouldBe(HttpStatusCode.Redirect);
        var channel = await app.Factory.QueryAsync(org, db => db.Channels.SingleAsync());
        (await owner.SubmitAsync(page, $"{page}?handler=AddCampaign", ("channel", channel.Id.ToString(CultureInfo.InvariantCulture)), ("name", "品牌词"))).Status.ShouldBe(HttpStatusCode.Redirect);
        var campaign = await app.Factory.QueryAsync(org, db => db.Campaigns.SingleAsync());
        var form = await owner.GetAsync(page);
        var module = FirstOption(form.Html, $"channel-{channel.Id}-module");
        var post = FirstOption(form.Html, $"channel-{channel.Id}-post");

        var linked = await owner.SubmitAsync(page, $"{page}?handler=Channel", ("id", channel.Id.ToString(CultureInfo.InvariantCulture)), ("module", module), ("post", post));
        var saved = await owner.SubmitAsync(page, $"{page}?handler=Campaign", ("id", campaign.Id.ToString(CultureInfo.InvariantCulture)), ("module", module), ("post", post),
            ("budget", "12000.50"), ("startsOn", "2026-12-01"), ("endsOn", "2026-12-31"), ("conclusions", "品牌词转化稳定。\r\n下月加预算。"));

        linked.Status.ShouldBe(HttpStatusCode.Redirect, linked.ToString());
        saved.Status.ShouldBe(HttpStatusCode.Redirect, saved.ToString());
        channel = await app.Factory.QueryAsync(org, db => db.Channels.SingleAsync());
        campaign = await app.Factory.QueryAsync(org, db => db.Campaigns.SingleAsync());
        channel.Name.ShouldBe("百度搜索");
        (channel.ModuleId, channel.PostId).ShouldBe((module, post));
        (campaign.ModuleId, campaign.PostId).ShouldBe((module, post));
        campaign.PlannedBudgetE4.ShouldBe(120_005_000);
        campaign.StartsOn.ShouldBe(new DateOnly(2026, 12, 1));
        campaign.EndsOn.ShouldBe(new DateOnly(2026, 12, 31));
        campaign.Conclusions.ShouldBe("品牌词转化稳定。\n下月加预算。");
        var viewer = await app[Role.Viewer].Session.GetAsync($"/o/{app.OrganizationA}/data/channels");
        viewer.Status.ShouldBe(HttpStatusCode.OK);
    }

    public static TheoryData<string, string, string, string, string> BadCampaigns()
    {
        var data = new TheoryData<string, string, string, string, string>();
        foreach (var provider in TestProviders.Names)
        {
            data.Add(provider, "budget", "-5", "", "Planned budget: \"-5\" is not an amount of 0 or more");
            data.Add(provider, "budget", "abc", "", "Planned budget: \"abc\" is not an amount");
            data.Add(provider, "budget", "1.234", "", "Planned budget: CNY amounts have at most 2 decimals.");
            data.Add(provider, "dates", "2026-12-31", "2026-12-01", "The end date (2026-12-01) must not be before the start date (2026-12-31).");
            data.Add(provider, "dates", "2026-13-01", "", "The start and end dates must be yyyy-MM-dd");
            data.Add(provider, "module", "no-such-module", "", "Module: the current plan has no module \"no-such-module\".");
            data.Add(provider, "post", "no-such-post", "", "Post: the current plan has no post \"no-such-post\".");
            data.Add(provider, "conclusions", new string('x', 20_001), "", "Conclusions may have at most 20,000 characters");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadCampaigns))]
    public async Task Edit_BadCampaignValue_Is400WithTheFieldNamed(string provider, string what, string value, string second, string message)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var org = app.OrganizationA;
        var page = Page(org);
        var campaign = await CampaignOfAAsync(app);
        var before = await app.Factory.QueryAsync(org, db => db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaign));
        (string, string)[] fields = what switch
        {
            "budget" => [("budget", value)],
            "dates" => [("startsOn", value), ("endsOn", second)],
            "module" => [("module", value)],
            "post" => [("post", value)],
            _ => [("conclusions", value)],
        };

        var reply = await owner.SubmitAsync(page, $"{page}?handler=Campaign", [("id", campaign.ToString(CultureInfo.InvariantCulture)), .. fields]);

        reply.Status.ShouldBe(HttpStatusCode.BadRequest);
        reply.Text.ShouldContain(message);
        var after = await app.Factory.QueryAsync(org, db => db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaign));
        (after.PlannedBudgetE4, after.StartsOn, after.EndsOn, after.ModuleId, after.Conclusions).ShouldBe((before.PlannedBudgetE4, before.StartsOn, before.EndsOn, before.ModuleId, before.Conclusions));
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Add_DuplicateOrEmptyNames_Are400(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var org = await app.NewOrganizationAsync("Duplicates");
        var page = Page(org);
        await owner.SubmitAsync(page, $"{page}?handler=AddChannel", ("name", "抖音"));
        var channel = await app.Factory.QueryAsync(org, db => db.Channels.SingleAsync());
        await owner.SubmitAsync(page, $"{page}?handler=AddCampaign", ("channel", channel.Id.ToString(CultureInfo.InvariantCulture)), ("name", "新品"));

        var channelTwice = await owner.SubmitAsync(page, $"{page}?handler=AddChannel", ("name", "抖音"));
        var campaignTwice = await owner.SubmitAsync(page, $"{page}?handler=AddCampaign", ("channel", channel.Id.ToString(CultureInfo.InvariantCulture)), ("name", "新品"));
        var empty = await owner.SubmitAsync(page, $"{page}?handler=AddChannel", ("name", "  "));
        var noChannel = await owner.SubmitAsync(page, $"{page}?handler=AddCampaign", ("channel", "999"), ("name", "x"));
        var noPlan = await owner.SubmitAsync(page, $"{page}?handler=AddChannel", ("name", "微信"), ("module", "sem"));

        channelTwice.Status.ShouldBe(HttpStatusCode.BadRequest);
        channelTwice.Text.ShouldContain("Channel name: a channel named \"抖音\" exists.");
        campaignTwice.Status.ShouldBe(HttpStatusCode.BadRequest);
        campaignTwice.Text.ShouldContain("Campaign name: the channel \"抖音\" has a campaign named \"新品\".");
        empty.Status.ShouldBe(HttpStatusCode.BadRequest);
        empty.Text.ShouldContain("Channel name: give 1–200 characters");
        noChannel.Status.ShouldBe(HttpStatusCode.BadRequest);
        noPlan.Status.ShouldBe(HttpStatusCode.BadRequest); // this organisation has no plan, so no module at all
        (await app.Factory.QueryAsync(org, db => db.Channels.CountAsync())).ShouldBe(1);
        (await app.Factory.QueryAsync(org, db => db.Campaigns.CountAsync())).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Edit_ByViewerOrOutsider_IsRefused(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var org = app.OrganizationA;
        var page = Page(org);
        var campaign = await CampaignOfAAsync(app);
        var viewer = app[Role.Viewer].Session;
        var supervisor = app[Role.Supervisor].Session;
        var outsider = app.OwnerOfB.Session;
        var outsiderToken = await outsider.AntiforgeryTokenAsync(Page(app.OrganizationB));

        var viewerAdd = await viewer.SubmitAsync(page, $"{page}?handler=AddChannel", ("name", "viewer channel"));
        var viewerEdit = await viewer.SubmitAsync(page, $"{page}?handler=Campaign", ("id", campaign.ToString(CultureInfo.InvariantCulture)), ("budget", "1"));
        var supervisorEdit = await supervisor.SubmitAsync(page, $"{page}?handler=Campaign", ("id", campaign.ToString(CultureInfo.InvariantCulture)), ("budget", "1"));
        var outsiderEdit = await outsider.PostFormAsync($"{page}?handler=Campaign", outsiderToken, ("id", campaign.ToString(CultureInfo.InvariantCulture)), ("budget", "1"));
        var crossEdit = await outsider.PostFormAsync($"{Page(app.OrganizationB)}?handler=Campaign", outsiderToken, ("id", campaign.ToString(CultureInfo.InvariantCulture)), ("budget", "1"));

        viewerAdd.Status.ShouldBe(HttpStatusCode.Forbidden);
        viewerEdit.Status.ShouldBe(HttpStatusCode.Forbidden);
        supervisorEdit.Status.ShouldBe(HttpStatusCode.Forbidden);
        outsiderEdit.Status.ShouldBe(HttpStatusCode.NotFound);
        crossEdit.Status.ShouldBe(HttpStatusCode.NotFound); // B has no campaign with A's id
        (await app.Factory.QueryAsync(org, db => db.Campaigns.SingleAsync(c => c.Id == campaign))).PlannedBudgetE4.ShouldNotBe(10_000);
        (await viewer.GetAsync(page)).Html.ShouldNotContain("?handler=Campaign");
    }

    private static string Page(Guid org) => $"/o/{org}/data/channels";

    /// <summary>A campaign in A (which has a plan), made once per app.</summary>
    private static async Task<long> CampaignOfAAsync(SeededApp app)
    {
        var org = app.OrganizationA;
        var existing = await app.Factory.QueryAsync(org, db => db.Campaigns.Select(c => (long?)c.Id).FirstOrDefaultAsync());
        if (existing is { } id)
        {
            return id;
        }

        var page = Page(org);
        await app.Owner.Session.SubmitAsync(page, $"{page}?handler=AddChannel", ("name", "Alpha channel"));
        var channel = await app.Factory.QueryAsync(org, db => db.Channels.SingleAsync(c => c.Name == "Alpha channel"));
        await app.Owner.Session.SubmitAsync(page, $"{page}?handler=AddCampaign", ("channel", channel.Id.ToString(CultureInfo.InvariantCulture)), ("name", "Alpha campaign"));
        return await app.Factory.QueryAsync(org, db => db.Campaigns.Select(c => c.Id).FirstAsync());
    }

    /// <summary>The value of the first real option of a select (after the "not linked" one).</summary>
    private static string FirstOption(string html, string selectId)
    {
        var start = html.IndexOf($"id=\"{selectId}\"", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, $"no select {selectId}");
        var match = System.Text.RegularExpressions.Regex.Match(html[start..], "<option value=\"([^\"]+)\"");
        match.Success.ShouldBeTrue();
        return match.Groups[1].Value;
    }
}
