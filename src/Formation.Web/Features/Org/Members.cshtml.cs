using Formation.Application.Data;
using Formation.Application.Features.Accounts;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static Formation.Web.Infrastructure.Ui;

namespace Formation.Web.Features.Org;

/// <summary>Who belongs to the organisation, and invitations by one-time link (owners and managers).</summary>
public sealed class MembersModel(Accounts accounts, IOptions<FormationOptions> options) : OrgPageModel
{
    public sealed record Member(string Name, string Email, Role Role);

    public List<Member> Members { get; private set; } = [];

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public Role InviteRole { get; set; } = Role.Staff;

    public string? InviteLink { get; private set; }

    /// <summary>Managers may not create owners; owners may invite any role.</summary>
    public IEnumerable<Role> InvitableRoles => Enum.GetValues<Role>().Where(r => Role == Role.Owner || r != Role.Owner);

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostInviteAsync()
    {
        if (!CanEdit)
        {
            return Denied();
        }

        if (!ModelState.IsValid || !Enum.IsDefined(InviteRole))
        {
            return BadRequest();
        }

        if (!InvitableRoles.Contains(InviteRole))
        {
            return Denied();
        }

        if (Email is null || Email.Length > 320 || !System.Net.Mail.MailAddress.TryCreate(Email, out _))
        {
            ModelState.AddModelError(nameof(Email), L("请填写有效的邮箱地址。", "Give a valid e-mail address."));
            await LoadAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var (_, secret) = await accounts.InviteAsync(Email, InviteRole, UserId, TimeSpan.FromDays(options.Value.InvitationDays), HttpContext.RequestAborted);
        InviteLink = $"{Request.Scheme}://{Request.Host}/invite/{secret}";
        Email = null;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Members = (await accounts.MembersAsync(Organization.Id, HttpContext.RequestAborted)).Select(r => new Member(r.Name, r.Email, r.Role)).OrderBy(m => m.Role).ThenBy(m => m.Name, StringComparer.CurrentCulture).ToList();
    }
}
