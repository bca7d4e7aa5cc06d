using Conversations.Abstractions.Channels;
using Conversations.Channels.Meta.Messenger;
using Conversations.Channels.Meta.WhatsApp;
using Conversations.Channels.Telegram;

namespace Conversations.Api.Mappings;

/// <summary>Channel accounts as the admin and platform APIs show them.</summary>
public static class ChannelMappings
{
    /// <summary>The API form of an account (pass it without its secrets).</summary>
    public static Contracts.Channels.ChannelAccount ToContract(this ChannelAccount account) => new(
        new Contracts.Channels.ChannelAccountKey((Contracts.Channels.ChannelKind)account.Key.Kind, account.Key.Account), account.TenantId,
        account.DisplayName, (Contracts.Channels.InboundMode)account.Mode, account.Credential, account.WebhookSecret, account.Enabled,
        account.DisabledReason, account.DisabledAt, account.Key.Kind == ChannelKind.WhatsApp ? ThroughputOf(account) : null);

    /// <summary>A WhatsApp number's throughput level and the rate the outbox paces it at.</summary>
    private static Contracts.Channels.ChannelThroughput ThroughputOf(ChannelAccount account)
    {
        var reported = WhatsAppSettings.ThroughputOf(account);
        return new(reported?.Level, reported?.MessagesPerSecond,
            Channels.Delivery.DeliveryPacer.RateOf(account) ?? ChannelCatalog.Find(ChannelKind.WhatsApp)?.Rates?.PerAccountPerSecond ?? 80);
    }

    /// <summary>The API form of a connected Telegram bot.</summary>
    public static Contracts.Channels.TelegramConnection ToContract(this TelegramConnection connection) => new(
        connection.Account.ToContract(), connection.WebhookPath, connection.WebhookRegistered, connection.Note);

    /// <summary>The API form of a connected VK community.</summary>
    public static Contracts.Channels.VkConnection ToContract(this Channels.Vk.VkConnection connection) => new(
        connection.Account.ToContract(), connection.CallbackPath, connection.CallbackServerRegistered, connection.Note);
    /// <summary>The API form of a connected Viber bot.</summary>
    public static Contracts.Channels.ViberConnection ToContract(this Channels.Viber.ViberConnection connection) => new(
        connection.Account.ToContract(), connection.WebhookPath, connection.Note);

    /// <summary>The API form of a connected WhatsApp number.</summary>
    public static Contracts.Channels.WhatsAppConnection ToContract(this WhatsAppConnection connection) => new(
        connection.Account.ToContract(), connection.WebhookPath, connection.CallbackUrl, connection.Note);

    /// <summary>The API form of a connected Page or Instagram account.</summary>
    public static Contracts.Channels.MessengerConnection ToContract(this MessengerConnection connection) => new(
        connection.Account.ToContract(), connection.WebhookPath, connection.CallbackUrl, connection.Note);

    /// <summary>The API form of a connected mailbox.</summary>
    public static Contracts.Channels.EmailConnection ToContract(this Channels.Email.EmailConnection connection) => new(
        connection.Account.ToContract(), connection.InboundHookPath, connection.InboundHookSecret);

    /// <summary>The gateway's form of a mailbox to connect.</summary>
    public static Channels.Email.EmailMailboxSetup ToDomain(this Contracts.Channels.ConnectEmailMailboxRequest request) => new(
        request.Address, request.DisplayName, request.ImapHost, request.ImapPort, (Channels.Email.EmailTlsMode?)request.ImapTls,
        request.SmtpHost, request.SmtpPort, (Channels.Email.EmailTlsMode?)request.SmtpTls, request.Username, request.Credential,
        (Channels.Email.EmailCredentialKind?)request.CredentialKind, request.Folder, request.Signature, request.TrustedAuthServId, request.VouchForSenders,
        request.ReopenWithinDays, request.DkimDomain, request.DkimSelector, request.DkimPrivateKey);

    /// <summary>The grains' form of a channel named in a request.</summary>
    public static ChannelKind ToDomain(this Contracts.Channels.ChannelKind kind) => (ChannelKind)kind;

    /// <summary>The grains' form of an inbound mode named in a request.</summary>
    public static InboundMode ToDomain(this Contracts.Channels.InboundMode mode) => (InboundMode)mode;
}
