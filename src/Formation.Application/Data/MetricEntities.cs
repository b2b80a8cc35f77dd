namespace Formation.Application.Data;

/// <summary>Where marketing happens and is paid for: a search engine, a social platform, a shop. Linked to the playbook module and the post that run it.</summary>
public sealed class Channel
{
    public Guid OrganizationId { get; set; }

    /// <summary>Small per-organisation number, so each of millions of metric rows carries 8 bytes rather than a GUID.</summary>
    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The playbook module that runs the channel (e.g. "sem"), if known.</summary>
    public string? ModuleId { get; set; }

    /// <summary>The post that owns the channel's results (e.g. "promoter"), if known.</summary>
    public string? PostId { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A campaign (推广计划) inside a channel, with what was planned for it and the manager's conclusions.</summary>
public sealed class Campaign
{
    public Guid OrganizationId { get; set; }

    public long Id { get; set; }

    public long ChannelId { get; set; }

    public required string Name { get; set; }

    public string? ModuleId { get; set; }

    public string? PostId { get; set; }

    /// <summary>Planned spend in ten-thousandths of the currency unit.</summary>
    public long? PlannedBudgetE4 { get; set; }

    public DateOnly? StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }

    /// <summary>What the manager concluded from the campaign's effect (evaluation phase).</summary>
    public string? Conclusions { get; set; }

    /// <summary>The earliest day any import wrote for the campaign (a day number; never narrowed, so a safe bound).</summary>
    public int? FirstDay { get; set; }

    /// <summary>The latest day any import wrote for the campaign (a day number; never narrowed).</summary>
    public int? LastDay { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// One day of one campaign (and segment: ad group, keyword, product; empty when the export has none): the natural
/// key of an imported row. Money in ten-thousandths of the organisation's currency. <see cref="Day"/> is
/// <see cref="DateOnly.DayNumber"/>, the same integer on both databases. Read from the view <c>metric_days</c>, which
/// unpacks <see cref="MetricMonth"/> rows; never written.
/// </summary>
public sealed class MetricDay
{
    public Guid OrganizationId { get; set; }

    public int Day { get; set; }

    public long CampaignId { get; set; }

    public required string Segment { get; set; }

    public long Impressions { get; set; }

    public long Clicks { get; set; }

    public long CostE4 { get; set; }

    public long Conversions { get; set; }

    public long Leads { get; set; }

    public long Orders { get; set; }

    public long RevenueE4 { get; set; }

    /// <summary>The import that last wrote the day's month (its <see cref="MetricImport.Id"/>).</summary>
    public long ImportId { get; set; }
}

/// <summary>
/// The days of one campaign and segment within one calendar month, as imported (decision 0021). <see cref="Month"/>
/// is the <see cref="DateOnly.DayNumber"/> of the month's first day; bit n of <see cref="Present"/> is set when day
/// n + 1 has figures; <see cref="Days"/> holds the present days in order, seven big-endian 64-bit sums each
/// (Features/Data/MonthRows.cs). Written by the importer's own SQL; mapped so the schema is checked against the model.
/// </summary>
public sealed class MetricMonth
{
    public Guid OrganizationId { get; set; }

    public int Month { get; set; }

    public long CampaignId { get; set; }

    public required string Segment { get; set; }

    public int Present { get; set; }

    public required byte[] Days { get; set; }

    /// <summary>The import that last wrote the row (its <see cref="MetricImport.Id"/>).</summary>
    public long ImportId { get; set; }
}

/// <summary>Sums of a channel's day, kept by every import so dashboards never scan the daily rows.</summary>
public sealed class MetricRollup
{
    public Guid OrganizationId { get; set; }

    public int Day { get; set; }

    public long ChannelId { get; set; }

    /// <summary>How many daily rows the sums cover.</summary>
    public long Rows { get; set; }

    public long Impressions { get; set; }

    public long Clicks { get; set; }

    public long CostE4 { get; set; }

    public long Conversions { get; set; }

    public long Leads { get; set; }

    public long Orders { get; set; }

    public long RevenueE4 { get; set; }
}

/// <summary>
/// A campaign's daily sums within one calendar month, kept by every import, all days in one value (<see cref="Days"/>,
/// laid out as Features/Data/SlotSums.cs says; decision 0017). <see cref="Month"/> is the
/// <see cref="DateOnly.DayNumber"/> of the month's first day. Read and written by hand-written SQL; mapped so the
/// schema is checked against the model.
/// </summary>
public sealed class MetricCampaignMonthDays
{
    public Guid OrganizationId { get; set; }

    public int Month { get; set; }

    public long CampaignId { get; set; }

    /// <summary>31 slots of seven big-endian 64-bit sums.</summary>
    public required byte[] Days { get; set; }
}

/// <summary>
/// A campaign's monthly sums within one calendar year, kept by every import, all months in one value
/// (<see cref="Months"/>; decision 0017). <see cref="Year"/> is the <see cref="DateOnly.DayNumber"/> of 1 January.
/// </summary>
public sealed class MetricCampaignYearMonths
{
    public Guid OrganizationId { get; set; }

    public int Year { get; set; }

    public long CampaignId { get; set; }

    /// <summary>12 slots of seven big-endian 64-bit sums.</summary>
    public required byte[] Months { get; set; }
}

/// <summary>
/// The status a strategy goal had when it was last evaluated, so a goal that goes off track opens one task for the
/// post that owns its KPI, and not one on every evaluation.
/// </summary>
public sealed class GoalState
{
    public Guid OrganizationId { get; set; }

    /// <summary>The KPI's id (<c>leads</c>, <c>cpa</c>…).</summary>
    public required string Kpi { get; set; }

    /// <summary>The goal's period kind (<c>month</c>, <c>quarter</c>…).</summary>
    public required string Period { get; set; }

    /// <summary>The first day of the period the status belongs to.</summary>
    public DateOnly PeriodStart { get; set; }

    public required string Status { get; set; }

    /// <summary>The task opened when the goal went off track in this period, if any.</summary>
    public Guid? TaskId { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>One committed import: which file, through which mapping, by whom, and what it changed.</summary>
public sealed class MetricImport
{
    public Guid OrganizationId { get; set; }

    public long Id { get; set; }

    public required string FileName { get; set; }

    public required string MappingName { get; set; }

    public Guid? UserId { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime FinishedAt { get; set; }

    /// <summary>Rows written (new or replacing).</summary>
    public long RowsWritten { get; set; }

    /// <summary>Existing rows replaced by a row with the same key.</summary>
    public long RowsReplaced { get; set; }

    /// <summary>Existing rows in the file's campaigns and days that the file no longer has, removed.</summary>
    public long RowsRemoved { get; set; }

    public int? FirstDay { get; set; }

    public int? LastDay { get; set; }
}

/// <summary>A column mapping an organisation saved (the YAML of <c>docs/imports.md</c>).</summary>
public sealed class SavedMapping
{
    public Guid OrganizationId { get; set; }

    public required string Name { get; set; }

    public required string Yaml { get; set; }

    public Guid? UpdatedBy { get; set; }

    public DateTime UpdatedAt { get; set; }
}
