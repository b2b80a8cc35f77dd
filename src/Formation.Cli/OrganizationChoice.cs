using Formation.Domain.Text;

namespace Formation.Cli;

/// <summary>The organisation an <c>--org</c> option names: by id, or by name when exactly one has it.</summary>
internal static class OrganizationChoice
{
    /// <summary>The chosen id, or the problem to print and the exit code (3 none, 2 several).</summary>
    public static (Guid? Id, LocalizedText? Problem, int ExitCode) Pick(IEnumerable<(Guid Id, string Name)> organizations, string wanted)
    {
        ArgumentNullException.ThrowIfNull(organizations);
        wanted = wanted.Trim();
        var byId = Guid.TryParse(wanted, out var wantedId);
        var matches = organizations
            .Where(o => byId ? o.Id == wantedId : string.Equals(o.Name.Trim(), wanted, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (matches.Count == 1)
        {
            return (matches[0].Id, null, ExitCodes.Ok);
        }

        var ids = string.Join(", ", matches.Select(o => o.Id));
        return matches.Count == 0
            ? (null, new($"--org：找不到组织 \"{wanted}\"。", $"--org: no organisation \"{wanted}\"."), ExitCodes.NotFound)
            : (null, new($"--org：有多个组织名为 \"{wanted}\"，请改用 id：{ids}", $"--org: several organisations are named \"{wanted}\"; give the id: {ids}"), ExitCodes.InvalidInput);
    }
}
