namespace Conversations.Api.Contracts.Channels;

/// <summary>A business's account on a channel and what the gateway needs to talk to it.</summary>
/// <param name="Key">Channel and account id.</param>
/// <param name="TenantId">The tenant that owns it.</param>
/// <param name="DisplayName">Shown to admins (the bot's @username, the widget's title).</param>
/// <param name="Mode">Webhook or polling.</param>
/// <param name="Credential">The secret the channel's API needs (a Telegram bot token); never logged, never shown back.</param>
/// <param name="WebhookSecret">The secret the channel sends with every webhook call (Telegram's secret_token).</param>
/// <param name="Enabled">False stops inbound and outbound traffic.</param>
/// <param name="DisabledReason">
/// Why the platform's refusal turned the account off (e.g. the access token expired): connect it again with a valid
/// credential. Null while enabled.
/// </param>
/// <param name="DisabledAt">When that happened.</param>
/// <param name="Throughput">A WhatsApp number's throughput as Meta reported it on connect, and the rate it is paced at; null for other channels.</param>
public sealed record ChannelAccount(
    ChannelAccountKey Key,
    Guid TenantId,
    string DisplayName,
    InboundMode Mode,
    string? Credential,
    string? WebhookSecret,
    bool Enabled,
    string? DisabledReason = null,
    DateTimeOffset? DisabledAt = null,
    ChannelThroughput? Throughput = null);
