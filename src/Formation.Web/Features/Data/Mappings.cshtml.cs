using Formation.Application.Data;
using Formation.Domain.DataImport;
using Formation.Domain.Yaml;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using static Formation.Web.Infrastructure.Ui;

namespace Formation.Web.Features.Data;

/// <summary>Rules for the names of saved mappings.</summary>
public static class SavedMappings
{
    /// <summary>Why <paramref name="name"/> cannot be used for a saved mapping (another saved or a shipped one has it), or null.</summary>
    public static async Task<string?> ConflictAsync(AppDbContext db, string name, string? replacing, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (ShippedMappings.Find(name) is not null)
        {
            return L($"Name：“{name}”是内置映射的名称，请换一个。", $"Name: \"{name}\" is the name of a shipped mapping; choose another.");
        }

        return name != replacing && await db.SavedMappings.AnyAsync(m => m.Name == name, ct)
            ? L($"Name：已有名为“{name}”的映射，请换一个名称，或在“列映射”页修改它。", $"Name: a mapping named \"{name}\" exists; choose another name, or edit it on the Column mappings page.")
            : null;
    }
}

/// <summary>The organisation's saved column mappings as YAML: add, edit, delete; the shipped ones to copy from.</summary>
public sealed class MappingsModel(AppDbContext db, TimeProvider clock) : OrgPageModel
{
    public List<SavedMapping> Saved { get; private set; } = [];

    /// <summary>The mapping a failed save was for (null: a new one), to show the error next to it.</summary>
    public string? FailedName { get; private set; }

    /// <summary>Why a save was refused.</summary>
    public List<string> Errors { get; private set; } = [];

    /// <summary>The text the member sent, kept when it was refused.</summary>
    public string? SentYaml { get; private set; }

    /// <summary>The text of a new mapping: a copy of a shipped one, or what was refused.</summary>
    public string NewYaml { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string? copy)
    {
        if (copy is not null)
        {
            if (ShippedMappings.FileText(copy) is not { } text)
            {
                return await RefusedAsync(null, null, L($"copy：没有名为“{copy}”的内置映射。", $"copy: there is no shipped mapping named \"{copy}\"."));
            }

            NewYaml = text;
        }

        await LoadAsync();
        return Page();
    }

    /// <summary>Adds a mapping (<paramref name="original"/> null) or replaces one, renaming it when its name changed.</summary>
    public async Task<IActionResult> OnPostSaveAsync(string? original, string? yaml)
    {
        if (!CanEdit)
        {
            return Denied();
        }

        SavedMapping? existing = null;
        if (original is not null)
        {
            existing = await db.SavedMappings.SingleOrDefaultAsync(m => m.Name == original, HttpContext.RequestAborted);
            if (existing is null)
            {
                return NotFound();
            }
        }

        if (string.IsNullOrWhiteSpace(yaml))
        {
            return await RefusedAsync(original, yaml, L("yaml：请填写映射的 YAML 内容。", "yaml: write the mapping's YAML."));
        }

        if (yaml.Length > 100_000)
        {
            return await RefusedAsync(original, null, L("yaml：映射超过 100,000 个字符。", "yaml: the mapping is longer than 100,000 characters."));
        }

        var read = MappingReader.Read(yaml, "mapping.yaml");
        if (!read.IsValid)
        {
            return await RefusedAsync(original, yaml, [.. read.Errors.Select(Describe)]);
        }

        var name = read.Value!.Name;
        if (await SavedMappings.ConflictAsync(db, name, original, HttpContext.RequestAborted) is { } conflict)
        {
            return await RefusedAsync(original, yaml, conflict);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (existing is not null && existing.Name == name)
        {
            existing.Yaml = yaml;
            existing.UpdatedBy = UserId;
            existing.UpdatedAt = now;
        }
        else
        {
            if (existing is not null)
            {
                db.SavedMappings.Remove(existing); // renamed: the name is the key
            }

            db.SavedMappings.Add(new SavedMapping { OrganizationId = Organization.Id, Name = name, Yaml = yaml, UpdatedBy = UserId, UpdatedAt = now });
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"/o/{Organization.Id}/data/mappings");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string? name)
    {
        if (!CanEdit)
        {
            return Denied();
        }

        var existing = await db.SavedMappings.SingleOrDefaultAsync(m => m.Name == name, HttpContext.RequestAborted);
        if (existing is null)
        {
            return NotFound();
        }

        db.SavedMappings.Remove(existing);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"/o/{Organization.Id}/data/mappings");
    }

    private static string Describe(ValidationError e) =>
        (e.Line > 0 ? L($"第 {e.Line} 行，", $"line {e.Line}, ") : "") + (e.Key.Length > 0 ? e.Key + ": " : "") + T(e.Message);

    private Task<IActionResult> RefusedAsync(string? original, string? yaml, params string[] errors)
    {
        FailedName = original;
        Errors = [.. errors];
        SentYaml = yaml;
        if (original is null)
        {
            NewYaml = yaml ?? NewYaml;
        }

        return BadAsync();
    }

    private async Task<IActionResult> BadAsync()
    {
        await LoadAsync();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync() =>
        Saved = await db.SavedMappings.AsNoTracking().OrderBy(m => m.Name).ToListAsync(HttpContext.RequestAborted);
}
