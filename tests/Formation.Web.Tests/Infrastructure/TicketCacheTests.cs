using System.Security.Claims;
using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Time.Testing;

namespace Formation.Web.Tests.Infrastructure;

/// <summary>The sign-in cookie memory: a cookie is decrypted once a minute at most, each request gets its own ticket, and nothing unverified is remembered.</summary>
public sealed class TicketCacheTests
{
    [Fact]
    public void Unprotect_SameCookieTwice_DecryptsOnceAndHandsOutSeparateCopies()
    {
        var inner = new CountingFormat();
        var cache = new TicketCache(inner, new FakeTimeProvider());

        var first = cache.Unprotect("cookie-a").ShouldNotBeNull();
        var second = cache.Unprotect("cookie-a").ShouldNotBeNull();

        inner.Reads.ShouldBe(1);
        second.ShouldNotBeSameAs(first);
        second.Principal.ShouldNotBeSameAs(first.Principal);
        second.Principal.FindFirst(ClaimTypes.NameIdentifier)!.Value.ShouldBe("cookie-a");
        first.Properties.Items["changed"] = "by one request";
        cache.Unprotect("cookie-a")!.Properties.Items.ShouldNotContainKey("changed");
    }

    [Fact]
    public void Unprotect_AfterTheLifetime_DecryptsAgain()
    {
        var inner = new CountingFormat();
        var clock = new FakeTimeProvider();
        var cache = new TicketCache(inner, clock);

        cache.Unprotect("cookie-a");
        clock.Advance(TicketCache.Lifetime);
        cache.Unprotect("cookie-a");

        inner.Reads.ShouldBe(2);
    }

    [Fact]
    public void Unprotect_ACookieThatDoesNotVerify_IsNeverRemembered()
    {
        var inner = new CountingFormat();
        var cache = new TicketCache(inner, new FakeTimeProvider());

        cache.Unprotect("forged").ShouldBeNull();
        cache.Unprotect("forged").ShouldBeNull();
        cache.Unprotect("cookie-b", "another purpose");
        cache.Unprotect("cookie-b", "another purpose");

        inner.Reads.ShouldBe(4);
    }

    /// <summary>Accepts any text but "forged" as the ticket of the user named by it.</summary>
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        public int Reads { get; private set; }

        public string Protect(AuthenticationTicket data) => throw new NotSupportedException();

        public string Protect(AuthenticationTicket data, string? purpose) => throw new NotSupportedException();

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Reads++;
            return protectedText is null or "forged"
                ? null
                : new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, protectedText)], "cookie")), "Cookies");
        }
    }
}
