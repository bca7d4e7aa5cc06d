namespace Conversations.Abstractions.Channels;

/// <summary>A business's account on a channel and what the gateway needs to talk to it.</summary>
/// <param name="Key">Channel and account id.</param>
/// <param name="TenantId">The tenant that owns it.</param>
/// <param name="DisplayName">Shown to admins (the bot's @username, the widget's title).</param>
/// <param name="Mode">Webhook or polling.</param>
/// <param name="Credential">The secret the channel's API needs (a Telegram bot token); never logged, never shown back.</param>
/// <param name="WebhookSecret">The secret the channel sends with every webhook call (Telegram's secret_token).</param>
/// <param name="Enabled">False stops inbound and outbound traffic.</param>
/// <param name="Settings">
/// The channel's non-secret settings beyond the key (a WhatsApp Business Account id, a VK community's API version),
/// read by that channel's project only. Secrets go in <paramref name="Credential"/> and <paramref name="WebhookSecret"/>.
/// </param>
/// <param name="DisabledReason">Why the platform's refusal turned the account off (never the credential); null while enabled or when an admin did.</param>
/// <param name="DisabledAt">When that happened.</param>
[GenerateSerializer, Immutable, Alias("conv.ChannelAccount")]
public sealed record ChannelAccount(
    [property: Id(0)] ChannelAccountKey Key,
    [property: Id(1)] Guid TenantId,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] InboundMode Mode,
    [property: Id(4)] string? Credential,
    [property: Id(5)] string? WebhookSecret,
    [property: Id(6)] bool Enabled,
    [property: Id(7)] IReadOnlyDictionary<string, string>? Settings = null,
    [property: Id(8)] string? DisabledReason = null,
    [property: Id(9)] DateTimeOffset? DisabledAt = null)
{
    /// <summary>Settings whose name starts with this are secrets too (a mailbox's DKIM key): never listed or shown back.</summary>
    public const string SecretSettingPrefix = "secret_";

    /// <summary>The account without its secrets, for listings.</summary>
    public ChannelAccount WithoutSecrets() => this with
    {
        Credential = null,
        WebhookSecret = null,
        Settings = Settings?.Where(s => !s.Key.StartsWith(SecretSettingPrefix, StringComparison.Ordinal)).ToDictionary(),
    };

    /// <inheritdoc />
    public override string ToString() => $"{Key.Kind} account {Key.Account} of tenant {TenantId} ({Mode})";
}
