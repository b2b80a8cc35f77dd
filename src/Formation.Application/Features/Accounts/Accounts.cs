using System.Security.Cryptography;
using System.Text;
using Formation.Application.Data;
using Formation.Domain.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Formation.Application.Features.Accounts;

/// <summary>Why a sign-in was refused.</summary>
public enum SignInFailure
{
    /// <summary>Unknown e-mail or wrong password; the two are not told apart.</summary>
    WrongCredentials,

    /// <summary>Too many wrong passwords: locked until a time.</summary>
    LockedOut,
}

/// <summary>Why an invitation could not be accepted.</summary>
public enum InvitationFailure
{
    /// <summary>Unknown, expired or already used.</summary>
    NotOpen,

    /// <summary>The signed-in user is not the invited address.</summary>
    OtherAccount,
}

/// <summary>The outcome of accepting an invitation.</summary>
/// <summary>A member of an organisation.</summary>
public sealed record OrganizationMember(Guid Id, string Name, string Email, Role Role);

public sealed record InvitationOutcome(User? User, InvitationFailure? Failure);

/// <summary>The outcome of a sign-in attempt.</summary>
public sealed record SignInResult(User? User, SignInFailure? Failure, DateTime? LockedUntil);

/// <summary>Accounts, organisations and memberships: first-run set-up, sign-in, invitations and tokens.</summary>
public sealed class Accounts(AppDbContext db, TimeProvider clock)
{
    /// <summary>Wrong passwords in a row before the account locks.</summary>
    public const int MaxFailedSignIns = 10;

    /// <summary>How long a locked account stays locked.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private static readonly PasswordHasher<User> s_hasher = new();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    /// <summary>SHA-256 of a secret (token, invitation link), hex; only this is stored.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>A new random secret with a recognisable prefix.</summary>
    public static string NewSecret(string prefix) => prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    public Task<bool> HasAnyUserAsync(CancellationToken ct = default) => db.Users.AnyAsync(ct);

    /// <summary>The first owner and their organisation, only while no user exists.</summary>
    /// <returns>The new user, or null when set-up was already done.</returns>
    /// <param name="timeZone">The organisation's zone (an IANA id); null or unknown takes the currency's (<see cref="TimeZones.DefaultFor"/>).</param>
    public async Task<(User User, Organization Organization)?> SetUpAsync(string email, string displayName, string password, string organizationName, string currency, string? language, string? timeZone = null, CancellationToken ct = default)
    {
        if (await HasAnyUserAsync(ct).ConfigureAwait(false))
        {
            return null;
        }

        var user = NewUser(email, displayName, password, language);
        var organization = new Organization { Id = Guid.CreateVersion7(), Name = organizationName.Trim(), Currency = currency, TimeZone = TimeZones.ForNew(timeZone, currency), CreatedAt = Now };
        db.Users.Add(user);
        db.Organizations.Add(organization);
        db.Memberships.Add(new Membership { OrganizationId = organization.Id, UserId = user.Id, Role = Role.Owner, CreatedAt = Now });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return (user, organization);
    }

    public async Task<SignInResult> SignInAsync(string email, string password, CancellationToken ct = default)
    {
        var normalized = Normalize(email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct).ConfigureAwait(false);
        if (user is null)
        {
            // Same work and the same answers as a real account, lockout included, so neither timing nor a
            // lockout tells which e-mails exist.
            s_hasher.VerifyHashedPassword(new User { Email = "", NormalizedEmail = "", DisplayName = "", PasswordHash = "" }, s_dummyHash, password);
            return PhantomFailure(normalized);
        }

        if (user.LockedUntil is { } until && until > Now)
        {
            s_hasher.VerifyHashedPassword(user, user.PasswordHash, password);
            return new SignInResult(null, SignInFailure.LockedOut, until);
        }

        var verdict = s_hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            user.FailedSignIns++;
            if (user.FailedSignIns >= MaxFailedSignIns)
            {
                user.LockedUntil = Now + LockoutDuration;
                user.FailedSignIns = 0;
            }

            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            return user.LockedUntil > Now
                ? new SignInResult(null, SignInFailure.LockedOut, user.LockedUntil)
                : new SignInResult(null, SignInFailure.WrongCredentials, null);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = s_hasher.HashPassword(user, password);
        }

        user.FailedSignIns = 0;
        user.LockedUntil = null;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new SignInResult(user, null, null);
    }

    private static readonly MemoryCache s_phantoms = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    /// <summary>Failed attempts on an unknown e-mail, counted like a real account's.</summary>
    private SignInResult PhantomFailure(string normalized)
    {
        var state = s_phantoms.GetOrCreate(normalized, e =>
        {
            e.Size = 1;
            e.SlidingExpiration = LockoutDuration;
            return new PhantomAccount();
        })!;
        lock (state)
        {
            if (state.LockedUntil is { } until && until > Now)
            {
                return new SignInResult(null, SignInFailure.LockedOut, until);
            }

            if (++state.Failures >= MaxFailedSignIns)
            {
                (state.Failures, state.LockedUntil) = (0, Now + LockoutDuration);
                return new SignInResult(null, SignInFailure.LockedOut, state.LockedUntil);
            }

            return new SignInResult(null, SignInFailure.WrongCredentials, null);
        }
    }

    private sealed class PhantomAccount
    {
        public int Failures { get; set; }

        public DateTime? LockedUntil { get; set; }
    }

    /// <summary>The organisations a user belongs to, with their role, by name.</summary>
    public async Task<List<(Organization Organization, Role Role)>> OrganizationsOfAsync(Guid userId, CancellationToken ct = default)
    {
        var rows = await (from m in db.Memberships
                          join o in db.Organizations on m.OrganizationId equals o.Id
                          where m.UserId == userId
                          select new { o, m.Role }).ToListAsync(ct).ConfigureAwait(false);
        return rows.Select(r => (r.o, r.Role)).OrderBy(r => r.o.Name, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>The members of an organisation with their role, by name.</summary>
    public async Task<List<OrganizationMember>> MembersAsync(Guid organizationId, CancellationToken ct = default)
    {
        var rows = await (from m in db.Memberships
                          join u in db.Users on m.UserId equals u.Id
                          where m.OrganizationId == organizationId
                          select new OrganizationMember(u.Id, u.DisplayName, u.Email, m.Role)).ToListAsync(ct).ConfigureAwait(false);
        return rows.OrderBy(m => m.Name, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>Sets the organisation's time zone, which decides its "today".</summary>
    /// <returns>The zone's IANA id as saved (<see cref="TimeZones.Canonical"/>); null, saving nothing, when it names no zone known here.</returns>
    public async Task<string?> SetTimeZoneAsync(Guid organizationId, string timeZone, CancellationToken ct = default)
    {
        if (TimeZones.Canonical(timeZone) is not { } zone)
        {
            return null;
        }

        await db.Organizations.Where(o => o.Id == organizationId)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.TimeZone, zone), ct).ConfigureAwait(false);
        return zone;
    }

    public async Task<Role?> RoleInAsync(Guid organizationId, Guid userId, CancellationToken ct = default) =>
        (await db.Memberships.AsNoTracking().SingleOrDefaultAsync(m => m.OrganizationId == organizationId && m.UserId == userId, ct).ConfigureAwait(false))?.Role;

    /// <param name="timeZone">The organisation's zone (an IANA id); null or unknown takes the currency's (<see cref="TimeZones.DefaultFor"/>).</param>
    public async Task<Organization> CreateOrganizationAsync(Guid ownerId, string name, string currency, string? timeZone = null, CancellationToken ct = default)
    {
        var organization = new Organization { Id = Guid.CreateVersion7(), Name = name.Trim(), Currency = currency, TimeZone = TimeZones.ForNew(timeZone, currency), CreatedAt = Now };
        db.Organizations.Add(organization);
        db.Memberships.Add(new Membership { OrganizationId = organization.Id, UserId = ownerId, Role = Role.Owner, CreatedAt = Now });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return organization;
    }

    public async Task SetLanguageAsync(Guid userId, string? language, CancellationToken ct = default)
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct).ConfigureAwait(false);
        user.Language = language;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Creates an invitation for the context's organisation; returns it with the one-time secret for the link.</summary>
    public async Task<(Invitation Invitation, string Secret)> InviteAsync(string email, Role role, Guid invitedBy, TimeSpan lifetime, CancellationToken ct = default)
    {
        var secret = NewSecret("inv_");
        var invitation = new Invitation
        {
            OrganizationId = db.OrganizationId,
            Id = Guid.CreateVersion7(),
            Email = email.Trim(),
            Role = role,
            TokenHash = Hash(secret),
            ExpiresAt = Now + lifetime,
            CreatedBy = invitedBy,
            CreatedAt = Now,
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return (invitation, secret);
    }

    /// <summary>An open (unused, unexpired) invitation by its secret, in any organisation.</summary>
    public async Task<(Invitation Invitation, Organization Organization)?> FindInvitationAsync(string secret, CancellationToken ct = default)
    {
        var hash = Hash(secret);
        var invitation = await db.Invitations.IgnoreQueryFilters().SingleOrDefaultAsync(i => i.TokenHash == hash, ct).ConfigureAwait(false);
        if (invitation is null || invitation.AcceptedAt is not null || invitation.ExpiresAt <= Now)
        {
            return null;
        }

        var organization = await db.Organizations.SingleAsync(o => o.Id == invitation.OrganizationId, ct).ConfigureAwait(false);
        return (invitation, organization);
    }

    /// <summary>
    /// Accepts an invitation: a new account for the invited address (when <paramref name="existing"/> is null), or the
    /// signed-in user with that address joins. The link is claimed by one conditional update inside the transaction that
    /// adds the membership, so two people racing for one link cannot both get in.
    /// </summary>
    public async Task<InvitationOutcome> AcceptInvitationAsync(string secret, User? existing, string? displayName, string? password, string? language, CancellationToken ct = default)
    {
        if (await FindInvitationAsync(secret, ct).ConfigureAwait(false) is not { } found)
        {
            return new InvitationOutcome(null, InvitationFailure.NotOpen);
        }

        var invitation = found.Invitation;
        if (existing is not null && existing.NormalizedEmail != Normalize(invitation.Email))
        {
            return new InvitationOutcome(null, InvitationFailure.OtherAccount);
        }

        var now = Now;
        var hash = Hash(secret);
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        try
        {
            var claimed = await db.Invitations.IgnoreQueryFilters()
                .Where(i => i.TokenHash == hash && i.AcceptedAt == null && i.ExpiresAt > now)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.AcceptedAt, now), ct).ConfigureAwait(false);
            if (claimed != 1)
            {
                return new InvitationOutcome(null, InvitationFailure.NotOpen);
            }

            var user = existing;
            if (user is null)
            {
                user = NewUser(invitation.Email, displayName ?? invitation.Email, password ?? throw new ArgumentNullException(nameof(password)), language);
                db.Users.Add(user);
            }

            if (!await db.Memberships.AnyAsync(m => m.OrganizationId == invitation.OrganizationId && m.UserId == user.Id, ct).ConfigureAwait(false))
            {
                db.Memberships.Add(new Membership { OrganizationId = invitation.OrganizationId, UserId = user.Id, Role = invitation.Role, CreatedAt = now });
            }

            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return new InvitationOutcome(user, null);
        }
        catch (DbUpdateException)
        {
            // The account was created by a parallel acceptance of the same address.
            db.ChangeTracker.Clear();
            return new InvitationOutcome(null, InvitationFailure.NotOpen);
        }
    }

    public Task<bool> EmailTakenAsync(string email, CancellationToken ct = default)
    {
        var normalized = Normalize(email);
        return db.Users.AnyAsync(u => u.NormalizedEmail == normalized, ct);
    }

    /// <summary>Creates a personal access token for the context's organisation; the token is returned once.</summary>
    public async Task<(PersonalAccessToken Token, string Secret)> CreateTokenAsync(Guid userId, string name, CancellationToken ct = default)
    {
        var secret = NewSecret("fmt_");
        var token = new PersonalAccessToken
        {
            OrganizationId = db.OrganizationId,
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Name = name.Trim(),
            TokenHash = Hash(secret),
            Prefix = secret[..10],
            CreatedAt = Now,
        };
        db.PersonalAccessTokens.Add(token);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return (token, secret);
    }

    /// <summary>The live token with this secret, in any organisation, marking it used.</summary>
    public async Task<PersonalAccessToken?> UseTokenAsync(string secret, CancellationToken ct = default)
    {
        var hash = Hash(secret);
        var token = await db.PersonalAccessTokens.IgnoreQueryFilters().SingleOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null, ct).ConfigureAwait(false);
        if (token is not null && (token.LastUsedAt is null || Now - token.LastUsedAt > TimeSpan.FromMinutes(1)))
        {
            token.LastUsedAt = Now;
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }

        return token;
    }

    private static readonly string s_dummyHash = s_hasher.HashPassword(new User { Email = "", NormalizedEmail = "", DisplayName = "", PasswordHash = "" }, "not a password");

    private User NewUser(string email, string displayName, string password, string? language)
    {
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            Email = email.Trim(),
            NormalizedEmail = Normalize(email),
            DisplayName = displayName.Trim(),
            PasswordHash = "",
            Language = language,
            CreatedAt = Now,
        };
        user.PasswordHash = s_hasher.HashPassword(user, password);
        return user;
    }
}
