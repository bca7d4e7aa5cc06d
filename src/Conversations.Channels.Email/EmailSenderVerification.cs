using MimeKit;
using MimeKit.Cryptography;

namespace Conversations.Channels.Email;

/// <summary>
/// Whether a mail's sender address counts as verified for linking customers: the mailbox's business vouches for every
/// sender, or the receiving server it trusts (by authserv-id, RFC 8601) wrote in its topmost
/// <c>Authentication-Results</c> header that DMARC passed for the From domain (RFC 7489 <c>header.from</c>). Only that
/// server's topmost header counts: anything below it, or from another authserv-id, could have been written by the
/// sender. Without a trusted server nothing is verified, and operators are only offered the match.
/// </summary>
public static class EmailSenderVerification
{
    /// <summary>True when <paramref name="sender"/> (the From address, lower case) of <paramref name="mail"/> is verified.</summary>
    public static bool IsVerified(MimeMessage mail, string sender, string? trustedAuthServId, bool vouchForSenders)
    {
        if (vouchForSenders)
        {
            return true;
        }

        if (string.IsNullOrEmpty(trustedAuthServId))
        {
            return false;
        }

        var domain = sender[(sender.LastIndexOf('@') + 1)..];
        foreach (var header in mail.Headers.Where(h => h.Id == HeaderId.AuthenticationResults))
        {
            if (!AuthenticationResults.TryParse(header.RawValue, out var results))
            {
                continue;
            }

            // Microsoft 365 writes its results without an authserv-id first and names itself per method instead.
            var server = results.AuthenticationServiceIdentifier ?? results.Results.Select(r => r.Office365AuthenticationServiceIdentifier).FirstOrDefault(s => s is not null);
            if (!string.Equals(server, trustedAuthServId, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            return results.Results.Any(r => string.Equals(r.Method, "dmarc", StringComparison.OrdinalIgnoreCase)
                && string.Equals(r.Result, "pass", StringComparison.OrdinalIgnoreCase)
                && r.Properties.Any(p => string.Equals(p.PropertyType, "header", StringComparison.OrdinalIgnoreCase)
                    && string.Equals(p.Property, "from", StringComparison.OrdinalIgnoreCase)
                    && string.Equals(p.Value, domain, StringComparison.OrdinalIgnoreCase)));
        }

        return false;
    }
}
