using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;

namespace Formation.Web.Infrastructure;

/// <summary>
/// Remembers the sign-in cookies read recently, so a browser's requests do not each decrypt and verify the same
/// cookie again: with the managed data-protection algorithms used on Linux that is a key derivation, an HMAC and an
/// AES decryption — the largest single cost of serving a cached page. Only a cookie that decrypted and verified is
/// remembered, by its exact text; each request gets its own copy of the ticket, and the cookie handler still checks
/// the ticket's expiry on every request. Entries are kept for <see cref="Lifetime"/>, so a revoked data-protection key
/// stops accepting cookies within that time.
/// </summary>
public sealed class TicketCache(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider clock) : ISecureDataFormat<AuthenticationTicket>
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>Signed-in browsers remembered at most; past it the memory starts over.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, (AuthenticationTicket Ticket, long ReadAt)> _read = new(StringComparer.Ordinal);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        var now = clock.GetTimestamp();
        if (_read.TryGetValue(protectedText, out var known) && clock.GetElapsedTime(known.ReadAt, now) < Lifetime)
        {
            return known.Ticket.Clone();
        }

        var ticket = inner.Unprotect(protectedText, purpose);
        if (ticket is not null)
        {
            if (_read.Count >= Capacity)
            {
                _read.Clear();
            }

            _read[protectedText] = (ticket.Clone(), now);
        }

        return ticket;
    }
}
