using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Tenants;
using Conversations.Api.Contracts.Channels;
using Conversations.Api.Mappings;
using Conversations.Channels.Accounts;
using Conversations.Channels.Email;
using Conversations.Channels.Meta.Messenger;
using Conversations.Channels.Meta.WhatsApp;
using Conversations.Channels.Telegram;
using Conversations.Channels.Viber;
using Conversations.Channels.Vk;
using Conversations.Channels.Widget;
using ChannelAccount = Conversations.Abstractions.Channels.ChannelAccount;
using ChannelKind = Conversations.Abstractions.Channels.ChannelKind;
using ChannelAccountKey = Conversations.Abstractions.Channels.ChannelAccountKey;
using InboundMode = Conversations.Abstractions.Channels.InboundMode;
using TelegramConnection = Conversations.Channels.Telegram.TelegramConnection;
using VkConnection = Conversations.Channels.Vk.VkConnection;
using ViberConnection = Conversations.Channels.Viber.ViberConnection;
using MessengerConnection = Conversations.Channels.Meta.Messenger.MessengerConnection;
using WhatsAppConnection = Conversations.Channels.Meta.WhatsApp.WhatsAppConnection;

namespace Conversations.Api.Admin;

/// <summary>A tenant's channel accounts, for both the platform administrator and the tenant's own admins.</summary>
public sealed class ChannelAdministration(IGrainFactory grains, TelegramConnector telegram, WidgetConnector widgets, VkConnector vk, WhatsAppConnector whatsApp,
    MessengerConnector messenger, EmailConnector email, ChannelAccountCache cache, ViberConnector viber)
{
    /// <summary>The tenant's accounts without secrets.</summary>
    public async Task<IReadOnlyList<ChannelAccount>> ListAsync(Guid tenantId)
    {
        var accounts = new List<ChannelAccount>();
        foreach (var key in await grains.GetGrain<ITenantGrain>(tenantId).GetChannelAccountsAsync())
        {
            if (await grains.GetGrain<IChannelAccountGrain>(key.ToGrainKey()).GetAsync() is { } account)
            {
                accounts.Add(account.WithoutSecrets());
            }
        }

        return accounts;
    }

    /// <summary>Connects a Telegram bot.</summary>
    public Task<TelegramConnection> ConnectTelegramAsync(Guid tenantId, string? token, InboundMode mode, CancellationToken cancellationToken) =>
        telegram.ConnectAsync(tenantId, token, mode, cancellationToken);

    /// <summary>Connects a VK community.</summary>
    public Task<VkConnection> ConnectVkAsync(Guid tenantId, long? groupId, string? token, CancellationToken cancellationToken) =>
        vk.ConnectAsync(tenantId, groupId, token, cancellationToken);

    /// <summary>Connects a Viber bot.</summary>
    public Task<ViberConnection> ConnectViberAsync(Guid tenantId, string? token, CancellationToken cancellationToken) =>
        viber.ConnectAsync(tenantId, token, cancellationToken);

    /// <summary>Connects a WhatsApp Business phone number.</summary>
    public Task<WhatsAppConnection> ConnectWhatsAppAsync(Guid tenantId, ConnectWhatsAppNumberRequest request, CancellationToken cancellationToken) =>
        whatsApp.ConnectAsync(tenantId, request.AppId, request.PhoneNumberId, request.WabaId, request.AccessToken, cancellationToken, request.MessagesPerSecond);

    /// <summary>Connects a Facebook Page (Messenger) or an Instagram professional account.</summary>
    public Task<MessengerConnection> ConnectMessengerAsync(Guid tenantId, ChannelKind kind, ConnectMetaAccountRequest request, CancellationToken cancellationToken) =>
        messenger.ConnectAsync(tenantId, kind, request.AppId, request.AccountId, request.AccessToken, cancellationToken);

    /// <summary>Connects a support mailbox (IMAP and SMTP checked first).</summary>
    public Task<Channels.Email.EmailConnection> ConnectEmailAsync(Guid tenantId, ConnectEmailMailboxRequest request, CancellationToken cancellationToken) =>
        email.ConnectAsync(tenantId, request.ToDomain(), cancellationToken);

    /// <summary>Creates a website widget and the tag that embeds it.</summary>
    public async Task<WidgetCreated> CreateWidgetAsync(Guid tenantId, string? title, string? key, string publicBaseUrl)
    {
        var account = await widgets.CreateAsync(tenantId, title, key);
        return new WidgetCreated(account.ToContract(), WidgetConnector.Snippet(publicBaseUrl, account.Key.Account));
    }

    /// <summary>Disconnects an account of the tenant.</summary>
    public async Task DisconnectAsync(Guid tenantId, ChannelKind kind, string account)
    {
        var key = new ChannelAccountKey(kind, account);
        await grains.GetGrain<IChannelAccountGrain>(key.ToGrainKey()).DisconnectAsync(tenantId);
        cache.Invalidate(key);
    }
}
