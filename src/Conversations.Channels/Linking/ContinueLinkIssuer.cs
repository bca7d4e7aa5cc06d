using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Tenants;
using Conversations.Api.Contracts.Customers;
using Conversations.Channels.Accounts;

using ContractKind = Conversations.Api.Contracts.Channels.ChannelKind;

namespace Conversations.Channels.Linking;

/// <summary>
/// Makes "continue in messenger" links for a customer: a one-time token (<see cref="ContinueLinkToken"/>, bound by its
/// <see cref="IContinueLinkTokenGrain"/>) and a deep link per connected, enabled messenger account of the tenant in each
/// platform's documented form. Opening one sends the token back through that channel's usual inbound path (a Telegram
/// <c>/start</c> payload, a Messenger referral <c>ref</c>, the text a WhatsApp link prefills, the <c>ref</c> of the VK
/// message written after a <c>vk.me</c> link, the <c>context</c> of Viber's conversation_started), where the identity
/// redeems it.
/// </summary>
public sealed class ContinueLinkIssuer(IGrainFactory grains, ChannelAccountCache accounts, TimeProvider time)
{
    /// <summary>A new token for <paramref name="customerId"/> of <paramref name="tenantId"/> and the tenant's links carrying it.</summary>
    public async Task<ContinueLinks> IssueAsync(Guid tenantId, Guid customerId)
    {
        var token = ContinueLinkToken.New();
        var expiresAt = time.GetUtcNow() + ContinueLinkToken.Lifetime;
        await grains.GetGrain<IContinueLinkTokenGrain>(ContinueLinkToken.ToGrainKey(tenantId, token)).IssueAsync(customerId, expiresAt);
        return new ContinueLinks(token, expiresAt, await LinksAsync(tenantId, token));
    }

    /// <summary>The messengers of <paramref name="tenantId"/> a visitor can continue in (no token is made).</summary>
    public async Task<IReadOnlyList<ContractKind>> ChannelsAsync(Guid tenantId) =>
        [.. (await LinksAsync(tenantId, "cl_probe")).Select(l => l.Channel).Distinct()];

    private async Task<IReadOnlyList<ContinueLink>> LinksAsync(Guid tenantId, string token)
    {
        var settings = await grains.GetGrain<ITenantGrain>(tenantId).GetSettingsAsync();
        var links = new List<ContinueLink>();
        foreach (var key in await grains.GetGrain<ITenantGrain>(tenantId).GetChannelAccountsAsync())
        {
            if (await accounts.GetAsync(key) is { Enabled: true } account && account.TenantId == tenantId
                && Url(account, token, settings) is { } url)
            {
                links.Add(new ContinueLink((ContractKind)(int)key.Kind, key.Account, account.DisplayName, url));
            }
        }

        return [.. links.OrderBy(l => l.Channel).ThenBy(l => l.Account, StringComparer.Ordinal)];
    }

    /// <summary>The deep link into <paramref name="account"/> carrying <paramref name="token"/>, or null when the channel has none.</summary>
    public static string? Url(ChannelAccount account, string token, TenantSettings settings) => account.Key.Kind switch
    {
        // Bot API deep linking: t.me/<bot username>?start=<up to 64 of A-Za-z0-9_->, delivered as "/start <payload>".
        ChannelKind.Telegram when account.DisplayName.TrimStart('@') is { Length: > 0 } bot => $"https://t.me/{bot}?start={token}",
        // m.me/<page>?ref=<ref>: a referral (messaging_referrals, or the Get Started postback's referral) with that ref.
        ChannelKind.Messenger => $"https://m.me/{account.Key.Account}?ref={token}",
        // Click to chat: wa.me/<number, digits only>?text=<URL-encoded prefilled text> that the customer sends.
        ChannelKind.WhatsApp when account.Settings?.GetValueOrDefault("displayPhoneNumber") is { } display
            && new string([.. display.Where(char.IsAsciiDigit)]) is { Length: >= 7 } number =>
            $"https://wa.me/{number}?text={Uri.EscapeDataString(WhatsAppText(settings, token))}",
        // vk.me/<community's short name>?ref=<ref>: the user's next message to the community carries it as "ref"
        // ("club<id>" is the short name every community answers to, whether or not it chose its own).
        ChannelKind.Vk => $"https://vk.me/club{account.Key.Account}?ref={token}&ref_source=continue",
        // viber://pa?chatURI=<the bot's URI>&context=<context>: conversation_started carries "context".
        ChannelKind.Viber when account.Settings?.GetValueOrDefault("uri") is { Length: > 0 } uri =>
            $"viber://pa?chatURI={Uri.EscapeDataString(uri)}&context={token}",
        _ => null,
    };

    private static string WhatsAppText(TenantSettings settings, string token)
    {
        var text = settings.Text(TenantTexts.ContinueWhatsAppText);
        // A tenant's own text without the placeholder still has to carry the token, or the link would link nothing.
        return text.Contains("{token}", StringComparison.Ordinal) ? text.Replace("{token}", token, StringComparison.Ordinal) : $"{text} {token}";
    }
}
