using System.Collections.Concurrent;
using System.Globalization;
using Formation.Application.Data;

namespace Formation.Web.Tests.Support;

/// <summary>A signed-in member of an organisation: who they are and their browser.</summary>
public sealed record Member(Role Role, string Email, WebSession Session);

/// <summary>
/// One app per provider, set up once and shared by the tests of the <see cref="SharedWebApp"/>:
/// organisation A with the retailer profile, versions 1 (6 people) and 2 (11 people), and a member of
/// every role; and organisation B, whose owner belongs to nothing of A's. Tests that need pristine
/// state make their own organisation (<see cref="NewOrganizationAsync"/>) or their own app.
/// </summary>
public sealed class SeededApp : IAsyncDisposable
{
    private static int s_counter;
    private readonly Dictionary<Role, Member> _membersOfA;
    private readonly ConcurrentBag<WebSession> _extraSessions = [];

    private SeededApp(FormationWebFactory factory, Guid organizationA, string organizationAName, Dictionary<Role, Member> membersOfA, Guid organizationB, Member ownerOfB)
    {
        Factory = factory;
        OrganizationA = organizationA;
        OrganizationAName = organizationAName;
        _membersOfA = membersOfA;
        OrganizationB = organizationB;
        OwnerOfB = ownerOfB;
    }

    public FormationWebFactory Factory { get; }

    public string Provider => Factory.Provider;

    public Guid OrganizationA { get; }

    public string OrganizationAName { get; }

    public Guid OrganizationB { get; }

    /// <summary>Owner of B, and member of no organisation of A's.</summary>
    public Member OwnerOfB { get; }

    public Member Owner => _membersOfA[Role.Owner];

    public Member this[Role role] => _membersOfA[role];

    public static async Task<SeededApp> CreateAsync(string provider)
    {
        var factory = await FormationWebFactory.CreateAsync(provider, new Dictionary<string, string?>
        {
            // Many tests sign in; the limit itself is tested on an app of its own.
            ["Formation:SignInAttemptsPerMinute"] = "1000",

            // The follow-up job is tested on an app of its own with a clock it moves; here it would only run
            // at a moment nobody chose, in the middle of other tests.
            ["Formation:FollowUpMinutes"] = "0",
        });

        var owner = factory.NewSession();
        var nameA = $"Alpha Tea {Guid.NewGuid():N}"[..20];
        var a = await owner.SetUpAsync(nameA, "owner@alpha.test");
        await owner.UploadAndAcceptAsync(a, Profiles.Retailer);
        await owner.UploadAndAcceptAsync(a, Profiles.RetailerWithMoreContent);
        (await owner.UploadProfileAsync(a, Profiles.Retailer)).Status.ShouldBe(System.Net.HttpStatusCode.Redirect);

        var members = new Dictionary<Role, Member> { [Role.Owner] = new(Role.Owner, "owner@alpha.test", owner) };
        foreach (var role in new[] { Role.Manager, Role.Supervisor, Role.Staff, Role.Viewer })
        {
            var email = $"{role.ToString().ToLowerInvariant()}@alpha.test";
            var link = await owner.InviteAsync(a, email, role);
            var session = factory.NewSession();
            await session.AcceptInvitationAsync(link, $"{role} of Alpha");
            members[role] = new Member(role, email, session);
        }

        // B's owner joins through an unrelated organisation, then starts B: no tie to A at all.
        var scratch = await owner.CreateOrganizationAsync("Scratch");
        var ownerOfB = factory.NewSession();
        await ownerOfB.AcceptInvitationAsync(await owner.InviteAsync(scratch, "owner@beta.test", Role.Viewer), "Owner of Beta");
        var b = await ownerOfB.CreateOrganizationAsync("Beta Shop");
        return new SeededApp(factory, a, nameA, members, b, new Member(Role.Owner, "owner@beta.test", ownerOfB));
    }

    /// <summary>A new user invited into A with <paramref name="role"/>; their session is signed in and has no language cookie.</summary>
    public async Task<Member> AddMemberOfAAsync(Role role, string? acceptLanguage = null)
    {
        var email = $"member{Interlocked.Increment(ref s_counter).ToString(CultureInfo.InvariantCulture)}.{Provider}@alpha.test";
        var link = await Owner.Session.InviteAsync(OrganizationA, email, role);
        var session = Factory.NewSession(acceptLanguage);
        _extraSessions.Add(session);
        await session.AcceptInvitationAsync(link, $"Member {email}");
        return new Member(role, email, session);
    }

    /// <summary>A fresh organisation owned by A's owner, for tests that need to know exactly what is in it.</summary>
    public Task<Guid> NewOrganizationAsync(string name = "Fresh") => Owner.Session.CreateOrganizationAsync($"{name} {Interlocked.Increment(ref s_counter)}");

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _membersOfA.Values.Append(OwnerOfB).Select(m => m.Session).Concat(_extraSessions))
        {
            session.Dispose();
        }

        await Factory.DisposeAsync();
    }
}

/// <summary>The shared apps, one per provider, made on first use.</summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<SeededApp>>> _apps = new();

    public Task<SeededApp> GetAsync(string provider) =>
        _apps.GetOrAdd(provider, p => new Lazy<Task<SeededApp>>(() => SeededApp.CreateAsync(p))).Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps.Values.Where(a => a.IsValueCreated))
        {
            if (app.Value.IsCompletedSuccessfully)
            {
                await (await app.Value).DisposeAsync();
            }
        }
    }
}

/// <summary>Tests that share the seeded apps; they run one after another, so each sees the others' writes finished.</summary>
[CollectionDefinition(Name)]
public sealed class SharedWebApp : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web app";
}
