namespace Conversations.Channels.Telegram;

/// <summary>Settings of the Telegram gateway (section <c>Channels:Telegram</c>).</summary>
public sealed class TelegramOptions
{
    /// <summary>The Bot API server; null means Telegram's (<c>https://api.telegram.org</c>). Tests point it at a stand-in.</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>This deployment's public HTTPS base URL; when set, connecting a bot in webhook mode registers
    /// <c>{PublicBaseUrl}/webhooks/telegram/{botId}</c> with Telegram.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Long-polling timeout of getUpdates, in seconds.</summary>
    public int PollingTimeoutSeconds { get; set; } = 25;

    /// <summary>Group and channel chats are ignored unless this is true (the platform serves one-to-one conversations).</summary>
    public bool AcceptGroupChats { get; set; }

    /// <summary>Largest text kept from one message; longer texts (not possible from real Telegram) are cut.</summary>
    public int MaxTextLength { get; set; } = 16_384;
}
