using System.Net;
using System.Text.RegularExpressions;
using Formation.Application.Data;

namespace Formation.Web.Tests.Support;

/// <summary>The things a person does in the app, as a browser does them: GET the form, POST it with its token.</summary>
public static partial class Flows
{
    public const string Password = "correct horse battery staple";

    /// <summary>First run: creates the first owner and organisation; the session is signed in as that owner.</summary>
    public static async Task<Guid> SetUpAsync(this WebSession session, string organizationName, string email, string password = Password, string displayName = "First Owner")
    {
        ArgumentNullException.ThrowIfNull(session);
        var response = await session.SubmitAsync("/setup", "/setup",
            ("Input.OrganizationName", organizationName), ("Input.Currency", "CNY"), ("Input.DisplayName", displayName),
            ("Input.Email", email), ("Input.Password", password));
        response.Status.ShouldBe(HttpStatusCode.Redirect, response.ToString());
        return OrganizationIn(response.LocationPath);
    }

    public static async Task<Reply> SignInAsync(this WebSession session, string email, string password = Password)
    {
        ArgumentNullException.ThrowIfNull(session);
        return await session.SubmitAsync("/signin", "/signin", ("Email", email), ("Password", password));
    }

    /// <summary>Signs in and checks that it worked.</summary>
    public static async Task SignInOrFailAsync(this WebSession session, string email, string password = Password)
    {
        var response = await session.SignInAsync(email, password);
        response.Status.ShouldBe(HttpStatusCode.Redirect, response.ToString());
    }

    /// <summary>Any page of the organisation with a form for every role: the token page.</summary>
    public static string FormPageOf(Guid organization) => $"/o/{organization}/tokens";

    /// <summary>Creates an invitation link as a member who may invite.</summary>
    public static async Task<string> InviteAsync(this WebSession session, Guid organization, string email, Role role)
    {
        var response = await session.PostInviteAsync(organization, email, role);
        response.Status.ShouldBe(HttpStatusCode.OK, response.ToString());
        var link = response.TestId("invite-link") ?? throw new ShouldAssertException("The members page shows no invitation link." + response);
        return new Uri(link).PathAndQuery;
    }

    public static async Task<Reply> PostInviteAsync(this WebSession session, Guid organization, string email, Role role)
    {
        ArgumentNullException.ThrowIfNull(session);
        return await session.SubmitAsync($"/o/{organization}/members", $"/o/{organization}/members?handler=Invite", ("Email", email), ("InviteRole", role.ToString()));
    }

    /// <summary>Opens an invitation link in this (signed-out) session and creates the account; the session is then signed in.</summary>
    public static async Task AcceptInvitationAsync(this WebSession session, string invitePath, string displayName, string password = Password)
    {
        ArgumentNullException.ThrowIfNull(session);
        var response = await session.SubmitAsync(invitePath, invitePath, ("DisplayName", displayName), ("Password", password));
        response.Status.ShouldBe(HttpStatusCode.Redirect, response.ToString());
    }

    /// <summary>Creates another organisation from the start page; the user becomes its owner.</summary>
    public static async Task<Guid> CreateOrganizationAsync(this WebSession session, string name, string currency = "CNY")
    {
        ArgumentNullException.ThrowIfNull(session);
        var response = await session.PostFormAsync("/", await session.AnyFormTokenAsync(), ("Name", name), ("Currency", currency));
        response.Status.ShouldBe(HttpStatusCode.Redirect, response.ToString());
        return OrganizationIn(response.LocationPath);
    }

    /// <summary>A token from the start page, or from the only organisation's pages when the start page redirects there.</summary>
    public static async Task<string> AnyFormTokenAsync(this WebSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var start = await session.GetAsync("/");
        if (start.Status == HttpStatusCode.OK && start.AntiforgeryToken is { } token)
        {
            return token;
        }

        start.Status.ShouldBe(HttpStatusCode.Redirect, start.ToString());
        return await session.AntiforgeryTokenAsync(FormPageOf(OrganizationIn(start.LocationPath)));
    }

    public static async Task<Reply> UploadProfileAsync(this WebSession session, Guid organization, string yaml, string fileName = "retailer.yaml") =>
        await session.UploadProfileAsync(organization, Profiles.Bytes(yaml), fileName);

    public static async Task<Reply> UploadProfileAsync(this WebSession session, Guid organization, byte[] content, string fileName = "retailer.yaml")
    {
        ArgumentNullException.ThrowIfNull(session);
        return await session.UploadAsync(FormPageOf(organization), $"/o/{organization}/profile?handler=Upload", "file", fileName, content);
    }

    public static async Task<Reply> SaveProfileAsync(this WebSession session, Guid organization, string yaml, int revision)
    {
        ArgumentNullException.ThrowIfNull(session);
        return await session.SubmitAsync(FormPageOf(organization), $"/o/{organization}/profile?handler=Save",
            ("Yaml", yaml), ("revision", revision.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    public static async Task<Reply> AcceptPlanAsync(this WebSession session, Guid organization, string note = "")
    {
        ArgumentNullException.ThrowIfNull(session);
        return await session.SubmitAsync(FormPageOf(organization), $"/o/{organization}?handler=Accept", ("note", note));
    }

    /// <summary>Uploads a profile and accepts it as the next version, checking both worked.</summary>
    public static async Task UploadAndAcceptAsync(this WebSession session, Guid organization, string yaml)
    {
        (await session.UploadProfileAsync(organization, yaml)).Status.ShouldBe(HttpStatusCode.Redirect);
        var accepted = await session.AcceptPlanAsync(organization);
        accepted.Status.ShouldBe(HttpStatusCode.Redirect, accepted.ToString());
    }

    /// <summary>Creates a personal access token on the token page; returns the secret shown once.</summary>
    public static async Task<string> CreateTokenAsync(this WebSession session, Guid organization, string name)
    {
        ArgumentNullException.ThrowIfNull(session);
        var response = await session.SubmitAsync(FormPageOf(organization), $"/o/{organization}/tokens?handler=Create", ("Name", name));
        response.Status.ShouldBe(HttpStatusCode.OK, response.ToString());
        return response.TestId("new-token") ?? throw new ShouldAssertException("The token page shows no new token." + response);
    }

    /// <summary>The revision of the working profile, from the hidden field of the profile editor.</summary>
    public static async Task<int> ProfileRevisionAsync(this WebSession session, Guid organization)
    {
        ArgumentNullException.ThrowIfNull(session);
        var page = await session.GetAsync($"/o/{organization}/profile");
        page.Status.ShouldBe(HttpStatusCode.OK);
        var match = RevisionInput().Match(page.Html);
        match.Success.ShouldBeTrue("The profile editor has no revision field.");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The organisation id in a path such as /o/{id} or /o/{id}/blueprint.</summary>
    public static Guid OrganizationIn(string? path)
    {
        var match = OrganizationPath().Match(path ?? "");
        match.Success.ShouldBeTrue($"\"{path}\" is not an organisation page.");
        return Guid.Parse(match.Groups[1].Value);
    }

    [GeneratedRegex("^/o/([0-9a-fA-F-]{36})(/|$|\\?)")]
    private static partial Regex OrganizationPath();

    [GeneratedRegex("name=\"revision\" value=\"(\\d+)\"")]
    private static partial Regex RevisionInput();
}
