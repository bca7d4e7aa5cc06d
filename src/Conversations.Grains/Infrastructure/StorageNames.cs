using Conversations.Abstractions.Conversations;

namespace Conversations.Grains.Infrastructure;

/// <summary>Names of the Orleans providers the grains use; the host registers providers under these names.</summary>
public static class StorageNames
{
    /// <summary>Grain state (ADO.NET on PostgreSQL, or memory in the embedded mode).</summary>
    public const string GrainState = "conversations";

    /// <summary>The stream provider that fans events out to operators.</summary>
    public const string Streams = ConversationStreams.Provider;

    /// <summary>Storage of stream subscriptions (required by the stream provider).</summary>
    public const string PubSub = "PubSubStore";
}
