namespace Conversations.Abstractions.Conversations;

/// <summary>Stream names: one stream per tenant carries every <see cref="ConversationEvent"/> of that tenant.</summary>
public static class ConversationStreams
{
    /// <summary>Stream provider name.</summary>
    public const string Provider = "events";

    /// <summary>Stream namespace of tenant feeds; the stream key is the tenant id.</summary>
    public const string TenantFeed = "tenant-feed";
}
