namespace Conversations.Channels.Meta;

/// <summary>A Meta app this deployment receives webhooks for (App Dashboard → App settings → Basic; Webhooks).</summary>
public sealed class MetaApp
{
    /// <summary>The app id (public; part of the webhook URL).</summary>
    public string AppId { get; set; } = "";

    /// <summary>The app secret: Meta signs every webhook body with it (<c>X-Hub-Signature-256</c>). Never logged.</summary>
    public string AppSecret { get; set; } = "";

    /// <summary>The verify token typed into the App Dashboard's webhook settings; Meta echoes it in the GET handshake.</summary>
    public string VerifyToken { get; set; } = "";
}
