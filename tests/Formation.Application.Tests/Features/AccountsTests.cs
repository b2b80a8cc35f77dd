using Formation.Application.Data;
using Formation.Application.Features.Accounts;

namespace Formation.Application.Tests.Features;

/// <summary>Invitation links and lockouts against a clock the test moves.</summary>
public class AccountsTests
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static async Task<(TestDatabase Db, Clock Clock, Guid Organization, Guid Owner)> SetUpAsync(string provider)
    {
        var db = await TestDatabase.CreateAsync(provider);
        var clock = new Clock(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await db.Target.MigrateAsync(clock);
        await using var context = db.Target.CreateContext();
        var (user, organization) = (await new Accounts(context, clock).SetUpAsync("owner@example.com", "Owner", "correct horse battery", "Tea Co", "CNY", "en"))!.Value;
        return (db, clock, organization.Id, user.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Invitation_AfterItsLifetime_NoLongerOpens(string provider)
    {
        var (db, clock, organization, owner) = await SetUpAsync(provider);
        await using var _ = db;
        string secret;
        await using (var context = db.Target.CreateContext())
        {
            context.OrganizationId = organization;
            secret = (await new Accounts(context, clock).InviteAsync("new@example.com", Role.Staff, owner, TimeSpan.FromDays(7))).Secret;
        }

        await using var check = db.Target.CreateContext();
        var accounts = new Accounts(check, clock);
        clock.Now += TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);
        (await accounts.FindInvitationAsync(secret)).ShouldNotBeNull();
        clock.Now += TimeSpan.FromMinutes(2);
        (await accounts.FindInvitationAsync(secret)).ShouldBeNull();
        (await accounts.AcceptInvitationAsync(secret, null, "New", "correct horse battery", "en")).ShouldBeNull();
        (await accounts.EmailTakenAsync("new@example.com")).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Invitation_Accepted_CannotBeUsedAgain(string provider)
    {
        var (db, clock, organization, owner) = await SetUpAsync(provider);
        await using var _ = db;
        await using var context = db.Target.CreateContext();
        context.OrganizationId = organization;
        var accounts = new Accounts(context, clock);
        var (_, secret) = await accounts.InviteAsync("new@example.com", Role.Viewer, owner, TimeSpan.FromDays(7));

        var joined = await accounts.AcceptInvitationAsync(secret, null, "New", "correct horse battery", "zh");
        var again = await accounts.AcceptInvitationAsync(secret, null, "Someone else", "another password!", "en");

        joined.ShouldNotBeNull();
        (await accounts.RoleInAsync(organization, joined.Id)).ShouldBe(Role.Viewer);
        again.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SignIn_LockedAccount_OpensAgainAfterTheLockout(string provider)
    {
        var (db, clock, _, _) = await SetUpAsync(provider);
        await using var _db = db;
        await using var context = db.Target.CreateContext();
        var accounts = new Accounts(context, clock);
        for (var i = 0; i < Accounts.MaxFailedSignIns; i++)
        {
            await accounts.SignInAsync("owner@example.com", "wrong");
        }

        (await accounts.SignInAsync("owner@example.com", "correct horse battery")).Failure.ShouldBe(SignInFailure.LockedOut);
        clock.Now += Accounts.LockoutDuration + TimeSpan.FromSeconds(1);
        (await accounts.SignInAsync("OWNER@example.com ", "correct horse battery")).User.ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Tokens_AreStoredHashedAndRevocable(string provider)
    {
        var (db, clock, organization, owner) = await SetUpAsync(provider);
        await using var _ = db;
        await using var context = db.Target.CreateContext();
        context.OrganizationId = organization;
        var accounts = new Accounts(context, clock);

        var (token, secret) = await accounts.CreateTokenAsync(owner, "script");

        token.TokenHash.ShouldBe(Accounts.Hash(secret));
        token.TokenHash.ShouldNotContain(secret);
        (await accounts.UseTokenAsync(secret))!.Id.ShouldBe(token.Id);
        token.RevokedAt = clock.GetUtcNow().UtcDateTime;
        await context.SaveChangesAsync();
        (await accounts.UseTokenAsync(secret)).ShouldBeNull();
        (await accounts.UseTokenAsync(secret + "x")).ShouldBeNull();
    }
}
