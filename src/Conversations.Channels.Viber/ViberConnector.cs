using System.Text.Json.Nodes;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Channels.Accounts;
using Conversations.Channels.Viber.Api;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Viber;

/// <summary>
/// Connects a tenant's Viber bot: checks the token with <c>get_account_info</c> (which also gives the bot's id, the
/// account key, and its name, the sender name of our messages), stores the account, then sets
/// <c>{PublicBaseUrl}/webhooks/viber/{botId}</c> as the bot's webhook with <c>set_webhook</c> and the event types we
/// handle. Viber checks the URL right away with a signed <c>webhook</c> callback, which the endpoint answers 200 as
/// the account is stored first. Viber has no polling mode: without a public HTTPS base URL a bot cannot be connected.
/// </summary>
public sealed class ViberConnector(IGrainFactory grains, ViberApiClient api, ChannelAccountCache accounts, IOptions<ViberOptions> options)
{
    /// <summary>
    /// The event types asked for with set_webhook (developers.viber.com/docs/api/rest-bot-api/#event-types-filtering);
    /// message, subscribed and unsubscribed are sent whatever the filter says.
    /// </summary>
    public static readonly IReadOnlyList<string> EventTypes = ["delivered", "seen", "failed", "subscribed", "unsubscribed", "conversation_started"];

    /// <summary>What the admin should know about the channel, returned with every connection.</summary>
    public const string PaidChannelNote =
        "Viber bots are a paid commercial channel since February 2024: Viber (or its partners) bill the business for the bot, " +
        "and customers reach it only while the bot's agreement is active. See the README's Viber section.";

    /// <summary>Connects the bot of <paramref name="token"/> to <paramref name="tenantId"/>.</summary>
    public async Task<ViberConnection> ConnectAsync(Guid tenantId, string? token, CancellationToken cancellationToken)
    {
        token = token?.Trim() ?? "";
        if (token.Length is < 20 or > 256 || token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw DomainException.Invalid("token: that is not a Viber bot token (Viber app → More → Settings → Bots → Edit Info → Your app key).");
        }

        if (string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl))
        {
            throw DomainException.Rule("Viber can only post to a public HTTPS address and has no polling mode: set Channels:Viber:PublicBaseUrl, then connect the bot.");
        }

        ViberResponse info;
        try
        {
            info = await api.CallAsync("get_account_info", token, [], cancellationToken);
        }
        catch (ViberApiException ex)
        {
            throw DomainException.Invalid($"token: Viber refused it ({ex.Status} {ex.StatusMessage}). Copy the bot's app key again.");
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException)
        {
            throw DomainException.Rule($"Viber could not be reached to check the token: {ex.Message}. Try again later.");
        }

        if (string.IsNullOrWhiteSpace(info.Id) || info.Id.Length > 128 || info.Id.Any(c => c is '/' or '?' or '#' || char.IsWhiteSpace(c)))
        {
            throw DomainException.Rule("Viber answered get_account_info without a usable bot id. Try again later.");
        }

        var key = new ChannelAccountKey(ChannelKind.Viber, info.Id);
        var name = string.IsNullOrWhiteSpace(info.Name) ? info.Uri ?? info.Id : info.Name.Trim();
        var settings = new Dictionary<string, string> { [ViberSender.SenderNameSetting] = name.Length <= ViberSender.MaxSenderName ? name : name[..ViberSender.MaxSenderName] };
        if (!string.IsNullOrWhiteSpace(info.Uri))
        {
            settings["uri"] = info.Uri;
        }

        // The token is the key of the callbacks' signature: it is the only secret; no separate webhook secret exists.
        var account = new ChannelAccount(key, tenantId, name, InboundMode.Webhook, token, null, Enabled: true, settings);
        await grains.GetGrain<IChannelAccountGrain>(key.ToGrainKey()).ConnectAsync(account);
        accounts.Invalidate(key);

        var path = $"/webhooks/viber/{Uri.EscapeDataString(info.Id)}";
        var body = new JsonObject
        {
            ["url"] = options.Value.PublicBaseUrl!.TrimEnd('/') + path,
            ["event_types"] = new JsonArray([.. EventTypes.Select(e => JsonValue.Create(e))]),
            ["send_name"] = true,
            ["send_photo"] = false,
        };
        try
        {
            await api.CallAsync("set_webhook", token, body, cancellationToken);
        }
        catch (ViberApiException ex)
        {
            throw DomainException.Rule($"Viber refused the webhook ({ex.Status} {ex.StatusMessage}): it must be a public HTTPS address with a certificate from a trusted CA that answers Viber's check. The bot is connected but receives nothing until this succeeds.");
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException)
        {
            throw DomainException.Rule($"Viber could not be reached to set the webhook: {ex.Message}. Connect again later.");
        }

        return new ViberConnection(account.WithoutSecrets(), path, PaidChannelNote);
    }
}
