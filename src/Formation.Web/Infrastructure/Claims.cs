using System.Security.Claims;

namespace Formation.Web.Infrastructure;

/// <summary>The claims Formation puts in its principals.</summary>
public static class FormationClaims
{
    /// <summary>Set on principals from a personal access token: the only organisation it may reach.</summary>
    public const string TokenOrganization = "formation:token-organization";

    public static Guid? UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse((principal ?? throw new ArgumentNullException(nameof(principal))).FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static Guid? TokenOrganizationId(this ClaimsPrincipal principal) =>
        Guid.TryParse((principal ?? throw new ArgumentNullException(nameof(principal))).FindFirstValue(TokenOrganization), out var id) ? id : null;
}
