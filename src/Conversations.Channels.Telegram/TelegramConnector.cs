using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Channels.Accounts;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace Conversations.Channels.Telegram;

/// <summary>Connects a tenant's Telegram bot: checks the token with getMe, stores the account, registers or removes the webhook.</summary>
public sealed partial class TelegramConnector(
    IGrainFactory grains,
    TelegramClientFactory clients,
    ChannelAccountCache accounts,
    IOptions<TelegramOptions> options)
{
    private static readonly UpdateType[] AllowedUpdates = [UpdateType.Message, UpdateType.EditedMessage, UpdateType.CallbackQuery, UpdateType.MyChatMember];

    [GeneratedRegex(@"^\d{3,15}:[A-Za-z0-9_-]{20,100}$")]
    private static partial Regex TokenPattern();

    /// <summary>Connects the bot with <paramref name="token"/> to <paramref name="tenantId"/>.</summary>
    public async Task<TelegramConnection> ConnectAsync(Guid tenantId, string? token, InboundMode mode, CancellationToken cancellationToken)
    {
        token = token?.Trim() ?? "";
        if (!TokenPattern().IsMatch(token))
        {
            throw DomainException.Invalid("That is not a Telegram bot token. It looks like 123456789:AA... and comes from @BotFather.");
        }

        var client = clients.For(token);
        global::Telegram.Bot.Types.User me;
        try
        {
            me = await client.GetMe(cancellationToken);
        }
        catch (ApiRequestException ex)
        {
            throw DomainException.Invalid($"Telegram refused the token ({ex.ErrorCode}: {ex.Message}). Check it with @BotFather.");
        }
        catch (Exception ex) when (ex is RequestException or HttpRequestException)
        {
            throw DomainException.Rule($"Telegram could not be reached to check the token: {ex.Message}. Try again later.");
        }

        var key = new ChannelAccountKey(ChannelKind.Telegram, me.Id.ToString(CultureInfo.InvariantCulture));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var account = new ChannelAccount(key, tenantId, "@" + me.Username, mode, token, secret, Enabled: true);
        await grains.GetGrain<IChannelAccountGrain>(key.ToGrainKey()).ConnectAsync(account);
        accounts.Invalidate(key);

        var path = $"/webhooks/telegram/{key.Account}";
        if (mode == InboundMode.Polling)
        {
            await client.DeleteWebhook(cancellationToken: cancellationToken);
            return new TelegramConnection(account.WithoutSecrets(), path, false, "Polling: this deployment fetches updates itself.");
        }

        if (string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl))
        {
            return new TelegramConnection(account.WithoutSecrets(), path, false,
                "Set Channels:Telegram:PublicBaseUrl (the public HTTPS address of this deployment) and connect again to register the webhook, or use polling mode.");
        }

        var url = options.Value.PublicBaseUrl.TrimEnd('/') + path;
        await client.SetWebhook(url, secretToken: secret, allowedUpdates: AllowedUpdates, cancellationToken: cancellationToken);
        return new TelegramConnection(account.WithoutSecrets(), path, true, null);
    }
}
