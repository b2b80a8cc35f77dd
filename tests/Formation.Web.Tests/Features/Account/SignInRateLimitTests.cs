using System.Net;
using Formation.Web.Tests.Support;

namespace Formation.Web.Tests.Features.Account;

/// <summary>The sign-in rate limit, on an app of its own with the default of 10 attempts per client per minute.</summary>
public sealed class SignInRateLimitTests
{
    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task SignIn_EleventhAttemptWithinAMinute_Returns429EvenWithTheRightPassword(string provider)
    {
        await using var factory = await FormationWebFactory.CreateAsync(provider);
        using var browser = factory.NewSession();
        using (var owner = factory.NewSession())
        {
            await owner.SetUpAsync("Tea Garden", "owner@tea.test");
        }

        // The token comes from the sign-in form, so that request is the first of the ten allowed.
        var token = await browser.AntiforgeryTokenAsync("/signin");
        var answers = new List<HttpStatusCode>();
        for (var attempt = 2; attempt <= 10; attempt++)
        {
            answers.Add((await browser.PostFormAsync("/signin", token, ("Email", $"guess{attempt}@tea.test"), ("Password", "some password"))).Status);
        }

        var eleventh = await browser.PostFormAsync("/signin", token, ("Email", "owner@tea.test"), ("Password", Flows.Password));

        answers.ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        eleventh.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        eleventh.Text.ShouldContain("Too many attempts");
        (await browser.GetAsync("/")).Status.ShouldBe(HttpStatusCode.Redirect, "the rejected attempt must not sign in");
    }
}
