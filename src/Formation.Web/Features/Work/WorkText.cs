using Formation.Application.Data;
using static Formation.Web.Infrastructure.Ui;

namespace Formation.Web.Features.Work;

/// <summary>The work plan's words in the reader's language, shared by its views.</summary>
public static class WorkText
{
    /// <summary>The name of a status, as the board's columns are headed.</summary>
    public static string Status(WorkStatus status) => status switch
    {
        WorkStatus.Todo => L("待办", "To do"),
        WorkStatus.Doing => L("进行中", "Doing"),
        WorkStatus.Review => L("待检查", "In review"),
        _ => L("已完成", "Done"),
    };
}

/// <summary>The view switch on the work pages: which organisation, which view is shown, and the filters to carry along.</summary>
/// <param name="Query">The filters as a query string (with its <c>?</c>), kept when switching between list, board, calendar and Gantt.</param>
public sealed record WorkTabs(Guid Org, string Active, string Query = "");
