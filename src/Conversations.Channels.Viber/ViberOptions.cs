namespace Conversations.Channels.Viber;

/// <summary>Settings of the Viber gateway (section <c>Channels:Viber</c>).</summary>
public sealed class ViberOptions
{
    /// <summary>Viber's REST bot API base (developers.viber.com/docs/api/rest-bot-api: <c>https://chatapi.viber.com/pa/...</c>).</summary>
    public const string DefaultApiBaseUrl = "https://chatapi.viber.com/pa";

    /// <summary>The REST bot API server; null means Viber's. Tests point it at a stand-in.</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>This deployment's public HTTPS base URL: connecting a bot sets <c>{PublicBaseUrl}/webhooks/viber/{botId}</c> as its
    /// webhook. Viber has no polling mode, so a bot cannot be connected without one.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Largest text kept from one message (Viber's own limit on a text message is 7000 characters).</summary>
    public int MaxTextLength { get; set; } = 16_384;
}
