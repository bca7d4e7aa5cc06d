using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Channels.Accounts;

namespace Conversations.Channels.Widget;

/// <summary>Creates a tenant's website widget (a channel account with a public key used in the embed tag).</summary>
public sealed partial class WidgetConnector(IGrainFactory grains, ChannelAccountCache accounts)
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{2,39}$")]
    private static partial Regex KeyPattern();

    /// <summary>Creates (or re-titles) the widget; <paramref name="key"/> defaults to a random one.</summary>
    public async Task<ChannelAccount> CreateAsync(Guid tenantId, string? title, string? key = null)
    {
        key = string.IsNullOrWhiteSpace(key) ? NewKey() : key.Trim();
        if (!KeyPattern().IsMatch(key))
        {
            throw DomainException.Invalid("A widget key is 3–40 lowercase letters, digits or dashes.");
        }

        title = string.IsNullOrWhiteSpace(title) ? "Chat" : title.Trim();
        if (title.Length > 80)
        {
            throw DomainException.Invalid("The widget title is too long: at most 80 characters.");
        }

        var accountKey = new ChannelAccountKey(ChannelKind.Widget, key);
        // Re-titling keeps the widget's identity secret (the business's server signs its users with it).
        var existing = await grains.GetGrain<IChannelAccountGrain>(accountKey.ToGrainKey()).GetAsync();
        var secret = existing is { TenantId: var owner } && owner == tenantId ? existing.WebhookSecret : null;
        var account = new ChannelAccount(accountKey, tenantId, title, InboundMode.Webhook, null, secret, Enabled: true);
        await grains.GetGrain<IChannelAccountGrain>(accountKey.ToGrainKey()).ConnectAsync(account);
        accounts.Invalidate(accountKey);
        return account;
    }

    /// <summary>
    /// Creates or replaces the identity secret of the tenant's widget <paramref name="key"/> (kept as the account's
    /// <see cref="ChannelAccount.WebhookSecret"/>: a widget has no webhook) and returns it; the old one stops working.
    /// </summary>
    public async Task<string> RotateIdentitySecretAsync(Guid tenantId, string key)
    {
        var accountKey = new ChannelAccountKey(ChannelKind.Widget, key);
        var grain = grains.GetGrain<IChannelAccountGrain>(accountKey.ToGrainKey());
        if (await grain.GetAsync() is not { } account || account.TenantId != tenantId)
        {
            throw DomainException.NotFound("No such widget.");
        }

        var secret = WidgetIdentityVerification.NewSecret();
        await grain.ConnectAsync(account with { WebhookSecret = secret });
        accounts.Invalidate(accountKey);
        return secret;
    }

    /// <summary>The tag a site embeds.</summary>
    public static string Snippet(string publicBaseUrl, string key) =>
        $"<script src=\"{publicBaseUrl.TrimEnd('/')}/widget/widget.js\" data-widget=\"{key}\" async></script>";

    private static string NewKey()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        return string.Concat(RandomNumberGenerator.GetItems<char>(alphabet, 12));
    }
}
