using Formation.Application.Data;
using Formation.Domain.DataImport;
using Formation.Domain.Text;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using static Formation.Web.Infrastructure.Ui;

namespace Formation.Web.Features.Data;

/// <summary>
/// The mapping step of an upload: the file's first lines as they are, with the header Formation finds; pick a shipped
/// or saved mapping, or build one field by field (and save it for the next export of the same shape).
/// </summary>
public sealed class ImportMapModel(AppDbContext db, DatabaseTarget target, ImportStaging staging, TimeProvider clock) : OrgPageModel
{
    /// <summary>Lines read to find the header (the mapping reader looks as far).</summary>
    private const int ScanLines = 50;

    /// <summary>Raw lines shown under the header.</summary>
    private const int ShownRows = 10;

    public sealed record RawRow(int Line, IReadOnlyList<string> Cells);

    public sealed record Choice(string Name, string Title, bool Saved, bool Fits);

    public StagedImport Staged { get; private set; } = null!;

    /// <summary>The line taken as the header (widest of the first lines), or null when the file shows none.</summary>
    public RawRow? Header { get; private set; }

    public List<RawRow> Rows { get; private set; } = [];

    /// <summary>The header's column names, for the field selects.</summary>
    public List<string> Columns { get; private set; } = [];

    public List<Choice> Choices { get; private set; } = [];

    /// <summary>The mapping the builder starts from.</summary>
    public ImportMapping? Base { get; private set; }

    /// <summary>Why the file or the request could not be used, shown with a 4xx.</summary>
    public string? Error { get; private set; }

    /// <summary>Field-by-field problems of a built mapping.</summary>
    public List<string> Problems { get; private set; } = [];

    [BindProperty]
    public MappingForm Form { get; set; } = new();

    public static IReadOnlyList<(string Value, string Label)> Encodings { get; } =
        [("", "auto"), ("utf-8", "UTF-8"), ("gb18030", "GB18030 / GBK"), ("utf-16", "UTF-16 LE"), ("utf-16be", "UTF-16 BE")];

    public static IReadOnlyList<(string Value, string Label)> Delimiters { get; } =
        [("", "auto"), (",", ", (comma)"), ("tab", "tab"), (";", "; (semicolon)"), ("|", "| (pipe)")];

    public static IReadOnlyList<(string Value, string Label)> ThousandsChoices { get; } =
        [(",", "1,234"), (".", "1.234"), ("space", "1 234"), ("'", "1'234"), ("none", "1234")];

    public static IReadOnlyList<(string Value, string Label)> DecimalChoices { get; } = [(".", "0.5"), (",", "0,5")];

    public async Task<IActionResult> OnGetAsync(string id, string? from)
    {
        if (!Find(id))
        {
            return NotFound();
        }

        await LoadAsync();
        Base = from is null ? Current() ?? Choices.Where(c => c.Fits).Select(c => Resolve(c.Name)).FirstOrDefault() : Resolve(from);
        if (from is not null && Base is null)
        {
            return await BadAsync(L($"没有名为“{from}”的映射。", $"There is no mapping named \"{from}\"."));
        }

        Form = MappingForm.From(Base, Staged.FileName);
        return Page();
    }

    /// <summary>Reads the upload with a chosen shipped or saved mapping.</summary>
    public async Task<IActionResult> OnPostUseAsync(string id, string? mapping)
    {
        if (!Find(id))
        {
            return NotFound();
        }

        if (!CanEdit)
        {
            return Denied();
        }

        if (string.IsNullOrWhiteSpace(mapping))
        {
            return await BadAsync(L("请选择一个映射。", "Choose a mapping."));
        }

        var (found, problem) = Application.Features.Data.MappingCatalog.Find(target, Organization.Id, mapping);
        if (found is null)
        {
            return await BadAsync(T(problem!));
        }

        staging.Update(Organization.Id, Staged with { MappingName = found.Name, MappingYaml = null });
        return Redirect($"/o/{Organization.Id}/data/imports/{Staged.Id}/preview");
    }

    /// <summary>Reads the upload with the mapping built in the form; with <paramref name="save"/>, also keeps it under its name.</summary>
    public async Task<IActionResult> OnPostBuildAsync(string id, bool save)
    {
        if (!Find(id))
        {
            return NotFound();
        }

        if (!CanEdit)
        {
            return Denied();
        }

        var name = Form.Name?.Trim() ?? "";
        if (save && name.Length == 0)
        {
            Problems.Add(L("保存映射需要填写名称（Form.Name）。", "Saving the mapping needs a name (Form.Name)."));
        }

        var built = Form.Build(save ? name : (name.Length > 0 ? name : "upload"), Problems);
        if (built is null || Problems.Count > 0)
        {
            return await BadAsync(L("映射有误，未使用：", "The mapping has errors and was not used:"));
        }

        var yaml = MappingWriter.Write(built);
        var read = MappingReader.Read(yaml, "mapping.yaml");
        if (!read.IsValid)
        {
            Problems.AddRange(read.Errors.Select(e => $"{e.Key}: {T(e.Message)}"));
            return await BadAsync(L("映射有误，未使用：", "The mapping has errors and was not used:"));
        }

        if (save)
        {
            if (await SavedMappings.ConflictAsync(db, name, null, HttpContext.RequestAborted) is { } conflict)
            {
                Problems.Add(conflict);
                return await BadAsync(L("映射未保存：", "The mapping was not saved:"));
            }

            db.SavedMappings.Add(new SavedMapping { OrganizationId = Organization.Id, Name = name, Yaml = yaml, UpdatedBy = UserId, UpdatedAt = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            staging.Update(Organization.Id, Staged with { MappingName = name, MappingYaml = null });
        }
        else
        {
            staging.Update(Organization.Id, Staged with { MappingName = null, MappingYaml = yaml });
        }

        return Redirect($"/o/{Organization.Id}/data/imports/{Staged.Id}/preview");
    }

    /// <summary>Gives up on the upload: its file is deleted.</summary>
    public IActionResult OnPostCancel(string id)
    {
        if (!Find(id))
        {
            return NotFound();
        }

        if (!CanEdit)
        {
            return Denied();
        }

        staging.Delete(Organization.Id, Staged.Id);
        return Redirect($"/o/{Organization.Id}/data/imports");
    }

    private bool Find(string id)
    {
        Staged = staging.Find(Organization.Id, id)!;
        return Staged is not null;
    }

    private async Task<IActionResult> BadAsync(string message)
    {
        Error = message;
        await LoadAsync();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private ImportMapping? Current() => Staged.MappingYaml is not null || Staged.MappingName is not null ? Staged.Mapping(target, Organization.Id).Mapping : null;

    private ImportMapping? Resolve(string name) => Application.Features.Data.MappingCatalog.Find(target, Organization.Id, name).Mapping;

    private async Task LoadAsync()
    {
        var current = Current();
        ReadRaw(current?.Encoding, current?.Delimiter);
        var saved = await db.SavedMappings.AsNoTracking().OrderBy(m => m.Name).ToListAsync(HttpContext.RequestAborted);
        var columns = Columns.Select(c => c.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool Fits(ImportMapping m) => Header is not null && m.Fields.Values.All(f => f.Column is null || columns.Contains(f.Column));
        foreach (var s in saved)
        {
            var read = MappingReader.Read(s.Yaml, s.Name);
            Choices.Add(new Choice(s.Name, read.IsValid ? T(read.Value!.Title) : s.Name, true, read.IsValid && Fits(read.Value!)));
        }

        Choices.AddRange(ShippedMappings.All.Select(m => new Choice(m.Name, T(m.Title), false, Fits(m))));
    }

    /// <summary>The first lines as cells, with the mapping's encoding and delimiter when it names them.</summary>
    private void ReadRaw(string? encoding, char? delimiter)
    {
        var probe = Application.Features.Data.MappingCatalog.Standard with { Encoding = encoding, Delimiter = delimiter };
        using var stream = staging.OpenRead(Organization.Id, Staged.Id);
        var opened = TableSources.Open(Staged.FileName, stream, probe);
        if (opened.Source is not { } source)
        {
            Error ??= T(opened.Problem!);
            return;
        }

        var lines = new List<RawRow>();
        try
        {
            using (source)
            {
                while (lines.Count < ScanLines && source.Read())
                {
                    var cells = new List<string>();
                    for (var i = 0; i < Math.Min(source.FieldCount, 60); i++)
                    {
                        var text = source.Text(i).Trim().ToString();
                        cells.Add(text.Length > 100 ? text[..100] + "…" : text);
                    }

                    lines.Add(new RawRow(source.LineNumber, cells));
                }
            }
        }
        catch (TableSourceException ex)
        {
            Error ??= T(ex.Reason);
        }

        static int Filled(RawRow r) => r.Cells.Count(c => c.Length > 0);
        var widest = lines.Count == 0 ? 0 : lines.Max(Filled);
        Header = widest == 0 ? null : lines.First(r => Filled(r) == widest);
        Columns = Header is null ? [] : [.. Header.Cells.Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
        Rows = Header is null ? [.. lines.Take(ShownRows)] : [.. lines.SkipWhile(r => r != Header).Skip(1).Take(ShownRows)];
    }
}

/// <summary>A mapping as the builder's form fields.</summary>
public sealed class MappingForm
{
    public string? Name { get; set; }

    public string? Title { get; set; }

    public string? Encoding { get; set; }

    public string? Delimiter { get; set; }

    public int HeaderRow { get; set; }

    public string? DateFormats { get; set; }

    public string? Thousands { get; set; } = ",";

    public string? DecimalMark { get; set; } = ".";

    public string? Skip { get; set; }

    /// <summary>Source column by field id ("" when not mapped).</summary>
    public Dictionary<string, string?> Column { get; set; } = [];

    /// <summary>Fixed value by field id.</summary>
    public Dictionary<string, string?> Fixed { get; set; } = [];

    /// <summary>The form filled from <paramref name="mapping"/>, or from Formation's defaults.</summary>
    public static MappingForm From(ImportMapping? mapping, string fileName)
    {
        var form = new MappingForm
        {
            Name = mapping is null || ShippedMappings.Find(mapping.Name) is not null ? null : mapping.Name,
            Title = mapping is null ? Path.GetFileNameWithoutExtension(fileName) : Ui.T(mapping.Title),
            Encoding = mapping?.Encoding ?? "",
            Delimiter = mapping?.Delimiter switch { null => "", '\t' => "tab", { } d => d.ToString() },
            HeaderRow = mapping?.HeaderRow ?? 0,
            DateFormats = mapping is { DateFormats.Count: > 0 } ? string.Join(", ", mapping.DateFormats) : "yyyy-MM-dd",
            Thousands = mapping?.Numbers.ThousandsSeparator switch { null or ',' => ",", '\0' => "none", ' ' => "space", { } t => t.ToString() },
            DecimalMark = mapping?.Numbers.DecimalSeparator.ToString() ?? ".",
            Skip = mapping is null ? "合计, 总计, Total" : string.Join(", ", mapping.SkipRowsStartingWith),
        };
        foreach (var (field, source) in mapping?.Fields ?? new Dictionary<MetricField, FieldSource>())
        {
            form.Column[MetricFields.Id(field)] = source.Column;
            form.Fixed[MetricFields.Id(field)] = source.Fixed;
        }

        return form;
    }

    /// <summary>The mapping the form describes; what is wrong goes to <paramref name="problems"/>, each naming its field.</summary>
    public ImportMapping? Build(string name, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        char? delimiter = Delimiter switch
        {
            null or "" => null,
            "tab" => '\t',
            { Length: 1 } d when MappingReader.Delimiters.Contains(d[0]) => d[0],
            _ => Bad<char?>(null, "Form.Delimiter", "分隔符只能是自动、逗号、制表符、分号或竖线", "the delimiter must be auto, comma, tab, semicolon or pipe"),
        };
        var thousands = Thousands switch
        {
            "," => ',',
            "." => '.',
            "space" => ' ',
            "'" => '\'',
            "none" => '\0',
            _ => Bad('\0', "Form.Thousands", "千位分隔符无效", "not a thousands separator"),
        };
        var point = DecimalMark switch
        {
            "." => '.',
            "," => ',',
            _ => Bad('.', "Form.DecimalMark", "小数点只能是 . 或 ,", "the decimal mark must be . or ,"),
        };
        if (HeaderRow is < 0 or > 1000)
        {
            Bad(0, "Form.HeaderRow", "表头行须在 0 到 1000 之间（0 表示自动查找）", "the header line must be 0 (find it) to 1000");
        }

        var fields = new Dictionary<MetricField, FieldSource>();
        foreach (var field in Enum.GetValues<MetricField>())
        {
            var id = MetricFields.Id(field);
            var column = Column.GetValueOrDefault(id)?.Trim();
            var value = Fixed.GetValueOrDefault(id)?.Trim();
            if (!string.IsNullOrEmpty(column) && !string.IsNullOrEmpty(value))
            {
                Bad(0, $"Form.Column[{id}]", $"{DataText.FieldName(field)}：来源列与固定值只能选一个", $"{DataText.FieldName(field)}: choose a source column or a fixed value, not both");
            }
            else if (!string.IsNullOrEmpty(column))
            {
                fields[field] = FieldSource.FromColumn(column);
            }
            else if (!string.IsNullOrEmpty(value))
            {
                fields[field] = FieldSource.FixedValue(value);
            }
        }

        var title = string.IsNullOrWhiteSpace(Title) ? name : Title.Trim();
        return new ImportMapping(name, new LocalizedText(title, title), delimiter, string.IsNullOrWhiteSpace(Encoding) ? null : Encoding.Trim(), HeaderRow,
            List(DateFormats), new NumberFormat(thousands, point), fields, List(Skip));

        T Bad<T>(T fallback, string key, string zh, string en)
        {
            problems.Add($"{key}: {Ui.L(zh, en)}");
            return fallback;
        }
    }

    private static List<string> List(string? text) =>
        [.. (text ?? "").Split([',', '，', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
