using System.Net;
using Formation.Application.Data;
using Formation.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Formation.Web.Tests.Features.Data;

/// <summary>Saved column mappings as YAML: checked by the mapping reader, renamed, deleted, and used by imports.</summary>
[Collection(SharedWebApp.Name)]
public sealed class MappingsTests(WebAppFixture fixture)
{
    private const string Yaml = """
        name: my-shop
        title: 我的店铺
        fields:
          date: 日期
          channel: { fixed: 京东店铺 }
          campaign: { fixed: 店铺整体 }
          orders: 成交单量
        """;

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Save_EditRenameAndDelete_KeepOneMappingPerName(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var org = await app.NewOrganizationAsync("Mappings");
        var page = Page(org);

        var added = await owner.SubmitAsync(page, $"{page}?handler=Save", ("yaml", Yaml));
        var twice = await owner.SubmitAsync(page, $"{page}?handler=Save", ("yaml", Yaml));
        var renamed = await owner.SubmitAsync(page, $"{page}?handler=Save", ("original", "my-shop"), ("yaml", Yaml.Replace("name: my-shop", "name: jd-daily", StringComparison.Ordinal)));
        var names = await app.Factory.QueryAsync(org, db => db.SavedMappings.Select(m => m.Name).ToListAsync());
        var id = await owner.StageAsync(org, "shop-daily.xlsx", ImportFlows.Fixture("shop-daily.xlsx"));
        var used = await owner.UseMappingAsync(org, id, "jd-daily");
        var preview = await owner.GetAsync(ImportFlows.PreviewPage(org, id));
        var deleted = await owner.SubmitAsync(page, $"{page}?handler=Delete", ("name", "jd-daily"));

        added.Status.ShouldBe(HttpStatusCode.Redirect, added.ToString());
        twice.Status.ShouldBe(HttpStatusCode.BadRequest);
        twice.Text.ShouldContain("a mapping named \"my-shop\" exists");
        renamed.Status.ShouldBe(HttpStatusCode.Redirect, renamed.ToString());
        names.ShouldBe(["jd-daily"]);
        used.Status.ShouldBe(HttpStatusCode.Redirect);
        preview.TestId("accepted").ShouldBe("3"); // the half order of line 7 is rejected
        deleted.Status.ShouldBe(HttpStatusCode.Redirect);
        (await app.Factory.QueryAsync(org, db => db.SavedMappings.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Save_BadYaml_Is400NamingTheKey(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var owner = app.Owner.Session;
        var org = await app.NewOrganizationAsync("Bad mappings");
        var page = Page(org);

        var unknownField = await owner.SubmitAsync(page, $"{page}?handler=Save", ("yaml", Yaml.Replace("orders:", "spend:", StringComparison.Ordinal)));
        var badDelimiter = await owner.SubmitAsync(page, $"{page}?handler=Save", ("yaml", Yaml + "\ndelimiter: \"#\""));
        var notYaml = await owner.SubmitAsync(page, $"{page}?handler=Save", ("yaml", "name: [unclosed"));
        var shipped = await owner.SubmitAsync(page, $"{page}?handler=Save", ("yaml", Yaml.Replace("my-shop", "jd-shop-daily", StringComparison.Ordinal)));
        var missing = await owner.SubmitAsync(page, $"{page}?handler=Save", ("original", "nothing-here"), ("yaml", Yaml));
        var unknownCopy = await owner.GetAsync($"{page}?copy=nothing-here");

        unknownField.Status.ShouldBe(HttpStatusCode.BadRequest);
        unknownField.Text.ShouldContain("Unknown field \"spend\"");
        badDelimiter.Status.ShouldBe(HttpStatusCode.BadRequest);
        badDelimiter.Text.ShouldContain("delimiter: The delimiter must be");
        notYaml.Status.ShouldBe(HttpStatusCode.BadRequest);
        shipped.Status.ShouldBe(HttpStatusCode.BadRequest);
        shipped.Text.ShouldContain("is the name of a shipped mapping");
        missing.Status.ShouldBe(HttpStatusCode.NotFound);
        unknownCopy.Status.ShouldBe(HttpStatusCode.BadRequest);
        (await app.Factory.QueryAsync(org, db => db.SavedMappings.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Save_ByViewer_Is403AndOutsiderGets404(string provider)
    {
        var app = await fixture.GetAsync(provider);
        var page = Page(app.OrganizationA);

        var viewer = await app[Role.Viewer].Session.SubmitAsync(page, $"{page}?handler=Save", ("yaml", Yaml));
        var viewerDelete = await app[Role.Viewer].Session.SubmitAsync(page, $"{page}?handler=Delete", ("name", "my-shop"));
        var outsider = await app.OwnerOfB.Session.GetAsync(page);

        viewer.Status.ShouldBe(HttpStatusCode.Forbidden);
        viewerDelete.Status.ShouldBe(HttpStatusCode.Forbidden);
        outsider.Status.ShouldBe(HttpStatusCode.NotFound);
    }

    private static string Page(Guid org) => $"/o/{org}/data/mappings";
}
