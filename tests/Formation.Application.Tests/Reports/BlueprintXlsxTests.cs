using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Formation.Application.Reports;
using Formation.Domain.Text;

using static Formation.Application.Tests.Reports.XlsxReading;

namespace Formation.Application.Tests.Reports;

public sealed class BlueprintXlsxTests
{
    [Theory]
    [InlineData("mismatched-team.yaml", Language.En, new[] { "Summary", "Posts", "Consulting", "Cost", "Findings", "Roadmap", "Activities" })]
    [InlineData("mismatched-team.yaml", Language.Zh, new[] { "概要", "岗位", "在线咨询", "成本", "检查结果", "路线图", "活动" })]
    public void Render_ExampleProfile_HasOneSheetPerPartInTheLanguage(string example, Language language, string[] expected)
    {
        var blueprint = ReportExamples.Plan(example);

        using var workbook = Open(BlueprintXlsx.Render(blueprint, language));

        SheetNames(workbook).ShouldBe(expected);
    }

    [Fact]
    public void Render_ProfileWithoutConsulting_LeavesTheConsultingSheetOut()
    {
        var blueprint = ReportExamples.Plan("manufacturer.yaml");
        blueprint.Consulting.ShouldBeNull("the example is expected to have no consulting desk");

        using var workbook = Open(BlueprintXlsx.Render(blueprint, Language.En));

        SheetNames(workbook).ShouldNotContain("Consulting");
    }

    [Theory]
    [InlineData("mismatched-team.yaml", Language.En)]
    [InlineData("mismatched-team.yaml", Language.Zh)]
    [InlineData("consumer-brand.yaml", Language.Zh)]
    [InlineData("retailer.yaml", Language.En)]
    public void Render_ExampleProfile_PostRowsMatchTheBlueprint(string example, Language language)
    {
        var blueprint = ReportExamples.Plan(example);

        using var workbook = Open(BlueprintXlsx.Render(blueprint, language));

        var rows = Rows(workbook, language == Language.Zh ? "岗位" : "Posts");
        var posts = rows.Skip(1).ToList();
        posts.Count.ShouldBe(blueprint.Posts.Count);
        for (var i = 0; i < posts.Count; i++)
        {
            var post = blueprint.Posts[i];
            Text(workbook, posts[i], "A").ShouldBe(post.Title.Get(language));
            Text(workbook, posts[i], "B").ShouldBe(post.Id);
            Number(posts[i], "D").ShouldBe(post.Headcount);
            Number(posts[i], "F").ShouldBe(Math.Round((decimal)post.WorkloadFte, 2, MidpointRounding.AwayFromZero));
        }
    }

    [Theory]
    [InlineData(Language.En)]
    [InlineData(Language.Zh)]
    public void Render_LongBlueprint_HasOneRowPerFinding(Language language)
    {
        var blueprint = ReportExamples.Plan("mismatched-team.yaml");
        blueprint.Findings.Count.ShouldBeGreaterThan(3);

        using var workbook = Open(BlueprintXlsx.Render(blueprint, language));

        var rows = Rows(workbook, language == Language.Zh ? "检查结果" : "Findings").Skip(1).ToList();
        rows.Count.ShouldBe(blueprint.Findings.Count);
        rows.Select(r => Text(workbook, r, "B")).ShouldBe(blueprint.Findings.Select(f => f.Rule));
        rows.Select(r => Text(workbook, r, "D")).ShouldBe(blueprint.Findings.Select(f => f.Message.Get(language)));
    }

    [Fact]
    public void Render_Zh_HeadersAreChineseBoldAndFrozen()
    {
        var blueprint = ReportExamples.Plan("mismatched-team.yaml");

        using var workbook = Open(BlueprintXlsx.Render(blueprint, Language.Zh));

        var header = Rows(workbook, "岗位")[0];
        Text(workbook, header, "A").ShouldBe("岗位");
        Text(workbook, header, "D").ShouldBe("人数");
        var stylesheet = workbook.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var format = stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)header.Elements<Cell>().First().StyleIndex!.Value);
        stylesheet.Fonts!.Elements<Font>().ElementAt((int)format.FontId!.Value).Bold.ShouldNotBeNull();
        foreach (var part in workbook.WorkbookPart.WorksheetParts)
        {
            var pane = part.Worksheet.Descendants<Pane>().Single();
            pane.State!.Value.ShouldBe(PaneStateValues.Frozen);
            pane.TopLeftCell!.Value.ShouldBe("A2");
            part.Worksheet.Descendants<Column>().ShouldAllBe(c => c.Width! >= 8 && c.Width! <= 60);
        }
    }

    [Fact]
    public void Render_Summary_KeepsFiguresAsNumbers()
    {
        var blueprint = ReportExamples.Plan("mismatched-team.yaml");

        using var workbook = Open(BlueprintXlsx.Render(blueprint, Language.En));

        var rows = Rows(workbook, "Summary");
        var byLabel = rows.Skip(1).ToDictionary(r => Text(workbook, r, "A"), r => r);
        Text(workbook, byLabel["Enterprise"], "B").ShouldBe(blueprint.EnterpriseName);
        Number(byLabel["Head count"], "B").ShouldBe(blueprint.Headcount.Total);
        Number(byLabel["Total cost per year"], "B").ShouldBe(blueprint.Cost.TotalAnnual);
    }

    [Fact]
    public void Render_Workbook_IsValidOpenXml()
    {
        var blueprint = ReportExamples.Plan("mismatched-team.yaml");

        using var workbook = Open(BlueprintXlsx.Render(blueprint, Language.Zh));

        var errors = new OpenXmlValidator().Validate(workbook).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        errors.ShouldBeEmpty(string.Join("\n", errors));
    }

    private static SpreadsheetDocument Open(byte[] bytes) => XlsxReading.Open(bytes, "blueprint.xlsx");
}
