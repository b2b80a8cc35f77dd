using Formation.Application.Data;
using Formation.Application.Features.Accounts;
using Microsoft.EntityFrameworkCore;

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
    public async Task Organisations_TakeTheGivenZoneElseTheirCurrencys_AndOnlyKnownZonesAreSaved(string provider)
    {
        var (db, clock, first, owner) = await SetUpAsync(provider);
        await using var _ = db;
        await using var context = db.Target.CreateContext();
        var accounts = new Accounts(context, clock);

        var london = await accounts.CreateOrganizationAsync(owner, "London", "USD", "Europe/London");
        var dollars = await accounts.CreateOrganizationAsync(owner, "Dollars", "USD");
        var typo = await accounts.CreateOrganizationAsync(owner, "Typo", "HKD", "Asia/Hongkong-ish");
        var beijing = await accounts.SetTimeZoneAsync(first, " 北京 ");
        var saved = await accounts.SetTimeZoneAsync(first, "america/new_york");
        var refused = await accounts.SetTimeZoneAsync(first, "Mars/Olympus_Mons");

        await using var check = db.Target.CreateContext();
        (await check.Organizations.SingleAsync(o => o.Id == london.Id)).TimeZone.ShouldBe("Europe/London");
        (await check.Organizations.SingleAsync(o => o.Id == dollars.Id)).TimeZone.ShouldBe("UTC");
        (await check.Organizations.SingleAsync(o => o.Id == typo.Id)).TimeZone.ShouldBe("Asia/Hong_Kong");
        beijing.ShouldBe("Asia/Shanghai");
        saved.ShouldBe("America/New_York");
        refused.ShouldBeNull();
        (await check.Organizations.SingleAsync(o => o.Id == first)).TimeZone.ShouldBe("America/New_York");
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
        (await accounts.AcceptInvitationAsync(secret, null, "New", "correct horse battery", "en")).Failure.ShouldBe(InvitationFailure.NotOpen);
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

        var joined = (await accounts.AcceptInvitationAsync(secret, null, "New", "correct horse battery", "zh")).User;
        var again = await accounts.AcceptInvitationAsync(secret, null, "Someone else", "another password!", "en");

        joined.ShouldNotBeNull();
        (await accounts.RoleInAsync(organization, joined.Id)).ShouldBe(Role.Viewer);
        again.Failure.ShouldBe(InvitationFailure.NotOpen);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Invitation_SignedInAsAnotherAddress_IsRefusedAndStaysOpen(string provider)
    {
        var (db, clock, organization, owner) = await SetUpAsync(provider);
        await using var _ = db;
        await using var context = db.Target.CreateContext();
        context.OrganizationId = organization;
        var accounts = new Accounts(context, clock);
        var (_, secret) = await accounts.InviteAsync("invited@example.com", Role.Manager, owner, TimeSpan.FromDays(7));
        var stranger = await context.Users.SingleAsync(u => u.Id == owner);

        var outcome = await accounts.AcceptInvitationAsync(secret, stranger, null, null, null);

        outcome.Failure.ShouldBe(InvitationFailure.OtherAccount);
        (await accounts.FindInvitationAsync(secret)).ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Invitation_RacedByManyAcceptances_AdmitsExactlyOne(string provider)
    {
        var (db, clock, organization, owner) = await SetUpAsync(provider);
        await using var _ = db;
        string secret;
        await using (var context = db.Target.CreateContext())
        {
            context.OrganizationId = organization;
            secret = (await new Accounts(context, clock).InviteAsync("race@example.com", Role.Staff, owner, TimeSpan.FromDays(7))).Secret;
        }

        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            await using var context = db.Target.CreateContext();
            try
            {
                return await new Accounts(context, clock).AcceptInvitationAsync(secret, null, $"Racer {i}", "correct horse battery", "en");
            }
            catch (Exception ex) when (ex is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
            {
                // SQLite may refuse a concurrent writer outright ("database is locked"); that is a refusal too.
                return new InvitationOutcome(null, InvitationFailure.NotOpen);
            }
        }));

        attempts.Count(a => a.User is not null).ShouldBe(1);
        await using var check = db.Target.CreateContext();
        (await check.Memberships.CountAsync(m => m.OrganizationId == organization)).ShouldBe(2);
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
    public async Task SignIn_UnknownAddress_LocksOutLikeARealAccount(string provider)
    {
        var (db, clock, _, _) = await SetUpAsync(provider);
        await using var _db = db;
        await using var context = db.Target.CreateContext();
        var accounts = new Accounts(context, clock);
        var unknown = $"nobody-{Guid.NewGuid():N}@example.com";

        var results = new List<SignInResult>();
        for (var i = 0; i < Accounts.MaxFailedSignIns + 1; i++)
        {
            results.Add(await accounts.SignInAsync(unknown, "guess"));
        }

        results.Take(Accounts.MaxFailedSignIns - 1).ShouldAllBe(r => r.Failure == SignInFailure.WrongCredentials);
        results.Skip(Accounts.MaxFailedSignIns - 1).ShouldAllBe(r => r.Failure == SignInFailure.LockedOut && r.LockedUntil != null);
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
