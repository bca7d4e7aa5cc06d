namespace Conversations.Channels.Webhooks;

/// <summary>The hash a platform signs its webhook calls with.</summary>
public enum HmacAlgorithm
{
    /// <summary>HMAC-SHA1 (older platforms, e.g. Messenger's <c>X-Hub-Signature</c>).</summary>
    Sha1 = 1,

    /// <summary>HMAC-SHA256 (e.g. Meta's <c>X-Hub-Signature-256</c>, Viber's <c>X-Viber-Content-Signature</c>).</summary>
    Sha256 = 2,
}
