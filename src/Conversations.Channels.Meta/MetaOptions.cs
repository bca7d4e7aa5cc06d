namespace Conversations.Channels.Meta;

/// <summary>
/// Settings of Meta's channels (section <c>Channels:Meta</c>). The Meta apps live here, not on channel accounts: an
/// app's secret signs every webhook of every number, page and Instagram account the app serves, and one app (this
/// deployment's, as a Meta tech provider) serves many tenants. A tenant connects its number or page with that
/// account's own access token; events are routed to the tenant by phone_number_id, page id or Instagram account id.
/// </summary>
public sealed class MetaOptions
{
    /// <summary>The Graph API server; null means Meta's (<c>https://graph.facebook.com</c>). Tests point it at a stand-in.</summary>
    public string? GraphBaseUrl { get; set; }

    /// <summary>The Graph API version every call names (developers.facebook.com/docs/graph-api/changelog).</summary>
    public string GraphVersion { get; set; } = "v23.0";

    /// <summary>The Meta apps whose webhooks this deployment accepts, each at <c>/webhooks/{channel}/{AppId}</c>.</summary>
    public IList<MetaApp> Apps { get; } = [];

    /// <summary>This deployment's public HTTPS base URL, shown to admins as the webhook's callback URL.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Largest text kept from one inbound message; longer texts are cut.</summary>
    public int MaxTextLength { get; set; } = 16_384;

    /// <summary>The app with <paramref name="appId"/>, or null when this deployment has none by that id.</summary>
    public MetaApp? App(string? appId) =>
        string.IsNullOrEmpty(appId) ? null : Apps.FirstOrDefault(a => string.Equals(a.AppId, appId, StringComparison.Ordinal));
}
